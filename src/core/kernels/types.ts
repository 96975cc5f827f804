import type { AttentionBuffers, AttentionShape } from './shape.ts';

export const KERNEL_IDS = ['dense', 'tiled', 'window', 'hierarchical', 'lowrank', 'random-features'] as const;
export type KernelId = (typeof KERNEL_IDS)[number];

/**
 * A kernel id that always throws, for the browser tests of the worker pool's
 * error handling. Jobs and URLs accept it, but the app's list of kernels never offers it.
 */
export const TEST_FAILING_KERNEL = 'test-fail';

/** Parameters of the approximate kernels; each kernel reads only its own. */
export interface KernelParams {
  /** Sliding window reach w in tokens: each token attends to the tokens less than w away on either side, or to the w ending at itself when causal. */
  window: number;
  /** Global tokens g at the start of the sequence that see, and are seen by, every token. */
  globalTokens: number;
  /** Block size B in tokens of the hierarchical kernel. */
  block: number;
  /** Projected length k of K and V (Linformer). */
  rank: number;
  /** Random features m (Performer FAVOR+). */
  features: number;
  /** Seed of the random projections and features. */
  seed: number;
}

/** Longformer's window of 512 tokens over both sides is a reach of 256 (Beltagy et al., arXiv 2004.05150); SMITH's sentence block is 32 tokens (Yang et al., arXiv 2004.12297); Linformer k = 256 (Wang et al., arXiv 2006.04768); Performer m = 256 (Choromanski et al., arXiv 2009.14794). */
export const DEFAULT_KERNEL_PARAMS: KernelParams = { window: 256, globalTokens: 0, block: 32, rank: 256, features: 256, seed: 1 };

/** A shared WebAssembly memory holding the buffers, for kernels that run in WebAssembly without copying. */
export interface WasmPlacement {
  memory: WebAssembly.Memory;
  /** Byte offsets of Q, K, V and the output inside the memory. */
  q: number;
  k: number;
  v: number;
  out: number;
  /** Byte offset of this task's private scratch area. */
  scratch: number;
  /**
   * Identifies the memory across messages, because a shared memory posted to a
   * worker arrives as a new object each time; the module instance is cached by it.
   */
  memoryKey?: number;
}

/** One piece of a run: output rows [rowStart, rowEnd) of one head. */
export interface KernelTask {
  buffers: AttentionBuffers;
  shape: AttentionShape;
  params: KernelParams;
  head: number;
  rowStart: number;
  rowEnd: number;
  wasm?: WasmPlacement;
  /** Called with the number of rows finished so far in this task. */
  onRows?: (rowsDone: number) => void;
}

export interface AttentionKernel {
  id: KernelId;
  name: string;
  /** Computes the exact softmax attention (true) or an approximation of it. */
  exact: boolean;
  /** Paper the method follows. */
  source: string;
  /** Throws ValidationError when the kernel cannot run this shape or these parameters. */
  check(shape: AttentionShape, params: KernelParams): void;
  /** Peak working memory in bytes beyond Q, K, V and the output, for a run split over `workers`. */
  extraBytes(shape: AttentionShape, params: KernelParams, workers: number): number;
  /** Floating-point operations the kernel executes (multiply and add counted separately). */
  flops(shape: AttentionShape, params: KernelParams): number;
  run(task: KernelTask): void;
}
