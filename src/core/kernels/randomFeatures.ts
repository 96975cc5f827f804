import { requireInteger } from '../validate.ts';
import { planTasks } from './plan.ts';
import { createGaussian } from './random.ts';
import { rowStride } from './shape.ts';
import type { AttentionKernel, KernelTask } from './types.ts';

/**
 * Performer's FAVOR+ (Choromanski et al., arXiv 2009.14794): the softmax kernel
 * exp(q·k / sqrt(d)) is estimated by positive random features
 * phi(x) = exp(w·x - |x|²/2) / sqrt(m) of x = q / d^(1/4) and k / d^(1/4),
 * with the m rows of w drawn in orthogonal blocks of d and rescaled to
 * Gaussian lengths. Attention is then linear in seqLen: each query reads a
 * sum over keys of phi(k) vᵀ (a prefix sum when causal).
 */
export const randomFeaturesKernel: AttentionKernel = {
  id: 'random-features',
  name: 'Random features (Performer FAVOR+)',
  exact: false,
  source: 'Choromanski et al., "Performer", arXiv 2009.14794',
  check(_shape, params) {
    requireInteger('features', params.features, { min: 1, max: 1 << 16 });
  },
  extraBytes(shape, params, workers) {
    const { features } = params;
    const perTask = (2 * features * shape.headDim + 3 * features) * 4;
    return Math.min(workers, planTasks(shape, workers).length) * perTask;
  },
  flops(shape, params) {
    const { seqLen, heads, headDim } = shape;
    // Features of each query and key, the key-value sum, and each query's read-out.
    return heads * 8 * seqLen * params.features * headDim;
  },
  run(task) {
    runRandomFeatures(task);
  },
};

/** m x d projection: orthogonal blocks of d rows (Gram-Schmidt), each row scaled to the length of a Gaussian vector. */
export function orthogonalFeatures(features: number, headDim: number, seed: number): Float32Array {
  const normal = createGaussian(seed);
  const omega = new Float32Array(features * headDim);
  const row = new Float64Array(headDim);
  for (let r = 0; r < features; r++) {
    const blockStart = r - (r % headDim);
    for (let c = 0; c < headDim; c++) row[c] = normal();
    for (let p = blockStart; p < r; p++) {
      let dot = 0;
      let norm = 0;
      for (let c = 0; c < headDim; c++) {
        dot += row[c]! * omega[p * headDim + c]!;
        norm += omega[p * headDim + c]! ** 2;
      }
      for (let c = 0; c < headDim; c++) row[c] = row[c]! - (dot / norm) * omega[p * headDim + c]!;
    }
    let norm = 0;
    for (let c = 0; c < headDim; c++) norm += row[c]! ** 2;
    let length = 0;
    for (let c = 0; c < headDim; c++) length += normal() ** 2;
    const factor = Math.sqrt(length / norm);
    for (let c = 0; c < headDim; c++) omega[r * headDim + c] = row[c]! * factor;
  }
  return omega;
}

/**
 * Writes w·x - |x|²/2 for x = source[base..] / d^(1/4) into logits and returns
 * their maximum; exp(logits - max) are the features up to a common factor.
 */
function featureLogits(source: Float32Array, base: number, omega: Float32Array, headDim: number, logits: Float64Array): number {
  const inputScale = headDim ** -0.25;
  let squares = 0;
  for (let c = 0; c < headDim; c++) squares += (source[base + c]! * inputScale) ** 2;
  let max = -Infinity;
  for (let r = 0; r < logits.length; r++) {
    let dot = 0;
    for (let c = 0; c < headDim; c++) dot += omega[r * headDim + c]! * source[base + c]!;
    logits[r] = dot * inputScale - squares / 2;
    if (logits[r]! > max) max = logits[r]!;
  }
  return max;
}

/**
 * Running sums over keys of phi(k) vᵀ and phi(k), kept relative to the largest
 * key logit seen so far (stabiliser), and rescaled when it rises, so that large
 * logits neither overflow nor underflow every feature.
 */
class KeyValueSums {
  readonly kv: Float64Array;
  readonly z: Float64Array;
  stabiliser = -Infinity;
  private readonly logits: Float64Array;

  constructor(private readonly features: number, private readonly headDim: number) {
    this.kv = new Float64Array(features * headDim);
    this.z = new Float64Array(features);
    this.logits = new Float64Array(features);
  }

  add(k: Float32Array, v: Float32Array, base: number, omega: Float32Array): void {
    const { features, headDim, kv, z, logits } = this;
    const max = featureLogits(k, base, omega, headDim, logits);
    if (max > this.stabiliser) {
      const factor = this.stabiliser === -Infinity ? 0 : Math.exp(this.stabiliser - max);
      for (let i = 0; i < kv.length; i++) kv[i] = kv[i]! * factor;
      for (let r = 0; r < features; r++) z[r] = z[r]! * factor;
      this.stabiliser = max;
    }
    for (let r = 0; r < features; r++) {
      const phi = Math.exp(logits[r]! - this.stabiliser);
      z[r] = z[r]! + phi;
      for (let c = 0; c < headDim; c++) kv[r * headDim + c] = kv[r * headDim + c]! + phi * v[base + c]!;
    }
  }
}

function runRandomFeatures(task: KernelTask): void {
  const { buffers, shape, params, head, rowStart, rowEnd, onRows } = task;
  const { seqLen, headDim, causal } = shape;
  const { features } = params;
  const stride = rowStride(shape);
  const offset = head * headDim;
  const omega = orthogonalFeatures(features, headDim, (params.seed * 7919 + head) >>> 0);
  const sums = new KeyValueSums(features, headDim);
  const queryLogits = new Float64Array(features);
  const numerator = new Float64Array(headDim);

  const prefixEnd = causal ? rowStart : seqLen;
  for (let j = 0; j < prefixEnd; j++) sums.add(buffers.k, buffers.v, j * stride + offset, omega);

  for (let i = rowStart; i < rowEnd; i++) {
    if (causal) sums.add(buffers.k, buffers.v, i * stride + offset, omega);
    const qBase = i * stride + offset;
    const max = featureLogits(buffers.q, qBase, omega, headDim, queryLogits);
    let denominator = 0;
    buffers.out.fill(0, qBase, qBase + headDim);
    for (let r = 0; r < features; r++) {
      const phi = Math.exp(queryLogits[r]! - max);
      queryLogits[r] = phi;
      denominator += phi * sums.z[r]!;
    }
    // Summing the numerator before dividing keeps a denominator near the
    // underflow limit from producing 1/denominator = Infinity (and then NaN).
    numerator.fill(0);
    for (let r = 0; r < features; r++) {
      const phi = queryLogits[r]!;
      for (let c = 0; c < headDim; c++) numerator[c] = numerator[c]! + phi * sums.kv[r * headDim + c]!;
    }
    if (denominator > 0 && Number.isFinite(denominator)) {
      for (let c = 0; c < headDim; c++) buffers.out[qBase + c] = numerator[c]! / denominator;
    }
    if (onRows && ((i - rowStart + 1) % 64 === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}
