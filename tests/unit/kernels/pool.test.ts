import { expose, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBudgetError } from '../../../src/core/kernels/budget.ts';
import type { KernelJob } from '../../../src/core/kernels/job.ts';
import { DEFAULT_KERNEL_PARAMS } from '../../../src/core/kernels/types.ts';
import { createKernelWorkerApi, type KernelWorkerApi } from '../../../src/workers/kernelWorkerApi.ts';
import { KernelPool, KernelRunError, RunCancelledError, type PoolWorker } from '../../../src/workers/kernelPool.ts';

/** A pool whose "workers" are the real worker API exposed over in-process MessageChannels. */
function createInProcessPool(size: number) {
  const created: MessageChannel[] = [];
  const prepared = { count: 0 };
  const factory = (): PoolWorker => {
    const channel = new MessageChannel();
    created.push(channel);
    const api = createKernelWorkerApi();
    expose({ ...api, prepare: () => { prepared.count += 1; return api.prepare(); } }, channel.port1);
    return {
      api: wrap<KernelWorkerApi>(channel.port2),
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
      crashed: new Promise<never>(() => {}),
    };
  };
  return { pool: new KernelPool(factory, size), created, prepared };
}

function job(kernel: string, seqLen: number, overrides: Partial<KernelJob> = {}): KernelJob {
  return { kernel, shape: { seqLen, heads: 2, headDim: 32, causal: true }, input: 'gaussian', params: DEFAULT_KERNEL_PARAMS, seed: 3, ...overrides };
}

const options = { budgetBytes: 256 * 1024 ** 2, repeats: 2 };
let pools: KernelPool[] = [];
afterEach(() => {
  for (const pool of pools) pool.dispose();
  pools = [];
});

describe('kernel pool over MessageChannel', () => {
  it('runs an exact job across both workers', async () => {
    const { pool } = createInProcessPool(2);
    pools.push(pool);
    const result = await pool.run(job('tiled', 300), options);
    expect(result.kernel).toBe('tiled');
    expect(result.timesMs).toHaveLength(2);
    expect(result.exact).toBe(true);
    // 4 · d · heads · N(N+1)/2 for the causal mask.
    expect(result.flops).toBe(4 * 32 * 2 * (300 * 301) / 2);
    expect(result.errors.maxAbsError).toBeLessThan(4e-6);
    expect(result.errors.comparedRows).toBe(600);
    expect(result.ioBytes).toBe(4 * 300 * 2 * 32 * 4);
  });

  it('reports progress that rises to 1', async () => {
    const { pool } = createInProcessPool(2);
    pools.push(pool);
    const fractions: number[] = [];
    await pool.run(job('dense', 700, { shape: { seqLen: 700, heads: 1, headDim: 32, causal: true } }), { ...options, repeats: 4, onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.at(-1)).toBe(1);
  });

  it('scores the retrieval input', async () => {
    const { pool } = createInProcessPool(2);
    pools.push(pool);
    const result = await pool.run(job('window', 512, { input: 'retrieval', shape: { seqLen: 512, heads: 1, headDim: 64, causal: false }, params: { ...DEFAULT_KERNEL_PARAMS, window: 32 } }), options);
    expect(result.errors.retrievalAccuracy).toBeLessThan(0.1);
    const exact = await pool.run(job('tiled', 512, { input: 'retrieval', shape: { seqLen: 512, heads: 1, headDim: 64, causal: false } }), options);
    expect(exact.errors.retrievalAccuracy).toBe(1);
  });

  it('names kernel, N and d when a worker throws, then keeps working', async () => {
    const { pool, created, prepared } = createInProcessPool(2);
    pools.push(pool);
    const failure = await pool.run(job('test-fail', 256), options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KernelRunError);
    expect((failure as KernelRunError).message).toMatch(/^test-fail failed at N = 256, d = 32: /);
    // The failed worker was replaced with a new one, which warms up before its first run.
    expect(created.length).toBeGreaterThan(2);
    const result = await pool.run(job('tiled', 256), options);
    expect(prepared.count).toBe(created.length - 2);
    expect(result.errors.maxAbsError).toBeLessThan(4e-6);
  });

  it('rejects materialised scores over budget before allocating', async () => {
    const { pool } = createInProcessPool(2);
    pools.push(pool);
    const failure = await pool.run(job('dense', 65536, { shape: { seqLen: 65536, heads: 1, headDim: 64, causal: false } }), { ...options, budgetBytes: 1024 ** 3 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MemoryBudgetError);
    expect((failure as Error).message).toContain('dense at N = 65,536: materialised scores need 16.0 GiB');
  });

  it('stops with RunCancelledError when aborted', async () => {
    const { pool } = createInProcessPool(2);
    pools.push(pool);
    const controller = new AbortController();
    const run = pool.run(job('dense', 1024), { ...options, repeats: 5, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    const after = await pool.run(job('tiled', 128), options);
    expect(after.timesMs).toHaveLength(2);
  });

  it('refuses a second job while one runs', async () => {
    const { pool } = createInProcessPool(1);
    pools.push(pool);
    const first = pool.run(job('tiled', 256), options);
    await expect(pool.run(job('tiled', 256), options)).rejects.toThrow('already running');
    await first;
  });
});
