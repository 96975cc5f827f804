import { evaluateOutput, generateInputs, runTask, type JobErrors, type KernelJob, type MemoryLayout } from '../core/kernels/job.ts';
import type { TaskRange } from '../core/kernels/plan.ts';
import { usesRelaxedSimd, warmUpAttention } from '../core/kernels/wasm/engine.ts';

/** Progress messages are sent at most this often, in milliseconds. */
const PROGRESS_INTERVAL_MS = 50;

/** What a kernel worker exposes through comlink. Buffers live in the shared memory passed with each call. */
export interface KernelWorkerApi {
  /** Compiles and warms up the WebAssembly module; returns whether it uses fused multiply-add (relaxed SIMD). */
  prepare(): boolean;
  generate(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): void;
  run(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout, slot: number, range: TaskRange, onRows?: (rowsDone: number) => void): void;
  evaluate(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): JobErrors;
}

export function createKernelWorkerApi(): KernelWorkerApi {
  return {
    prepare() {
      warmUpAttention(typeof SharedArrayBuffer !== 'undefined');
      return usesRelaxedSimd() === true;
    },
    generate: generateInputs,
    run(job, memory, layout, slot, range, onRows) {
      let last = 0;
      const throttled = onRows
        ? (rows: number) => {
            const now = Date.now();
            if (now - last >= PROGRESS_INTERVAL_MS) {
              last = now;
              void onRows(rows);
            }
          }
        : undefined;
      runTask(job, memory, layout, slot, range, throttled);
    },
    evaluate: evaluateOutput,
  };
}
