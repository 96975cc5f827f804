import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGpt2Config } from '../../../src/core/gpt2/config.ts';
import { forwardLogits } from '../../../src/core/gpt2/forward.ts';
import { readSafetensorsIndex, readTensorAsFloat32 } from '../../../src/core/gpt2/safetensors.ts';
import { loadGpt2Weights } from '../../../src/core/gpt2/weights.ts';

const fixture = new URL('../../fixtures/gpt2-tiny/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, fixture)));

/** Largest |a − b| over two equally long arrays. */
function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

// The reference logits come from scripts/make_gpt2_fixture.py: PyTorch in float64 on the same weights.
describe('GPT-2 forward pass against PyTorch', () => {
  const config = parseGpt2Config(readFileSync(new URL('config.json', fixture), 'utf8'));
  const weights = loadGpt2Weights(read('model.safetensors'), config);
  const referenceBytes = read('reference.safetensors');
  const reference = readSafetensorsIndex(referenceBytes);
  const tokenEntry = reference.tensors.get('tokens')!;
  const tokens = Array.from(new Int32Array(referenceBytes.slice(tokenEntry.begin, tokenEntry.end).buffer));
  const expected = (name: string) => readTensorAsFloat32(referenceBytes, reference.tensors.get(name)!);

  it('reads the tiny config', () => {
    expect(config).toEqual({ layers: 2, heads: 4, hidden: 64, inner: 256, contextTokens: 32, vocab: 101, layerNormEpsilon: 1e-5 });
    expect(tokens).toHaveLength(20);
  });

  it('matches full causal logits within 1e-4', () => {
    const logits = forwardLogits(weights, tokens);
    const want = expected('logits');
    expect(logits).toHaveLength(want.length);
    expect(maxAbsDifference(logits, want)).toBeLessThan(1e-4);
  });

  it('matches sliding-window logits within 1e-4', () => {
    const logits = forwardLogits(weights, tokens, { window: 4 });
    expect(maxAbsDifference(logits, expected('logits_window4'))).toBeLessThan(1e-4);
  });

  it('window differs from full context', () => {
    const full = forwardLogits(weights, tokens);
    const windowed = forwardLogits(weights, tokens, { window: 4 });
    // The first four positions see the same tokens either way; later ones do not.
    expect(maxAbsDifference(full.subarray(0, 4 * 101), windowed.subarray(0, 4 * 101))).toBeLessThan(1e-5);
    expect(maxAbsDifference(full.subarray(10 * 101), windowed.subarray(10 * 101))).toBeGreaterThan(1e-2);
  });

  it('prefix logits do not depend on later tokens', () => {
    const full = forwardLogits(weights, tokens);
    const prefix = forwardLogits(weights, tokens.slice(0, 7));
    expect(maxAbsDifference(prefix, full.subarray(0, 7 * 101))).toBeLessThan(1e-5);
  });

  it('matches PyTorch on the SIMD kernels', () => {
    const arenaWeights = loadGpt2Weights(read('model.safetensors'), config, { arena: 'private' });
    expect(arenaWeights.arena).not.toBeNull();
    expect(arenaWeights.arena!.isPacked(arenaWeights.blocks[1]!.mlpFcWeight)).toBe(true);
    expect(maxAbsDifference(forwardLogits(arenaWeights, tokens), expected('logits'))).toBeLessThan(1e-4);
    expect(maxAbsDifference(forwardLogits(arenaWeights, tokens, { window: 4 }), expected('logits_window4'))).toBeLessThan(1e-4);
  });

  it('rejects out-of-vocabulary token', () => {
    expect(() => forwardLogits(weights, [1, 101])).toThrow(/tokens\[1\]: 101 is invalid; expected a token id from 0 to 100/);
  });

  it('rejects input longer than context', () => {
    expect(() => forwardLogits(weights, new Array(33).fill(0))).toThrow(/1 to 32 tokens/);
  });
});
