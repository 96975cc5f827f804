import {
  ATTENTION_WASM_PRIVATE,
  ATTENTION_WASM_PRIVATE_RELAXED,
  ATTENTION_WASM_SHARED,
  ATTENTION_WASM_SHARED_RELAXED,
} from './attentionWasm.ts';

/** Exports of the AssemblyScript attention module (assembly/kernels/attention.ts). */
export interface AttentionWasmExports {
  /** Bytes of scratch memory one flashForward call needs. */
  scratchBytes(headDim: number): number;
  /** Output rows [rowStart, rowEnd) of one head; pointers are byte offsets into the memory. */
  flashForward(
    q: number, k: number, v: number, out: number, scratch: number,
    seqLen: number, headDim: number, stride: number, rowStart: number, rowEnd: number, causal: number, scale: number,
  ): void;
}

/** WebAssembly page size in bytes. */
export const WASM_PAGE_BYTES = 65536;
/** The first page is left to the module's own static data. */
export const WASM_RESERVED_BYTES = WASM_PAGE_BYTES;
/** The module's memory import allows up to 65,536 pages (4 GiB). */
export const WASM_MAX_PAGES = 65536;

/** The SIMD tiles work on 8 head dimensions at a time. */
export function wasmSupportsHeadDim(headDim: number): boolean {
  return headDim % 8 === 0;
}

const modules = new Map<boolean, WebAssembly.Module>();

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles (once per variant) the module; shared selects the variant that
 * imports shared memory. The fused multiply-add build needs relaxed SIMD
 * (Chromium 114 and later; Node 20 only with --experimental-wasm-relaxed-simd),
 * and the plain SIMD build is used where it does not compile.
 */
export function attentionModule(shared: boolean): WebAssembly.Module {
  let module = modules.get(shared);
  if (!module) {
    try {
      module = new WebAssembly.Module(decodeBase64(shared ? ATTENTION_WASM_SHARED_RELAXED : ATTENTION_WASM_PRIVATE_RELAXED));
      relaxedSimd = true;
    } catch (error) {
      if (!(error instanceof WebAssembly.CompileError)) throw error;
      module = new WebAssembly.Module(decodeBase64(shared ? ATTENTION_WASM_SHARED : ATTENTION_WASM_PRIVATE));
      relaxedSimd = false;
    }
    modules.set(shared, module);
  }
  return module;
}

let relaxedSimd: boolean | null = null;

/** Whether the compiled module uses fused multiply-add; null before the first compile. */
export function usesRelaxedSimd(): boolean | null {
  return relaxedSimd;
}

const instances = new WeakMap<WebAssembly.Memory, AttentionWasmExports>();

let keyed: { key: number; instance: AttentionWasmExports } | null = null;

/**
 * Instantiates the module on a memory, reusing the instance for later calls
 * on the same memory object or, when given, the same memory key.
 */
export function attentionInstance(memory: WebAssembly.Memory, memoryKey?: number): AttentionWasmExports {
  if (memoryKey !== undefined && keyed?.key === memoryKey) return keyed.instance;
  let instance = instances.get(memory);
  if (!instance) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const created = new WebAssembly.Instance(attentionModule(shared), { env: { memory } });
    instance = created.exports as unknown as AttentionWasmExports;
    instances.set(memory, instance);
  }
  if (memoryKey !== undefined) keyed = { key: memoryKey, instance };
  return instance;
}

/** Pages needed to hold `bytes` after the reserved first page. */
export function pagesFor(bytes: number): number {
  return Math.ceil((WASM_RESERVED_BYTES + bytes) / WASM_PAGE_BYTES);
}

/** How long warmUpAttention keeps the kernel busy, in milliseconds. */
const WARM_UP_MS = 150;

/**
 * Runs the kernel on a small problem for WARM_UP_MS, so that the engine has
 * compiled its optimised tier before anything is timed. V8 starts WebAssembly
 * on a baseline compiler and compiles hot functions again on a background
 * thread, which would otherwise share the cores with the first timed runs.
 * `now` reads a clock in milliseconds.
 */
export function warmUpAttention(shared: boolean, now: () => number = () => Date.now()): void {
  const seqLen = 256;
  const headDim = 64;
  const bytes = seqLen * headDim * 4;
  const pages = pagesFor(4 * bytes + 256 * 1024);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  const wasm = attentionInstance(memory);
  const base = WASM_RESERVED_BYTES;
  const start = now();
  for (let run = 0; run < 6 || now() - start < WARM_UP_MS; run++) {
    wasm.flashForward(base, base + bytes, base + 2 * bytes, base + 3 * bytes, base + 4 * bytes, seqLen, headDim, headDim, 0, seqLen, run % 2, 0.125);
  }
}
