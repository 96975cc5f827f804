import { evaluateOutput, generateInputs, runClaimedTasks, type JobErrors, type KernelJob, type MemoryLayout } from '../core/kernels/job.ts';
import type { TaskRange } from '../core/kernels/plan.ts';
import { usesRelaxedSimd, warmUpAttention } from '../core/kernels/wasm/engine.ts';

/** What a kernel worker exposes through comlink. Buffers live in the shared memory passed with each call. */
export interface KernelWorkerApi {
  /** Compiles and warms up the WebAssembly module; returns whether it uses fused multiply-add (relaxed SIMD). */
  prepare(): boolean;
  generate(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): void;
  /**
   * Runs tasks of the list, claimed through the memory's control block, and
   * returns when this worker finished, in milliseconds on the clock that
   * `performance.timeOrigin + performance.now()` reads in every thread.
   */
  run(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout, slot: number, tasks: TaskRange[]): number;
  evaluate(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): JobErrors;
}

export function createKernelWorkerApi(): KernelWorkerApi {
  return {
    prepare() {
      warmUpAttention(typeof SharedArrayBuffer !== 'undefined');
      return usesRelaxedSimd() === true;
    },
    generate: generateInputs,
    run(job, memory, layout, slot, tasks) {
      runClaimedTasks(job, memory, layout, slot, tasks);
      return performance.timeOrigin + performance.now();
    },
    evaluate: evaluateOutput,
  };
}
