import { ValidationError } from '../errors.ts';
import { exactFlops } from './flops.ts';
import { planTasks } from './plan.ts';
import { rowStride, softmaxScale } from './shape.ts';
import type { AttentionKernel, KernelTask, WasmPlacement } from './types.ts';
import { attentionInstance, pagesFor, WASM_MAX_PAGES, WASM_RESERVED_BYTES, wasmSupportsHeadDim } from './wasm/engine.ts';

/** Query rows per WebAssembly call; progress is reported between calls. */
const ROWS_PER_CALL = 256;
/** Key tile of the JavaScript fallback. */
const JS_TILE = 64;

/**
 * Scratch bytes of one WebAssembly task, the same figure as the module's
 * scratchBytes(headDim): query, key and output tiles, the score tile, and
 * each row's running max, sum and rescaling factor.
 */
export function tiledScratchBytes(headDim: number): number {
  return (64 * headDim * 3 + 64 * 64 + 3 * 64) * 4;
}

/**
 * Exact attention with online softmax (FlashAttention's forward pass, Dao et
 * al., arXiv 2205.14135, Algorithm 1): K and V are read in tiles, each query
 * row keeps a running max, sum and rescaled output, and no score matrix is
 * stored. Runs in WebAssembly SIMD when headDim is a multiple of 8, otherwise
 * in JavaScript.
 */
export const tiledKernel: AttentionKernel = {
  id: 'tiled',
  name: 'Exact, tiled (online softmax)',
  exact: true,
  source: 'Dao et al., "FlashAttention", arXiv 2205.14135',
  check() {},
  extraBytes(shape, _params, workers) {
    const inFlight = Math.min(workers, planTasks(shape, workers).length);
    return inFlight * tiledScratchBytes(shape.headDim);
  },
  flops: (shape) => exactFlops(shape),
  run(task) {
    if (wasmSupportsHeadDim(task.shape.headDim)) runWasm(task, task.wasm ?? copyToPrivateMemory(task));
    else runJavaScript(task);
  },
};

function runWasm(task: KernelTask, placement: WasmPlacement): void {
  const { shape, head, rowStart, rowEnd, onRows } = task;
  const wasm = attentionInstance(placement.memory, placement.memoryKey);
  const headOffsetBytes = head * shape.headDim * 4;
  for (let row = rowStart; row < rowEnd; row += ROWS_PER_CALL) {
    const end = Math.min(rowEnd, row + ROWS_PER_CALL);
    wasm.flashForward(
      placement.q + headOffsetBytes, placement.k + headOffsetBytes, placement.v + headOffsetBytes, placement.out + headOffsetBytes,
      placement.scratch, shape.seqLen, shape.headDim, rowStride(shape), row, end, shape.causal ? 1 : 0, softmaxScale(shape.headDim),
    );
    onRows?.(end - rowStart);
  }
  if (!task.wasm) copyFromPrivateMemory(task, placement);
}

/** Places plain arrays in a fresh private WebAssembly memory (the caller passed no placement). */
function copyToPrivateMemory(task: KernelTask): WasmPlacement {
  const length = task.buffers.q.length;
  const bytes = 4 * length * 4 + tiledScratchBytes(task.shape.headDim);
  const pages = pagesFor(bytes);
  if (pages > WASM_MAX_PAGES) {
    throw new ValidationError('seqLen', task.shape.seqLen, 'a size whose Q, K, V and output fit in 4 GiB of WebAssembly memory');
  }
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const floats = new Float32Array(memory.buffer);
  const base = WASM_RESERVED_BYTES / 4;
  floats.set(task.buffers.q, base);
  floats.set(task.buffers.k, base + length);
  floats.set(task.buffers.v, base + 2 * length);
  const bytesPerArray = length * 4;
  return {
    memory,
    q: WASM_RESERVED_BYTES,
    k: WASM_RESERVED_BYTES + bytesPerArray,
    v: WASM_RESERVED_BYTES + 2 * bytesPerArray,
    out: WASM_RESERVED_BYTES + 3 * bytesPerArray,
    scratch: WASM_RESERVED_BYTES + 4 * bytesPerArray,
  };
}

function copyFromPrivateMemory(task: KernelTask, placement: WasmPlacement): void {
  const { shape, head, rowStart, rowEnd, buffers } = task;
  const stride = rowStride(shape);
  const floats = new Float32Array(placement.memory.buffer, placement.out, buffers.out.length);
  for (let i = rowStart; i < rowEnd; i++) {
    const start = i * stride + head * shape.headDim;
    buffers.out.set(floats.subarray(start, start + shape.headDim), start);
  }
}

/** The same recurrence in plain JavaScript, one query row at a time over key tiles. */
function runJavaScript({ buffers, shape, head, rowStart, rowEnd, onRows }: KernelTask): void {
  const { q, k, v, out } = buffers;
  const { seqLen, headDim, causal } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const offset = head * headDim;
  const scores = new Float32Array(JS_TILE);
  const acc = new Float32Array(headDim);

  for (let i = rowStart; i < rowEnd; i++) {
    const qBase = i * stride + offset;
    const end = causal ? i + 1 : seqLen;
    let max = -Infinity;
    let sum = 0;
    acc.fill(0);
    for (let tile = 0; tile < end; tile += JS_TILE) {
      const tileEnd = Math.min(end, tile + JS_TILE);
      let tileMax = -Infinity;
      for (let j = tile; j < tileEnd; j++) {
        const kBase = j * stride + offset;
        let dot = 0;
        for (let c = 0; c < headDim; c++) dot += q[qBase + c]! * k[kBase + c]!;
        scores[j - tile] = dot * scale;
        if (scores[j - tile]! > tileMax) tileMax = scores[j - tile]!;
      }
      const newMax = Math.max(max, tileMax);
      const alpha = max === -Infinity ? 0 : Math.exp(max - newMax);
      sum *= alpha;
      for (let c = 0; c < headDim; c++) acc[c] = acc[c]! * alpha;
      for (let j = tile; j < tileEnd; j++) {
        const weight = Math.exp(scores[j - tile]! - newMax);
        sum += weight;
        const vBase = j * stride + offset;
        for (let c = 0; c < headDim; c++) acc[c] = acc[c]! + weight * v[vBase + c]!;
      }
      max = newMax;
    }
    const inverse = sum > 0 ? 1 / sum : 0;
    for (let c = 0; c < headDim; c++) out[qBase + c] = acc[c]! * inverse;
    if (onRows && ((i - rowStart + 1) % 32 === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}
