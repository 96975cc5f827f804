/**
 * Causal multi-head self-attention for the GPT-2 forward pass, on the
 * project's attention kernels. The full context runs on the tiled exact kernel
 * (online softmax, in WebAssembly SIMD where the head size allows), and a cut
 * context on the sliding-window kernel without global tokens. This adapter
 * splits the fused c_attn output [tokens, 3 × hidden] into the kernels' Q, K
 * and V layout [tokens, heads, headDim].
 */
import type { AttentionShape as KernelShape } from '../kernels/shape.ts';
import { tiledKernel, tiledScratchBytes } from '../kernels/tiled.ts';
import { DEFAULT_KERNEL_PARAMS, type WasmPlacement } from '../kernels/types.ts';
import { pagesFor, WASM_MAX_PAGES, WASM_PAGE_BYTES, WASM_RESERVED_BYTES } from '../kernels/wasm/engine.ts';
import { windowKernel } from '../kernels/window.ts';

export interface AttentionShape {
  tokens: number;
  heads: number;
  headDim: number;
  /** Each query attends to at most this many tokens, itself included, or Infinity for full causal attention. */
  window: number;
}

/**
 * Computes softmax(QKᵀ/√d + causal mask) V for every head into out [tokens, hidden],
 * heads side by side as GPT-2 concatenates them before c_proj.
 */
export function causalSelfAttention(out: Float32Array, qkv: Float32Array, shape: AttentionShape): void {
  if (Number.isFinite(shape.window) && shape.window < shape.tokens) windowedAttention(out, qkv, shape);
  else fullAttention(out, qkv, shape);
}

/** A WebAssembly memory reused across calls, grown when a larger input arrives. */
let sharedMemory: WebAssembly.Memory | null = null;

function memoryFor(bytes: number): WebAssembly.Memory {
  const pages = pagesFor(bytes);
  if (pages > WASM_MAX_PAGES) throw new RangeError(`Attention over this input needs ${bytes} bytes of WebAssembly memory; the limit is 4 GiB.`);
  if (!sharedMemory) sharedMemory = new WebAssembly.Memory({ initial: pages, maximum: WASM_MAX_PAGES });
  const missing = pages - sharedMemory.buffer.byteLength / WASM_PAGE_BYTES;
  if (missing > 0) sharedMemory.grow(missing);
  return sharedMemory;
}

function fullAttention(out: Float32Array, qkv: Float32Array, shape: AttentionShape): void {
  const { tokens, heads, headDim } = shape;
  const hidden = heads * headDim;
  const tensorBytes = tokens * hidden * 4;
  const memory = memoryFor(4 * tensorBytes + tiledScratchBytes(headDim));
  const placement: WasmPlacement = {
    memory,
    q: WASM_RESERVED_BYTES,
    k: WASM_RESERVED_BYTES + tensorBytes,
    v: WASM_RESERVED_BYTES + 2 * tensorBytes,
    out: WASM_RESERVED_BYTES + 3 * tensorBytes,
    scratch: WASM_RESERVED_BYTES + 4 * tensorBytes,
  };
  const view = (offset: number) => new Float32Array(memory.buffer, offset, tokens * hidden);
  const buffers = { q: view(placement.q), k: view(placement.k), v: view(placement.v), out: view(placement.out) };
  splitQkv(qkv, tokens, hidden, buffers.q, buffers.k, buffers.v);

  const kernelShape: KernelShape = { seqLen: tokens, heads, headDim, causal: true };
  for (let head = 0; head < heads; head++) {
    tiledKernel.run({ buffers, shape: kernelShape, params: DEFAULT_KERNEL_PARAMS, head, rowStart: 0, rowEnd: tokens, wasm: placement });
  }
  out.set(buffers.out);
}

function windowedAttention(out: Float32Array, qkv: Float32Array, shape: AttentionShape): void {
  const { tokens, heads, headDim, window } = shape;
  const hidden = heads * headDim;
  const buffers = { q: new Float32Array(tokens * hidden), k: new Float32Array(tokens * hidden), v: new Float32Array(tokens * hidden), out };
  splitQkv(qkv, tokens, hidden, buffers.q, buffers.k, buffers.v);
  // Causal with w: token i attends to tokens max(0, i − w + 1) … i, as GPT-2 with its context cut to w tokens would.
  const kernelShape: KernelShape = { seqLen: tokens, heads, headDim, causal: true };
  const params = { ...DEFAULT_KERNEL_PARAMS, window, globalTokens: 0 };
  for (let head = 0; head < heads; head++) windowKernel.run({ buffers, shape: kernelShape, params, head, rowStart: 0, rowEnd: tokens });
}

/** Copies the Q, K and V thirds of each c_attn row into their own [tokens, hidden] arrays. */
function splitQkv(qkv: Float32Array, tokens: number, hidden: number, q: Float32Array, k: Float32Array, v: Float32Array): void {
  for (let t = 0; t < tokens; t++) {
    const row = t * 3 * hidden;
    q.set(qkv.subarray(row, row + hidden), t * hidden);
    k.set(qkv.subarray(row + hidden, row + 2 * hidden), t * hidden);
    v.set(qkv.subarray(row + 2 * hidden, row + 3 * hidden), t * hidden);
  }
}
