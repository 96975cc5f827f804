import { ValidationError } from '../errors.ts';
import { requireInteger } from '../validate.ts';

/**
 * Shape of one attention call. Q, K, V and the output are Float32Arrays of
 * seqLen * heads * headDim values, row-major [seqLen, heads, headDim]: token t,
 * head h, dimension c sits at (t * heads + h) * headDim + c. This is the layout
 * of a fused QKV projection split into its three parts (GPT-2's c_attn).
 */
export interface AttentionShape {
  seqLen: number;
  heads: number;
  headDim: number;
  /** Token i attends to tokens 0..i only. */
  causal: boolean;
}

export const MAX_SEQ_LEN = 1 << 20;
export const MAX_HEADS = 128;
export const MAX_HEAD_DIM = 512;

/** Values in one of Q, K, V or the output. */
export function tensorLength(shape: AttentionShape): number {
  return shape.seqLen * shape.heads * shape.headDim;
}

/** Floats between consecutive tokens of one head. */
export function rowStride(shape: AttentionShape): number {
  return shape.heads * shape.headDim;
}

/** Checks the shape's ranges and that each array has seqLen * heads * headDim values. */
export function checkShape(shape: AttentionShape, arrays: Record<string, Float32Array> = {}): void {
  requireInteger('seqLen', shape.seqLen, { min: 1, max: MAX_SEQ_LEN });
  requireInteger('heads', shape.heads, { min: 1, max: MAX_HEADS });
  requireInteger('headDim', shape.headDim, { min: 1, max: MAX_HEAD_DIM });
  const expected = tensorLength(shape);
  for (const [name, array] of Object.entries(arrays)) {
    if (array.length !== expected) {
      throw new ValidationError(
        `${name}.length`,
        array.length,
        `${expected} (seqLen ${shape.seqLen} × heads ${shape.heads} × headDim ${shape.headDim})`,
      );
    }
  }
}

/** Q, K, V and the output of one call, all with the layout of AttentionShape. */
export interface AttentionBuffers {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  out: Float32Array;
}

/** 1 / sqrt(headDim), the softmax temperature of scaled dot-product attention (Vaswani et al. 2017). */
export function softmaxScale(headDim: number): number {
  return 1 / Math.sqrt(headDim);
}
