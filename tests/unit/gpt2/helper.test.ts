import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGpt2Config } from '../../../src/core/gpt2/config.ts';
import { forwardLogits } from '../../../src/core/gpt2/forward.ts';
import { linear, outputHead } from '../../../src/core/gpt2/layers.ts';
import { WeightArena } from '../../../src/core/gpt2/wasm/arena.ts';
import { HelperChannel, type HelperSetup } from '../../../src/core/gpt2/wasm/helperChannel.ts';
import { loadGpt2Weights } from '../../../src/core/gpt2/weights.ts';

const fixture = new URL('../../fixtures/gpt2-tiny/', import.meta.url);
const config = parseGpt2Config(readFileSync(new URL('config.json', fixture), 'utf8'));
const bytes = new Uint8Array(readFileSync(new URL('model.safetensors', fixture)));

/** Values in [-1, 1) from a fixed linear congruential sequence. */
function seeded(length: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Starts a helper thread on the setup and resolves once it reports ready. */
async function startHelper(setup: HelperSetup): Promise<Worker> {
  const worker = new Worker(new URL('./helperThread.mjs', import.meta.url), { workerData: setup });
  const channel = new HelperChannel(setup.control);
  const started = Date.now();
  while (!channel.isReady() && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
  return worker;
}

describe('matrix products with a helper thread', () => {
  const rows = 512;
  const inWidth = 64;
  const outWidth = 96;
  const vocab = 203;
  const arena = new WeightArena({ weightFloats: inWidth * outWidth + outWidth + vocab * inWidth, maxInWidth: inWidth, maxOutWidth: vocab }, { shared: true });
  const weight = seeded(inWidth * outWidth, 1);
  const bias = seeded(outWidth, 2);
  const embedding = seeded(vocab * inWidth, 3);
  const packed = arena.placePacked(weight, inWidth, outWidth);
  const arenaBias = arena.place(bias);
  const arenaEmbedding = arena.place(embedding);
  const x = seeded(rows * inWidth, 4);
  const setup = arena.helperSetup();
  const channel = new HelperChannel(setup.control);
  let worker: Worker;

  beforeAll(async () => {
    worker = await startHelper(setup);
  }, 30_000);

  afterAll(async () => {
    arena.stopHelper();
    await worker.terminate();
  });

  it('helper starts', () => {
    expect(channel.isReady()).toBe(true);
  });

  it('linear matches JavaScript', () => {
    const expected = new Float32Array(rows * outWidth);
    linear(expected, x, rows, inWidth, weight, bias, outWidth);
    for (let repeat = 0; repeat < 20; repeat++) {
      const out = new Float32Array(rows * outWidth);
      arena.linear(out, x, rows, inWidth, packed, arenaBias, outWidth);
      expect(maxAbsDifference(out, expected)).toBeLessThan(1e-4);
    }
    // 20 products of 16 row blocks each: the helper claims some of them.
    expect(channel.helperBlocks()).toBeGreaterThan(0);
  });

  it('output head matches JavaScript', () => {
    const expected = new Float32Array(rows * vocab);
    outputHead(expected, x, rows, inWidth, embedding, vocab);
    const out = new Float32Array(rows * vocab);
    arena.outputHead(out, x, rows, inWidth, arenaEmbedding, vocab);
    expect(maxAbsDifference(out, expected)).toBeLessThan(1e-4);
  });
});

describe('forward pass with a helper thread', () => {
  const shared = loadGpt2Weights(bytes, config, { arena: 'shared' });
  const single = loadGpt2Weights(bytes, config, { arena: 'private' });
  const setup = shared.arena!.helperSetup();
  let worker: Worker;

  beforeAll(async () => {
    worker = await startHelper(setup);
  }, 30_000);

  afterAll(async () => {
    shared.arena!.stopHelper();
    await worker.terminate();
  });

  it('equals the one-thread logits', () => {
    expect(new HelperChannel(setup.control).isReady()).toBe(true);
    const tokens = Array.from({ length: 32 }, (_, i) => (i * 37 + 5) % 101);
    expect(Array.from(forwardLogits(shared, tokens))).toEqual(Array.from(forwardLogits(single, tokens)));
  });
});
