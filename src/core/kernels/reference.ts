import { rowStride, softmaxScale, type AttentionShape } from './shape.ts';

/**
 * Exact attention in float64, one row at a time: the yardstick every kernel's
 * error is measured against, never a kernel the app times. Returns a
 * Float64Array in the AttentionShape layout.
 */
export function referenceAttention(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): Float64Array {
  const { seqLen, heads, headDim, causal } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const out = new Float64Array(seqLen * stride);
  const scores = new Float64Array(seqLen);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < seqLen; i++) {
      const qRow = i * stride + h * headDim;
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
        for (let c = 0; c < headDim; c++) out[qRow + c] += weight * v[vRow + c]!;
      }
    }
  }
  return out;
}
