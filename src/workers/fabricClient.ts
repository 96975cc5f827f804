import { wrap, type Endpoint, type Remote } from 'comlink';
import type { FabricRunInput } from '../core/fabric/input.ts';
import type { FabricResult } from '../core/fabric/simulate.ts';
import type { FabricWorkerApi } from './fabricApi.ts';

/** A worker as the client uses it: a comlink endpoint that can be terminated and reports errors. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

/** A run that a newer run replaced before it finished. */
export class SimulationCancelledError extends Error {
  override readonly name = 'SimulationCancelledError';
  constructor() {
    super('The simulation was cancelled because a newer scenario started.');
  }
}

/** The worker threw, crashed, failed to load or timed out; the next run starts a fresh worker. */
export class WorkerFailedError extends Error {
  override readonly name = 'WorkerFailedError';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

interface Pending {
  worker: WorkerLike;
  reject(error: Error): void;
  settle(): void;
}

interface Slot {
  worker: WorkerLike;
  remote: Remote<FabricWorkerApi>;
}

/** Milliseconds a run may take before the worker counts as hung. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs fabric simulations in a worker, one at a time. A new run cancels the
 * one in flight by terminating its worker, since a synchronous simulation
 * cannot be interrupted otherwise. A worker that throws, dies or times out is
 * discarded, its run rejects with WorkerFailedError, and the next run starts
 * a fresh worker.
 */
export class FabricSimulationClient {
  private slot: Slot | undefined;
  private pending: Pending | undefined;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  run(input: FabricRunInput): Promise<FabricResult> {
    this.cancel();
    const slot = this.ensureWorker();
    return new Promise<FabricResult>((resolve, reject) => {
      let settled = false;
      const onError = (event: Event) => {
        const detail = (event as Partial<ErrorEvent>).message;
        const message = typeof detail === 'string' && detail !== '' ? detail : 'the worker stopped unexpectedly';
        fail(new WorkerFailedError(`The fabric simulation failed: ${message}.`, event));
      };
      const timer = setTimeout(() => fail(new WorkerFailedError(`The fabric simulation timed out after ${this.timeoutMs / 1000} s.`)), this.timeoutMs);
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        slot.worker.removeEventListener('error', onError as EventListener);
        if (this.pending?.worker === slot.worker) this.pending = undefined;
      };
      const fail = (error: Error) => {
        if (settled) return;
        settle();
        this.discard(slot);
        reject(error);
      };
      this.pending = { worker: slot.worker, reject, settle };
      slot.worker.addEventListener('error', onError as EventListener);
      slot.remote.simulate(input).then(
        (result) => {
          if (settled) return;
          settle();
          resolve(result as FabricResult);
        },
        (error: unknown) => {
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          fail(new WorkerFailedError(`The fabric simulation failed: ${message}`, error));
        },
      );
    });
  }

  /** Cancels the run in flight, if any; its promise rejects with SimulationCancelledError. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    pending.settle();
    if (this.slot?.worker === pending.worker) this.discard(this.slot);
    pending.reject(new SimulationCancelledError());
  }

  /** Cancels any run and terminates the worker. */
  dispose(): void {
    this.cancel();
    if (this.slot) this.discard(this.slot);
  }

  private ensureWorker(): Slot {
    if (!this.slot) {
      const worker = this.createWorker();
      this.slot = { worker, remote: wrap<FabricWorkerApi>(worker) };
    }
    return this.slot;
  }

  private discard(slot: Slot): void {
    slot.worker.terminate();
    if (this.slot === slot) this.slot = undefined;
  }
}

/** Creates a client over the app's fabric worker, bundled by Vite. */
export function createBrowserFabricClient(): FabricSimulationClient {
  return new FabricSimulationClient(() => new Worker(new URL('./fabric.worker.ts', import.meta.url), { type: 'module', name: 'fabric' }));
}
