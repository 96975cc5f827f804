import { ValidationError } from '../errors.ts';
import { createGaussian, createRandom } from './random.ts';
import { rowStride, type AttentionShape } from './shape.ts';

export const INPUT_KINDS = ['gaussian', 'retrieval'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface InputArrays {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

/**
 * Fills Q, K and V from a seeded generator. gaussian: every value standard
 * normal. retrieval: see fillRetrieval.
 */
export function fillInputs(kind: InputKind, shape: AttentionShape, seed: number, arrays: InputArrays): void {
  if (kind === 'gaussian') {
    const normal = createGaussian(seed);
    for (const array of [arrays.q, arrays.k, arrays.v]) {
      for (let i = 0; i < array.length; i++) array[i] = normal();
    }
  } else {
    fillRetrieval(shape, seed, arrays);
  }
}

/**
 * The key a retrieval query must find, half the sequence away, or -1 for a
 * query that is not scored. Causal: queries in the second half look back
 * seqLen/2 tokens. Non-causal: every query looks seqLen/2 tokens ahead, wrapping.
 */
export function retrievalTarget(query: number, seqLen: number, causal: boolean): number {
  const distance = Math.floor(seqLen / 2);
  if (causal) return query >= distance ? query - distance : -1;
  return (query + distance) % seqLen;
}

/** The class (0..headDim-1) of every key, per head: classes[token * heads + head]. */
export function retrievalClasses(shape: AttentionShape, seed: number): Int32Array {
  const uniform = createRandom(seed ^ 0x5bd1e995);
  const classes = new Int32Array(shape.seqLen * shape.heads);
  for (let i = 0; i < classes.length; i++) classes[i] = Math.floor(uniform() * shape.headDim);
  return classes;
}

/**
 * Keys are standard normal; each value is the one-hot code of its key's class;
 * a scored query is its target key times sqrt(headDim), so the target's logit
 * (about headDim) stands far above the others (standard deviation about
 * sqrt(headDim)). A query is answered correctly when the largest coordinate
 * of its output row is its target's class. Reliable for headDim >= 32.
 */
function fillRetrieval(shape: AttentionShape, seed: number, { q, k, v }: InputArrays): void {
  const { seqLen, heads, headDim, causal } = shape;
  if (seqLen < 2) throw new ValidationError('seqLen', seqLen, 'at least 2 for the retrieval input');
  const normal = createGaussian(seed);
  const classes = retrievalClasses(shape, seed);
  const stride = rowStride(shape);
  const beta = Math.sqrt(headDim);
  for (let i = 0; i < k.length; i++) k[i] = normal();
  v.fill(0);
  for (let t = 0; t < seqLen; t++) {
    for (let h = 0; h < heads; h++) v[t * stride + h * headDim + classes[t * heads + h]!] = 1;
  }
  for (let t = 0; t < seqLen; t++) {
    const target = retrievalTarget(t, seqLen, causal);
    for (let h = 0; h < heads; h++) {
      const row = t * stride + h * headDim;
      const source = target * stride + h * headDim;
      for (let c = 0; c < headDim; c++) q[row + c] = target < 0 ? normal() : beta * k[source + c]!;
    }
  }
}

/** Fraction of scored queries (over all heads) whose output's largest coordinate is the target's class. */
export function retrievalAccuracy(out: Float32Array, shape: AttentionShape, seed: number): number {
  const { seqLen, heads, headDim, causal } = shape;
  const classes = retrievalClasses(shape, seed);
  const stride = rowStride(shape);
  let scored = 0;
  let correct = 0;
  for (let t = 0; t < seqLen; t++) {
    const target = retrievalTarget(t, seqLen, causal);
    if (target < 0) continue;
    for (let h = 0; h < heads; h++) {
      const row = t * stride + h * headDim;
      let best = 0;
      for (let c = 1; c < headDim; c++) if (out[row + c]! > out[row + best]!) best = c;
      scored += 1;
      if (best === classes[target * heads + h]) correct += 1;
    }
  }
  return scored === 0 ? Number.NaN : correct / scored;
}
