import { fillInputs, type InputKind } from '../../../src/core/kernels/inputs.ts';
import type { AttentionShape } from '../../../src/core/kernels/shape.ts';
import { DEFAULT_KERNEL_PARAMS, type AttentionKernel, type KernelParams } from '../../../src/core/kernels/types.ts';

export interface Inputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

export function makeInputs(shape: AttentionShape, seed = 7, kind: InputKind = 'gaussian'): Inputs {
  const length = shape.seqLen * shape.heads * shape.headDim;
  const inputs = { q: new Float32Array(length), k: new Float32Array(length), v: new Float32Array(length) };
  fillInputs(kind, shape, seed, inputs);
  return inputs;
}

/** Runs a kernel over every head and row on the calling thread, as one task per head. */
export function runKernel(kernel: AttentionKernel, inputs: Inputs, shape: AttentionShape, params: Partial<KernelParams> = {}): Float32Array {
  const out = new Float32Array(inputs.q.length);
  for (let head = 0; head < shape.heads; head++) {
    kernel.run({ buffers: { ...inputs, out }, shape, params: { ...DEFAULT_KERNEL_PARAMS, ...params }, head, rowStart: 0, rowEnd: shape.seqLen });
  }
  return out;
}
