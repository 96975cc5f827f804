import { proxy, type Remote } from 'comlink';
import { exactFlops } from '../core/kernels/flops.ts';
import { checkJob, ioBytes, planLayout, type JobErrors, type KernelJob } from '../core/kernels/job.ts';
import { planTasks, taskPairs, type TaskRange } from '../core/kernels/plan.ts';
import { getKernel } from '../core/kernels/registry.ts';
import { TEST_FAILING_KERNEL } from '../core/kernels/types.ts';
import type { KernelWorkerApi } from './kernelWorkerApi.ts';

/** One worker of the pool: its comlink proxy, how to stop it, and a promise that rejects if it dies. */
export interface PoolWorker {
  api: Remote<KernelWorkerApi>;
  terminate(): void;
  /** Rejects when the worker crashes (an uncaught error or running out of memory); never resolves. */
  crashed: Promise<never>;
}

export type WorkerFactory = () => PoolWorker;

export interface RunOptions {
  budgetBytes: number;
  repeats: number;
  /** Fraction of the timed runs done, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface KernelRunResult {
  kernel: string;
  seqLen: number;
  headDim: number;
  heads: number;
  causal: boolean;
  input: KernelJob['input'];
  exact: boolean;
  /** Wall time of each timed run, in milliseconds. */
  timesMs: number[];
  medianMs: number;
  flops: number;
  /** Achieved throughput, flops over the median time. */
  gflops: number;
  /** Peak working memory beyond Q, K, V and the output, in bytes. */
  extraBytes: number;
  /** Q, K, V and the output, in bytes. */
  ioBytes: number;
  workers: number;
  errors: JobErrors;
}

/** A run that failed inside a worker, naming the kernel and shape so the view can show which point failed. */
export class KernelRunError extends Error {
  override readonly name = 'KernelRunError';
  constructor(readonly kernel: string, readonly seqLen: number, readonly headDim: number, readonly reason: string) {
    super(`${kernel} failed at N = ${seqLen.toLocaleString('en-US')}, d = ${headDim}: ${reason}`);
  }
}

export class RunCancelledError extends Error {
  override readonly name = 'RunCancelledError';
  constructor() {
    super('The run was cancelled.');
  }
}

/** Points cheaper than this many FLOPs get one untimed run before the timed ones. */
const WARM_UP_BELOW_FLOPS = 2e9;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs kernel jobs on a fixed number of workers sharing one WebAssembly memory
 * per job: inputs are generated in place, each worker computes its share of
 * rows and heads into the same output, and nothing is copied. A worker that
 * fails or is busy when a run is cancelled is terminated and replaced.
 */
export class KernelPool {
  private readonly workers: PoolWorker[];
  private readonly busy: boolean[];
  private running = false;

  constructor(private readonly factory: WorkerFactory, readonly size: number) {
    this.workers = Array.from({ length: size }, () => factory());
    this.busy = Array.from({ length: size }, () => false);
  }

  /** Compiles the module in every worker; true when all use fused multiply-add. */
  async prepare(): Promise<boolean> {
    const results = await Promise.all(this.workers.map((worker) => worker.api.prepare()));
    return results.every(Boolean);
  }

  dispose(): void {
    for (const worker of this.workers) worker.terminate();
  }

  async run(job: KernelJob, options: RunOptions): Promise<KernelRunResult> {
    if (this.running) throw new Error('The kernel pool is already running a job; wait for it or cancel it first.');
    this.running = true;
    try {
      return await this.runJob(job, options);
    } finally {
      this.running = false;
    }
  }

  private async runJob(job: KernelJob, options: RunOptions): Promise<KernelRunResult> {
    // Rejects here, before any allocation, when the memory would not fit.
    checkJob(job, this.size, options.budgetBytes);
    const { shape } = job;
    const layout = planLayout(shape, this.size);
    const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
    const cancelled = cancellation(options.signal);
    let stopped = false;
    const call = async <T>(slot: number, work: (api: Remote<KernelWorkerApi>) => Promise<T>): Promise<T> => {
      const worker = this.workers[slot]!;
      this.busy[slot] = true;
      try {
        const result = await Promise.race([work(worker.api), worker.crashed, cancelled.promise]);
        this.busy[slot] = false;
        return result;
      } catch (error) {
        stopped = true;
        if (error instanceof RunCancelledError) throw error;
        throw new KernelRunError(job.kernel, shape.seqLen, shape.headDim, error instanceof Error ? error.message : String(error));
      }
    };

    try {
      await call(0, (api) => api.generate(job, memory, layout));
      // Row-level progress costs a MessagePort per task, which is noticeable
      // next to a point of a few milliseconds; short points report per task.
      const rowProgress = this.flopsOf(job) >= WARM_UP_BELOW_FLOPS;
      const runOnce = async (onPairs?: (donePairs: number, totalPairs: number) => void) => {
        const tasks = planTasks(shape, this.size);
        const totalPairs = tasks.reduce((sum, task) => sum + taskPairs(task, shape), 0);
        let donePairs = 0;
        const running = new Map<number, number>();
        const report = () => onPairs?.(donePairs + [...running.values()].reduce((a, b) => a + b, 0), totalPairs);
        const start = performance.now();
        await Promise.all(
          this.workers.map(async (_, slot) => {
            for (let task = tasks.shift(); task && !stopped; task = tasks.shift()) {
              const range: TaskRange = task;
              const onRows = onPairs && rowProgress
                ? proxy((rows: number) => {
                    running.set(slot, taskPairs({ ...range, rowEnd: range.rowStart + rows }, shape));
                    report();
                  })
                : undefined;
              await call(slot, (api) => api.run(job, memory, layout, slot, range, onRows));
              running.delete(slot);
              donePairs += taskPairs(range, shape);
              report();
            }
          }),
        );
        return performance.now() - start;
      };

      // A short point is run once untimed first, so that JavaScript kernels
      // run optimised code when timed; a long one warms up within its first tiles.
      if (this.flopsOf(job) < WARM_UP_BELOW_FLOPS) await runOnce();
      const timesMs: number[] = [];
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        timesMs.push(await runOnce((done, total) => options.onProgress?.((repeat + Math.min(1, done / total)) / options.repeats)));
      }
      const errors = await call(0, (api) => api.evaluate(job, memory, layout));
      return this.result(job, timesMs, errors);
    } catch (error) {
      stopped = true;
      this.replaceBusyWorkers();
      throw error;
    } finally {
      cancelled.dispose();
    }
  }

  /** Workers still computing cannot be interrupted, so they are terminated and replaced. */
  private replaceBusyWorkers(): void {
    this.busy.forEach((busy, slot) => {
      if (!busy) return;
      this.workers[slot]!.terminate();
      this.workers[slot] = this.factory();
      this.busy[slot] = false;
    });
  }

  private flopsOf(job: KernelJob): number {
    return job.kernel === TEST_FAILING_KERNEL ? exactFlops(job.shape) : getKernel(job.kernel).flops(job.shape, job.params);
  }

  private result(job: KernelJob, timesMs: number[], errors: JobErrors): KernelRunResult {
    const kernel = job.kernel === TEST_FAILING_KERNEL ? null : getKernel(job.kernel);
    const medianMs = median(timesMs);
    const flops = this.flopsOf(job);
    return {
      kernel: job.kernel,
      seqLen: job.shape.seqLen,
      headDim: job.shape.headDim,
      heads: job.shape.heads,
      causal: job.shape.causal,
      input: job.input,
      exact: kernel?.exact ?? false,
      timesMs,
      medianMs,
      flops,
      gflops: flops / (medianMs * 1e6),
      extraBytes: kernel ? kernel.extraBytes(job.shape, job.params, this.size) : 0,
      ioBytes: ioBytes(job.shape),
      workers: this.size,
      errors,
    };
  }
}

/** Creates a promise that rejects with RunCancelledError when the signal aborts. */
function cancellation(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RunCancelledError());
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  // Mark the rejection handled, because nothing awaits it after a run that ended normally.
  promise.catch(() => {});
  return { promise, dispose: () => signal?.removeEventListener('abort', onAbort) };
}
