import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGpt2Config } from '../../../src/core/gpt2/config.ts';
import { forwardLogits } from '../../../src/core/gpt2/forward.ts';
import { loadGpt2Weights } from '../../../src/core/gpt2/weights.ts';

const fixture = new URL('../../fixtures/gpt2-tiny/', import.meta.url);
const config = parseGpt2Config(readFileSync(new URL('config.json', fixture), 'utf8'));
const bytes = new Uint8Array(readFileSync(new URL('model.safetensors', fixture)));

describe('forward pass with a helper thread', () => {
  const shared = loadGpt2Weights(bytes, config, { arena: 'shared' });
  const single = loadGpt2Weights(bytes, config, { arena: 'private' });
  const setup = shared.arena!.helperSetup();
  const worker = new Worker(new URL('./helperThread.mjs', import.meta.url), { workerData: setup });

  afterAll(async () => {
    shared.arena!.stopHelper();
    await worker.terminate();
  });

  it('equals the one-thread logits', { timeout: 30_000 }, async () => {
    const started = Date.now();
    while (!(setup.control[2] === 1) && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setup.control[2]).toBe(1);

    // 32 tokens fill the context; the 32-row chunk is split 16 + 16 between the threads.
    const tokens = Array.from({ length: 32 }, (_, i) => (i * 37 + 5) % 101);
    const jobsBefore = setup.control[0]!;
    const twoThreads = forwardLogits(shared, tokens);
    expect(setup.control[0]! - jobsBefore).toBeGreaterThan(0);
    expect(Array.from(twoThreads)).toEqual(Array.from(forwardLogits(single, tokens)));
  });
});
