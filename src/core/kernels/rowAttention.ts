/**
 * Exact softmax attention of one query row over a set of key ranges, the
 * building block of the window and hierarchical kernels. Keys outside every
 * range are skipped rather than masked with a large negative logit, so a row
 * with no keys at all gets a zero output instead of NaN.
 */
export interface RowAttention {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  out: Float32Array;
  /** Floats between consecutive tokens (heads * headDim). */
  stride: number;
  headDim: number;
  scale: number;
}

/**
 * Computes the output row of `token` for one head from the keys in
 * [ranges[2r], ranges[2r+1]). headOffset is the head's first column
 * (head * headDim), and scores must hold at least as many entries as there are keys in the ranges.
 */
export function attendRanges(a: RowAttention, token: number, headOffset: number, ranges: readonly number[], scores: Float32Array): void {
  const { q, k, v, out, stride, headDim, scale } = a;
  const qBase = token * stride + headOffset;
  let count = 0;
  let max = -Infinity;
  for (let r = 0; r < ranges.length; r += 2) {
    for (let j = ranges[r]!; j < ranges[r + 1]!; j++) {
      const kBase = j * stride + headOffset;
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += q[qBase + c]! * k[kBase + c]!;
      const score = dot * scale;
      scores[count++] = score;
      if (score > max) max = score;
    }
  }
  out.fill(0, qBase, qBase + headDim);
  if (count === 0) return;

  let sum = 0;
  for (let i = 0; i < count; i++) {
    const weight = Math.exp(scores[i]! - max);
    scores[i] = weight;
    sum += weight;
  }
  let index = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    for (let j = ranges[r]!; j < ranges[r + 1]!; j++) {
      const weight = scores[index++]! / sum;
      const vBase = j * stride + headOffset;
      for (let c = 0; c < headDim; c++) out[qBase + c] = out[qBase + c]! + weight * v[vBase + c]!;
    }
  }
}
