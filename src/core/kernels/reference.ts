import { rowStride, softmaxScale, type AttentionShape } from './shape.ts';

/**
 * Exact attention in float64, one row at a time: the yardstick every kernel's
 * error is measured against, never a kernel the app times. Returns a
 * Float64Array in the AttentionShape layout.
 */
export function referenceAttention(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): Float64Array {
  return referenceRows(q, k, v, shape, Array.from({ length: shape.seqLen }, (_, i) => i));
}

/**
 * The reference output of the given tokens only, each row of heads * headDim
 * values in the order of `tokens`; costs O(tokens * seqLen * headDim) per head.
 */
export function referenceRows(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape, tokens: readonly number[]): Float64Array {
  const { seqLen, heads, headDim, causal } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const out = new Float64Array(tokens.length * stride);
  const scores = new Float64Array(seqLen);
  for (let h = 0; h < heads; h++) {
    for (let row = 0; row < tokens.length; row++) {
      const i = tokens[row]!;
      const qRow = i * stride + h * headDim;
      const outRow = row * stride + h * headDim;
      const end = causal ? i + 1 : seqLen;
      let max = -Infinity;
      for (let j = 0; j < end; j++) {
        const kRow = j * stride + h * headDim;
        let dot = 0;
        for (let c = 0; c < headDim; c++) dot += q[qRow + c]! * k[kRow + c]!;
        scores[j] = dot * scale;
        if (scores[j]! > max) max = scores[j]!;
      }
      let sum = 0;
      for (let j = 0; j < end; j++) {
        scores[j] = Math.exp(scores[j]! - max);
        sum += scores[j]!;
      }
      for (let j = 0; j < end; j++) {
        const weight = scores[j]! / sum;
        const vRow = j * stride + h * headDim;
        for (let c = 0; c < headDim; c++) out[outRow + c] = out[outRow + c]! + weight * v[vRow + c]!;
      }
    }
  }
  return out;
}
