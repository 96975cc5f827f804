import type { AttentionShape } from './shape.ts';

/**
 * FLOPs of exact attention: QKᵀ and PV each cost 2 · headDim per query-key
 * pair. A causal kernel visits only the seqLen(seqLen + 1)/2 pairs on or below
 * the diagonal. Softmax and scaling are not counted, as in the usual
 * 4 · N² · d figure.
 */
export function exactFlops(shape: AttentionShape): number {
  const { seqLen, heads, headDim, causal } = shape;
  const pairs = causal ? (seqLen * (seqLen + 1)) / 2 : seqLen * seqLen;
  return 4 * headDim * heads * pairs;
}
