import type { Remote } from 'comlink';
import { exactFlops } from '../core/kernels/flops.ts';
import { checkJob, ioBytes, planLayout, type JobErrors, type KernelJob } from '../core/kernels/job.ts';
import { controlView, readProgress, resetControl, stopClaiming } from '../core/kernels/control.ts';
import { planTasks } from '../core/kernels/plan.ts';
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

/** Points cheaper than this many FLOPs get untimed runs before the timed ones. */
const WARM_UP_BELOW_FLOPS = 2e9;
/**
 * Untimed runs of a cheap point go on for this long, in milliseconds, and at
 * least MIN_WARM_UP_RUNS times: a JavaScript kernel's first runs in a worker
 * are interpreted or only partly optimised.
 */
const WARM_UP_MS = 100;
const MIN_WARM_UP_RUNS = 3;
const MAX_WARM_UP_RUNS = 20;
/** How often the progress of a long point is read, in milliseconds. */
const PROGRESS_POLL_MS = 100;

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
    const control = controlView(memory, layout);
    const cancelled = cancellation(options.signal);
    const call = async <T>(slot: number, work: (api: Remote<KernelWorkerApi>) => Promise<T>): Promise<T> => {
      const worker = this.workers[slot]!;
      this.busy[slot] = true;
      try {
        const result = await Promise.race([work(worker.api), worker.crashed, cancelled.promise]);
        this.busy[slot] = false;
        return result;
      } catch (error) {
        // The other workers finish the task they are on and claim no more.
        stopClaiming(control);
        if (error instanceof RunCancelledError) throw error;
        throw new KernelRunError(job.kernel, shape.seqLen, shape.headDim, error instanceof Error ? error.message : String(error));
      }
    };

    try {
      await call(0, (api) => api.generate(job, memory, layout));
      // A long point's progress is read from the control block while it runs.
      // A short one reports after each run.
      const pollProgress = this.flopsOf(job) >= WARM_UP_BELOW_FLOPS;
      const tasks = planTasks(shape, this.size);
      const runOnce = async (onFraction?: (fraction: number) => void): Promise<number> => {
        resetControl(control);
        const poll = onFraction && pollProgress ? setInterval(() => onFraction(readProgress(control)), PROGRESS_POLL_MS) : undefined;
        const startedAt = performance.timeOrigin + performance.now();
        try {
          const finishedAt = await Promise.all(
            this.workers.map((_, slot) => call(slot, (api) => api.run(job, memory, layout, slot, tasks))),
          );
          return runMilliseconds(startedAt, finishedAt, performance.timeOrigin + performance.now());
        } finally {
          clearInterval(poll);
        }
      };

      // A short point runs untimed first, so that JavaScript kernels run
      // optimised code when timed. A long one warms up within its first tiles.
      if (this.flopsOf(job) < WARM_UP_BELOW_FLOPS) {
        const warmUpStart = performance.now();
        for (let run = 0; run < MAX_WARM_UP_RUNS && (run < MIN_WARM_UP_RUNS || performance.now() - warmUpStart < WARM_UP_MS); run++) await runOnce();
      }
      const timesMs: number[] = [];
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        timesMs.push(await runOnce((fraction) => options.onProgress?.((repeat + fraction) / options.repeats)));
        options.onProgress?.((repeat + 1) / options.repeats);
      }
      const errors = await call(0, (api) => api.evaluate(job, memory, layout));
      return this.result(job, timesMs, errors);
    } catch (error) {
      stopClaiming(control);
      this.replaceBusyWorkers();
      throw error;
    } finally {
      cancelled.dispose();
    }
  }

  /**
   * Terminates and replaces the workers still computing, which cannot be
   * interrupted. Each replacement compiles and warms up its module at once,
   * so that the next run is not timed on a cold engine.
   */
  private replaceBusyWorkers(): void {
    this.busy.forEach((busy, slot) => {
      if (!busy) return;
      this.workers[slot]!.terminate();
      const replacement = this.factory();
      // A failure here surfaces again, with the kernel and N, on the next run's call.
      replacement.api.prepare().catch(() => {});
      this.workers[slot] = replacement;
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

/**
 * Duration of one run: from the page posting it to the last worker finishing,
 * by the workers' own clocks, so that the page drawing the view when the
 * results arrive does not count. Falls back to the page's wall time if the
 * workers' clock does not agree with it.
 */
export function runMilliseconds(startedAt: number, finishedAt: readonly number[], seenAt: number): number {
  const byWorkers = Math.max(...finishedAt) - startedAt;
  const wall = seenAt - startedAt;
  return Number.isFinite(byWorkers) && byWorkers > 0 && byWorkers <= wall ? byWorkers : wall;
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
