import { ValidationError } from '../errors.ts';
import { checkShape, tensorLength, type AttentionShape } from './shape.ts';
import { tiledKernel, tiledScratchBytes } from './tiled.ts';
import { DEFAULT_KERNEL_PARAMS } from './types.ts';
import { pagesFor, WASM_MAX_PAGES, WASM_RESERVED_BYTES } from './wasm/engine.ts';

/**
 * Exact multi-head scaled dot-product attention, softmax(Q Kᵀ / sqrt(d)) V per
 * head, on the calling thread, with the tiled online-softmax kernel
 * (WebAssembly SIMD when headDim is a multiple of 8).
 *
 * Shapes: q, k and v are Float32Arrays of seqLen * heads * headDim values,
 * row-major [seqLen, heads, headDim] (token t, head h, dimension c at
 * (t * heads + h) * headDim + c), which is how GPT-2's fused c_attn output
 * splits into Q, K and V. The result has the same layout. With shape.causal,
 * token i attends to tokens 0..i.
 *
 * The inputs are copied once into a private WebAssembly memory, reused by
 * later calls of the same or smaller size.
 */
export function exactAttention(q: Float32Array, k: Float32Array, v: Float32Array, shape: AttentionShape): Float32Array {
  checkShape(shape, { q, k, v });
  const length = tensorLength(shape);
  const memory = privateMemory(4 * length * 4 + tiledScratchBytes(shape.headDim), shape.seqLen);
  const base = WASM_RESERVED_BYTES;
  const bytes = length * 4;
  const view = (offset: number) => new Float32Array(memory.buffer, base + offset, length);
  const buffers = { q: view(0), k: view(bytes), v: view(2 * bytes), out: view(3 * bytes) };
  buffers.q.set(q);
  buffers.k.set(k);
  buffers.v.set(v);
  const wasm = { memory, q: base, k: base + bytes, v: base + 2 * bytes, out: base + 3 * bytes, scratch: base + 4 * bytes };
  for (let head = 0; head < shape.heads; head++) {
    tiledKernel.run({ buffers, shape, params: DEFAULT_KERNEL_PARAMS, head, rowStart: 0, rowEnd: shape.seqLen, wasm });
  }
  return buffers.out.slice();
}

let cached: WebAssembly.Memory | null = null;

function privateMemory(bytes: number, seqLen: number): WebAssembly.Memory {
  const pages = pagesFor(bytes);
  if (pages > WASM_MAX_PAGES) {
    throw new ValidationError('seqLen', seqLen, 'a length whose Q, K, V and output fit in 4 GiB of WebAssembly memory');
  }
  if (!cached || cached.buffer.byteLength < pages * 65536) {
    cached = new WebAssembly.Memory({ initial: pages, maximum: WASM_MAX_PAGES });
  }
  return cached;
}
