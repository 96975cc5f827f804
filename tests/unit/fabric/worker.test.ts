import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { FabricRunInput } from '../../../src/core/fabric/input.ts';
import { simulateFabric, type FabricResult } from '../../../src/core/fabric/simulate.ts';
import { createFabricApi } from '../../../src/workers/fabricApi.ts';
import { FabricSimulationClient, SimulationCancelledError, WorkerFailedError, type WorkerLike } from '../../../src/workers/fabricClient.ts';
import { bareFabric, GPT_J, runInput, settingsWith, TINY_MODEL, WSE2 } from './helpers.ts';

/** An in-process "worker": the API is exposed on one end of a MessageChannel and the client talks to the other. */
class ChannelWorker extends EventTarget implements WorkerLike {
  terminated = false;
  private readonly channel = new MessageChannel();

  constructor(api: object) {
    super();
    expose(api, this.channel.port1 as unknown as Endpoint);
    this.channel.port1.start();
    this.channel.port2.start();
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.channel.port2.postMessage(message, transfer ?? []);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.channel.port2.addEventListener('message', listener as EventListener);
    else super.addEventListener(type, listener);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.channel.port2.removeEventListener('message', listener as EventListener);
    else super.removeEventListener(type, listener);
  }

  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

const small = runInput(TINY_MODEL, settingsWith({}), bareFabric(4, 3, 300), { seq: 5 });
const clients: FabricSimulationClient[] = [];

function clientOver(makeApi: () => object): { client: FabricSimulationClient; workers: ChannelWorker[] } {
  const workers: ChannelWorker[] = [];
  const client = new FabricSimulationClient(() => {
    const worker = new ChannelWorker(makeApi());
    workers.push(worker);
    return worker;
  });
  clients.push(client);
  return { client, workers };
}

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('fabric worker over comlink', () => {
  it('returns the same result as a direct call', async () => {
    const { client } = clientOver(() => createFabricApi());
    const input = runInput(GPT_J, settingsWith({}), WSE2, { seq: 2251 });
    const result = await client.run(input);
    const direct = simulateFabric(input);
    expect(result.summary.overflowPes).toBe(263);
    expect(result.metrics.memory).toBeInstanceOf(Float32Array);
    expect(result.metrics.memory.length).toBe(757 * 996);
    expect(Array.from(result.metrics.memory.subarray(5000, 5100))).toEqual(Array.from(direct.metrics.memory.subarray(5000, 5100)));
    expect(result.summary.storedActivationBytes).toBe(direct.summary.storedActivationBytes);
  });

  it('transfers the metric arrays instead of copying', async () => {
    let sent: FabricResult | undefined;
    const { client } = clientOver(() => createFabricApi((input) => (sent = simulateFabric(input))));
    const result = await client.run(small);
    expect(result.metrics.memory.length).toBe(12);
    expect(sent!.metrics.memory.buffer.byteLength).toBe(0);
    expect(sent!.metrics.arrival.buffer.byteLength).toBe(0);
  });

  it('reports an error thrown in the worker and starts fresh', async () => {
    let calls = 0;
    const { client, workers } = clientOver(() => createFabricApi((input) => {
      calls += 1;
      if (calls === 1) throw new RangeError('sram: 0 is invalid');
      return simulateFabric(input);
    }));
    await expect(client.run(small)).rejects.toThrow(WorkerFailedError);
    expect(workers[0]!.terminated).toBe(true);
    const result = await client.run(small);
    expect(result.summary.overflowPes).toBe(4);
    expect(workers).toHaveLength(2);
  });

  it('reports a worker that dies', async () => {
    const { client, workers } = clientOver(() => ({ simulate: () => new Promise(() => {}) }));
    const running = client.run(small);
    await Promise.resolve();
    workers[0]!.dispatchEvent(new Event('error'));
    await expect(running).rejects.toThrow(/stopped unexpectedly/);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('a new run cancels the one in flight', async () => {
    const releases: (() => void)[] = [];
    const { client, workers } = clientOver(() => ({
      simulate: (input: FabricRunInput) => new Promise((resolve) => releases.push(() => resolve(simulateFabric(input)))),
    }));
    const first = client.run(small);
    const second = client.run({ ...small, fabric: { ...small.fabric, seq: 4 } });
    await expect(first).rejects.toThrow(SimulationCancelledError);
    expect(workers[0]!.terminated).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    releases.at(-1)!();
    const result = await second;
    expect(result.summary.seq).toBe(4);
    expect(workers).toHaveLength(2);
  });
});
