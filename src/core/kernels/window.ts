import { requireInteger } from '../validate.ts';
import { attendRanges, type RowAttention } from './rowAttention.ts';
import { rowStride, softmaxScale, type AttentionShape } from './shape.ts';
import { planTasks } from './plan.ts';
import type { AttentionKernel, KernelParams, KernelTask } from './types.ts';

/**
 * Returns the key ranges a token attends to under a sliding window of reach w with g global
 * tokens, after Longformer (Beltagy et al., arXiv 2004.05150): the tokens
 * less than w away on either side (causal: the w tokens ending at itself),
 * the first g tokens, and every token when it is itself global. Longformer's
 * window counts both sides, so its w = 512 is a reach of 256 here; with a
 * reach of at least N the kernel is exact attention.
 */
export function windowRanges(token: number, shape: AttentionShape, params: KernelParams): number[] {
  const { seqLen, causal } = shape;
  const { window, globalTokens } = params;
  const end = causal ? token + 1 : seqLen;
  if (token < globalTokens) return [0, end];
  const start = Math.max(0, token + 1 - window);
  const stop = causal ? end : Math.min(seqLen, token + window);
  const globalEnd = Math.min(globalTokens, start, end);
  const ranges = globalEnd > 0 ? [0, globalEnd] : [];
  if (stop > start) ranges.push(Math.max(start, globalEnd), stop);
  return ranges;
}

/** Keys one non-global token attends to at most. */
function keysPerToken(shape: AttentionShape, params: KernelParams): number {
  const reach = shape.causal ? params.window : 2 * params.window - 1;
  return Math.min(shape.seqLen, Math.max(0, reach) + params.globalTokens);
}

export const windowKernel: AttentionKernel = {
  id: 'window',
  name: 'Sliding window + global tokens',
  exact: false,
  source: 'Beltagy et al., "Longformer", arXiv 2004.05150',
  check(_shape, params) {
    requireInteger('window', params.window, { min: 0, max: 1 << 20 });
    requireInteger('globalTokens', params.globalTokens, { min: 0, max: 1 << 20 });
  },
  extraBytes(shape, params, workers) {
    // Each task keeps one row of scores; a global row sees every key.
    const keys = params.globalTokens > 0 ? shape.seqLen : keysPerToken(shape, params);
    return Math.min(workers, planTasks(shape, workers).length) * keys * 4;
  },
  flops(shape, params) {
    let pairs = 0;
    for (let i = 0; i < shape.seqLen; i++) {
      const ranges = windowRanges(i, shape, params);
      for (let r = 0; r < ranges.length; r += 2) pairs += ranges[r + 1]! - ranges[r]!;
    }
    return 4 * shape.headDim * shape.heads * pairs;
  },
  run(task) {
    runWindow(task);
  },
};

function runWindow({ buffers, shape, params, head, rowStart, rowEnd, onRows }: KernelTask): void {
  const row: RowAttention = { ...buffers, stride: rowStride(shape), headDim: shape.headDim, scale: softmaxScale(shape.headDim) };
  const scores = new Float32Array(params.globalTokens > 0 ? shape.seqLen : keysPerToken(shape, params));
  for (let i = rowStart; i < rowEnd; i++) {
    attendRanges(row, i, head * shape.headDim, windowRanges(i, shape, params), scores);
    if (onRows && ((i - rowStart + 1) % 64 === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}
