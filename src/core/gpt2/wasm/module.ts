import { GPT2_MATMUL_WASM, GPT2_MATMUL_WASM_RELAXED, GPT2_MATMUL_WASM_SHARED, GPT2_MATMUL_WASM_SHARED_RELAXED } from './matmulWasm.ts';

/** Exports of the AssemblyScript matrix-product module (assembly/gpt2/matmul.ts); pointers are byte offsets. */
export interface MatmulExports {
  linear(x: number, w: number, bias: number, out: number, rows: number, inWidth: number, outWidth: number): void;
  outputHead(x: number, embedding: number, out: number, rows: number, hidden: number, vocab: number): void;
}

const compiled = new Map<boolean, WebAssembly.Module>();

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles (once per memory kind) the fused multiply-add build where relaxed
 * SIMD is available (Chromium 114 and later), else the plain SIMD build.
 */
function matmulModule(shared: boolean): WebAssembly.Module {
  let module = compiled.get(shared);
  if (!module) {
    try {
      module = new WebAssembly.Module(decodeBase64(shared ? GPT2_MATMUL_WASM_SHARED_RELAXED : GPT2_MATMUL_WASM_RELAXED));
    } catch (error) {
      if (!(error instanceof WebAssembly.CompileError)) throw error;
      module = new WebAssembly.Module(decodeBase64(shared ? GPT2_MATMUL_WASM_SHARED : GPT2_MATMUL_WASM));
    }
    compiled.set(shared, module);
  }
  return module;
}

/** Instantiates the module on a memory; a SharedArrayBuffer-backed memory gets the shared build. */
export function instantiateMatmul(memory: WebAssembly.Memory): MatmulExports {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return new WebAssembly.Instance(matmulModule(shared), { env: { memory } }).exports as unknown as MatmulExports;
}
