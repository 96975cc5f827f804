import { instantiateMatmul } from './module.ts';

/**
 * A second thread that runs half the rows of each matrix product on the same
 * shared WebAssembly memory. The two sides meet through an Int32Array on a
 * SharedArrayBuffer with Atomics. The caller writes a job and increments the
 * job counter, and the helper runs the job and copies the counter into the
 * done slot.
 * Atomics.wait blocks, so both sides must run in workers (or in Node), never
 * on a browser page's main thread.
 */

const SLOT = { job: 0, done: 1, ready: 2, kind: 3, args: 4 } as const;
const ARG_COUNT = 7;
export const CONTROL_INTS = SLOT.args + ARG_COUNT;

export const JOB = { linear: 1, outputHead: 2, stop: 3 } as const;

/** Inputs of a helper thread: the shared memory that contains the weights, and the control block. */
export interface HelperSetup {
  memory: WebAssembly.Memory;
  control: Int32Array;
}

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_INTS));
}

/** The caller's side: post a job, do other work, then wait for the helper to finish it. */
export class HelperChannel {
  constructor(private readonly control: Int32Array) {}

  /** Whether the helper has started and is waiting for jobs. */
  isReady(): boolean {
    return Atomics.load(this.control, SLOT.ready) === 1;
  }

  post(kind: number, args: readonly number[]): void {
    this.control[SLOT.kind] = kind;
    for (let i = 0; i < ARG_COUNT; i++) this.control[SLOT.args + i] = args[i] ?? 0;
    Atomics.add(this.control, SLOT.job, 1);
    Atomics.notify(this.control, SLOT.job);
  }

  wait(): void {
    const job = Atomics.load(this.control, SLOT.job);
    for (;;) {
      const done = Atomics.load(this.control, SLOT.done);
      if (done === job) return;
      Atomics.wait(this.control, SLOT.done, done);
    }
  }

  stop(): void {
    this.post(JOB.stop, []);
  }
}

/** Runs jobs on the helper's side until a stop job arrives, blocking its thread until then. */
export function serveHelperJobs({ memory, control }: HelperSetup): void {
  const kernels = instantiateMatmul(memory);
  let seen = Atomics.load(control, SLOT.job);
  Atomics.store(control, SLOT.ready, 1);
  for (;;) {
    Atomics.wait(control, SLOT.job, seen);
    seen = Atomics.load(control, SLOT.job);
    const kind = control[SLOT.kind];
    const a = (i: number) => control[SLOT.args + i]!;
    if (kind === JOB.linear) kernels.linear(a(0), a(1), a(2), a(3), a(4), a(5), a(6));
    else if (kind === JOB.outputHead) kernels.outputHead(a(0), a(1), a(2), a(3), a(4), a(5));
    Atomics.store(control, SLOT.done, seen);
    Atomics.notify(control, SLOT.done);
    if (kind === JOB.stop) {
      Atomics.store(control, SLOT.ready, 0);
      return;
    }
  }
}
