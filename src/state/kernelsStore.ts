import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { MemoryBudgetError } from '../core/kernels/budget.ts';
import type { KernelJob } from '../core/kernels/job.ts';
import type { KernelsScenario } from '../core/kernels/scenario.ts';
import { ValidationError } from '../core/errors.ts';
import { KernelRunError, RunCancelledError, type KernelPool, type KernelRunResult } from '../workers/kernelPool.ts';

/** A sweep point that produced no result, with the reason shown in the view. */
export interface KernelFailure {
  kernel: string;
  seqLen: number;
  headDim: number;
  /** rejected: refused before it allocated (budget or parameters); failed: the worker threw or crashed. */
  kind: 'rejected' | 'failed';
  message: string;
}

export type SweepStatus = 'idle' | 'running' | 'cancelled' | 'done';

export interface KernelsRunState {
  status: SweepStatus;
  results: KernelRunResult[];
  failures: KernelFailure[];
  /** Points finished (with a result or a failure) and in the sweep. */
  pointsDone: number;
  pointsTotal: number;
  /** The point running now and the fraction of its timed runs done. */
  current: { kernel: string; seqLen: number; fraction: number } | null;
  /** Whether the workers use fused multiply-add (relaxed SIMD); null until known. */
  relaxedSimd: boolean | null;
  /** Message when the sweep could not start at all. */
  error: string | null;
  /** Settings of the sweep the results belong to, as sweepKeyOf returns them; empty before the first run. */
  sweepKey: string;
  runSweep(sweep: KernelsScenario): Promise<void>;
  /**
   * Runs the sweep unless its results are already here, on the way, or kept
   * from an earlier run in this page, so that a slide can start its own sweep.
   * A different sweep in progress is cancelled first.
   */
  ensureSweep(sweep: KernelsScenario): Promise<void>;
  cancel(): void;
}

/** Identifies a sweep's settings, to tell whether the results on screen belong to it. */
export function sweepKeyOf(sweep: KernelsScenario): string {
  return JSON.stringify(sweep);
}

/** The sweep's points in the order they run: every kernel at one N before the next N, so all lines grow together. */
export function sweepJobs(sweep: KernelsScenario): KernelJob[] {
  const params = {
    window: sweep.window,
    globalTokens: sweep.globalTokens,
    block: sweep.block,
    rank: sweep.rank,
    features: sweep.features,
    seed: 1,
  };
  const jobs: KernelJob[] = [];
  for (const seqLen of sweep.seqLens) {
    for (const kernel of sweep.kernels) {
      jobs.push({ kernel, shape: { seqLen, heads: sweep.heads, headDim: sweep.headDim, causal: sweep.causal }, input: sweep.input, params, seed: 1 });
    }
  }
  return jobs;
}

/** Finished sweeps kept for slides shown again. */
const SWEEPS_KEPT = 6;
/** The progress bar follows a point at most this often, in milliseconds. */
const PROGRESS_SHOWN_EVERY_MS = 100;
/** Maximum wait for the page to draw between points, for a tab in the background where frames stop. */
const DRAW_WAIT_MS = 100;

/** Resolves after the page has drawn its next frame, or after DRAW_WAIT_MS, and at once where nothing is drawn. */
function pageDrawn(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DRAW_WAIT_MS);
    // The frame callback runs before the frame is painted; the timeout after it runs once painting is done.
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }, 0));
  });
}

/**
 * Creates the store of sweep results. getPool creates the worker pool on the
 * first run; tests pass a pool of their own.
 */
export function createKernelsStore(getPool: () => KernelPool | Promise<KernelPool>) {
  let controller: AbortController | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  // Sweeps that ran to the end in this page, by sweep key, oldest first, so that a slide shown again needs no new run.
  const finished = new Map<string, { results: KernelRunResult[]; failures: KernelFailure[] }>();
  return createStore<KernelsRunState>()((set, get) => ({
    status: 'idle',
    results: [],
    failures: [],
    pointsDone: 0,
    pointsTotal: 0,
    current: null,
    relaxedSimd: null,
    error: null,
    sweepKey: '',

    async ensureSweep(sweep) {
      const key = sweepKeyOf(sweep);
      const { status, sweepKey, error } = get();
      if (sweepKey === key && error === null && (status === 'running' || status === 'done')) return inFlight;
      if (status === 'running') {
        controller?.abort();
        await inFlight;
      }
      // Another caller may have started a sweep while the cancelled one wound down.
      if (get().status === 'running') return get().ensureSweep(sweep);
      const earlier = finished.get(key);
      if (earlier) {
        const points = earlier.results.length + earlier.failures.length;
        set({ status: 'done', results: earlier.results, failures: earlier.failures, pointsDone: points, pointsTotal: points, current: null, error: null, sweepKey: key });
        return;
      }
      return get().runSweep(sweep);
    },

    async runSweep(sweep) {
      if (get().status === 'running') return;
      let finish = () => {};
      inFlight = new Promise((resolve) => { finish = resolve; });
      const jobs = sweepJobs(sweep);
      controller = new AbortController();
      const { signal } = controller;
      set({ status: 'running', results: [], failures: [], pointsDone: 0, pointsTotal: jobs.length, current: null, error: null, sweepKey: sweepKeyOf(sweep) });
      let pool: KernelPool;
      try {
        pool = await getPool();
        if (get().relaxedSimd === null) set({ relaxedSimd: await pool.prepare() });
      } catch (error) {
        set({ status: 'idle', error: `The kernel workers could not start: ${error instanceof Error ? error.message : String(error)}` });
        finish();
        return;
      }
      // A kernel rejected for memory at one N is rejected at every larger N too.
      const overBudget = new Set<string>();
      for (const job of jobs) {
        if (signal.aborted) break;
        const { kernel, shape } = job;
        if (overBudget.has(kernel)) {
          set((state) => ({ failures: [...state.failures, { kernel, seqLen: shape.seqLen, headDim: shape.headDim, kind: 'rejected', message: 'Skipped: a smaller N already exceeded the memory budget.' }], pointsDone: state.pointsDone + 1, current: null }));
          continue;
        }
        // The last point's result is drawn before this one is timed, so that drawing does not take its cores.
        await pageDrawn();
        if (signal.aborted) break;
        set({ current: { kernel, seqLen: shape.seqLen, fraction: 0 } });
        let progressShownAt = -Infinity;
        try {
          const result = await pool.run(job, {
            budgetBytes: sweep.budgetMiB * 1024 ** 2,
            repeats: sweep.repeats,
            signal,
            onProgress: (fraction) => {
              const now = performance.now();
              // The end of the timed runs is always shown, because the error measurement follows.
              if (fraction < 1 && now - progressShownAt < PROGRESS_SHOWN_EVERY_MS) return;
              progressShownAt = now;
              set((state) => (state.current ? { current: { ...state.current, fraction } } : {}));
            },
          });
          set((state) => ({ results: [...state.results, result], pointsDone: state.pointsDone + 1, current: null }));
        } catch (error) {
          if (error instanceof RunCancelledError) break;
          if (error instanceof MemoryBudgetError) overBudget.add(kernel);
          const rejected = error instanceof MemoryBudgetError || error instanceof ValidationError;
          const message = error instanceof KernelRunError || rejected ? error.message : `${kernel} failed at N = ${shape.seqLen}, d = ${shape.headDim}: ${String(error)}`;
          const failure: KernelFailure = { kernel, seqLen: shape.seqLen, headDim: shape.headDim, kind: rejected ? 'rejected' : 'failed', message };
          set((state) => ({ failures: [...state.failures, failure], pointsDone: state.pointsDone + 1, current: null }));
        }
      }
      set({ status: signal.aborted ? 'cancelled' : 'done', current: null });
      if (!signal.aborted) {
        const key = sweepKeyOf(sweep);
        finished.delete(key);
        finished.set(key, { results: get().results, failures: get().failures });
        if (finished.size > SWEEPS_KEPT) finished.delete(finished.keys().next().value!);
      }
      controller = null;
      finish();
    },

    cancel() {
      controller?.abort();
    },
  }));
}

export type KernelsStore = ReturnType<typeof createKernelsStore>;

let pool: Promise<KernelPool> | null = null;

/** The page's store; the browser pool is loaded and started on the first sweep. */
export const kernelsStore = createKernelsStore(() => {
  pool ??= import('../workers/browserKernelPool.ts').then(({ createBrowserKernelPool, sharedMemoryAvailable }) => {
    if (!sharedMemoryAvailable()) {
      throw new Error('this page is not cross-origin isolated, so workers cannot share memory. Serve it with the COOP and COEP headers (vite dev and vite preview send them).');
    }
    return createBrowserKernelPool();
  });
  pool.catch(() => {
    pool = null;
  });
  return pool;
});

export function useKernelsState<T>(selector: (state: KernelsRunState) => T): T {
  return useStore(kernelsStore, selector);
}
