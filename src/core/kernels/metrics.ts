import type { AttentionShape } from './shape.ts';

export interface ErrorMetrics {
  /** Largest |out - reference| over all values. */
  maxAbsError: number;
  /** ||out - reference||_F / ||reference||_F. */
  relFrobError: number;
  /** Mean over output rows (token and head) of the cosine similarity to the reference row. */
  meanCosine: number;
}

/** Compares a kernel's output with the float64 reference, both in the AttentionShape layout. */
export function compareOutputs(out: ArrayLike<number>, reference: ArrayLike<number>, shape: AttentionShape): ErrorMetrics {
  const { headDim } = shape;
  let maxAbs = 0;
  let diffSquares = 0;
  let refSquares = 0;
  let cosineSum = 0;
  let rows = 0;
  for (let row = 0; row < reference.length; row += headDim) {
    let dot = 0;
    let outNorm = 0;
    let refNorm = 0;
    for (let c = row; c < row + headDim; c++) {
      const a = out[c]!;
      const b = reference[c]!;
      const diff = Math.abs(a - b);
      // A NaN must not hide behind Math.max, which would drop it.
      if (!(diff <= maxAbs)) maxAbs = diff;
      diffSquares += diff * diff;
      refSquares += b * b;
      dot += a * b;
      outNorm += a * a;
      refNorm += b * b;
    }
    // Two zero rows (a fully masked query) are identical.
    cosineSum += outNorm === 0 && refNorm === 0 ? 1 : dot / Math.sqrt(outNorm * refNorm);
    rows += 1;
  }
  return {
    maxAbsError: maxAbs,
    relFrobError: refSquares === 0 ? Math.sqrt(diffSquares) : Math.sqrt(diffSquares / refSquares),
    meanCosine: rows === 0 ? 1 : cosineSum / rows,
  };
}
