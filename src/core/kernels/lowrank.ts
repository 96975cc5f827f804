import { ValidationError } from '../errors.ts';
import { requireInteger } from '../validate.ts';
import { planTasks } from './plan.ts';
import { createRandom } from './random.ts';
import { rowStride, softmaxScale } from './shape.ts';
import type { AttentionKernel, KernelTask } from './types.ts';

/**
 * Low-rank attention after Linformer (Wang et al., arXiv 2006.04768): K and V
 * are projected along the sequence to k rows by one fixed k x seqLen matrix E,
 * and every query attends to those k rows. E here is a seeded random sign
 * matrix scaled by 1/sqrt(k) (a Johnson-Lindenstrauss projection) rather than
 * a learned one, regenerated row by row so it is never stored.
 */
export const lowRankKernel: AttentionKernel = {
  id: 'lowrank',
  name: 'Low-rank projection (Linformer)',
  exact: false,
  source: 'Wang et al., "Linformer", arXiv 2006.04768',
  check(shape, params) {
    requireInteger('rank', params.rank, { min: 1, max: 1 << 16 });
    if (shape.causal) {
      throw new ValidationError('causal', true, 'false for the lowrank kernel', 'Its projection mixes every token, later ones included, into each key; run it non-causal.');
    }
  },
  extraBytes(shape, params, workers) {
    const perTask = (2 * params.rank * shape.headDim + params.rank) * 4;
    return Math.min(workers, planTasks(shape, workers).length) * perTask;
  },
  flops(shape, params) {
    const { seqLen, heads, headDim } = shape;
    // Projection of K and V, then QK'ᵀ and PV' over k columns.
    return heads * (4 * params.rank * seqLen * headDim + 4 * seqLen * params.rank * headDim);
  },
  run(task) {
    runLowRank(task);
  },
};

/** Projects K and V of one head: row r of the result is sum_j E[r, j] * row j. */
function project(task: KernelTask): { keys: Float32Array; values: Float32Array } {
  const { buffers, shape, params, head } = task;
  const { seqLen, headDim } = shape;
  const stride = rowStride(shape);
  const rank = params.rank;
  const keys = new Float32Array(rank * headDim);
  const values = new Float32Array(rank * headDim);
  const weight = 1 / Math.sqrt(rank);
  for (let r = 0; r < rank; r++) {
    const uniform = createRandom((params.seed * 1_000_003 + head * 65_537 + r) >>> 0);
    let bits = 0;
    for (let j = 0; j < seqLen; j++) {
      if (j % 32 === 0) bits = Math.floor(uniform() * 4294967296);
      const sign = (bits >>> (j % 32)) & 1 ? weight : -weight;
      const base = j * stride + head * headDim;
      for (let c = 0; c < headDim; c++) {
        keys[r * headDim + c] = keys[r * headDim + c]! + sign * buffers.k[base + c]!;
        values[r * headDim + c] = values[r * headDim + c]! + sign * buffers.v[base + c]!;
      }
    }
  }
  return { keys, values };
}

function runLowRank(task: KernelTask): void {
  const { buffers, shape, params, head, rowStart, rowEnd, onRows } = task;
  const { headDim } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const rank = params.rank;
  const { keys, values } = project(task);
  const scores = new Float32Array(rank);

  for (let i = rowStart; i < rowEnd; i++) {
    const qBase = i * stride + head * headDim;
    let max = -Infinity;
    for (let r = 0; r < rank; r++) {
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += buffers.q[qBase + c]! * keys[r * headDim + c]!;
      scores[r] = dot * scale;
      max = Math.max(max, scores[r]!);
    }
    let sum = 0;
    for (let r = 0; r < rank; r++) {
      scores[r] = Math.exp(scores[r]! - max);
      sum += scores[r]!;
    }
    buffers.out.fill(0, qBase, qBase + headDim);
    for (let r = 0; r < rank; r++) {
      const w = scores[r]! / sum;
      for (let c = 0; c < headDim; c++) buffers.out[qBase + c] = buffers.out[qBase + c]! + w * values[r * headDim + c]!;
    }
    if (onRows && ((i - rowStart + 1) % 64 === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}
