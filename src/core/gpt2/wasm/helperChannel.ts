import { instantiateMatmul, type MatmulExports } from './module.ts';

/**
 * A second thread that shares the rows of each matrix product on the same
 * shared WebAssembly memory. The two sides meet through an Int32Array on a
 * SharedArrayBuffer with Atomics. The caller writes a job and increments the
 * job counter. Then both sides claim blocks of BLOCK_ROWS rows from a shared
 * counter until none are left, so a thread slowed by other work simply takes
 * fewer blocks. The helper copies the job counter into the done slot when it
 * has no block left. Atomics.wait blocks, so both sides must run in workers
 * (or in Node), never on a browser page's main thread.
 */

const SLOT = { job: 0, done: 1, ready: 2, next: 3, helperBlocks: 4, kind: 5, args: 6 } as const;
const ARG_COUNT = 7;
export const CONTROL_INTS = SLOT.args + ARG_COUNT;

/** Rows per claimed block; each block reuses every weight panel or embedding tile it loads across this many rows. */
export const BLOCK_ROWS = 32;

export const JOB = { linear: 1, outputHead: 2, stop: 3 } as const;

/**
 * A matrix product over `rows` rows starting at byte offsets in the memory:
 * linear: [x, weight, bias, out, rows, inWidth, outWidth];
 * outputHead: [x, embedding, out, rows, hidden, vocab].
 */
export type ProductJob = { kind: typeof JOB.linear | typeof JOB.outputHead; args: readonly number[] };

/** Inputs of a helper thread: the shared memory that contains the weights, and the control block. */
export interface HelperSetup {
  memory: WebAssembly.Memory;
  control: Int32Array;
}

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_INTS));
}

/** Runs blocks of the job now in the control block until every block is claimed, and returns how many this thread ran. */
export function runClaimedBlocks(kernels: MatmulExports, control: Int32Array): number {
  const kind = control[SLOT.kind];
  const a = (i: number) => control[SLOT.args + i]!;
  const rows = kind === JOB.linear ? a(4) : a(3);
  for (let blocks = 0; ; blocks++) {
    const first = Atomics.add(control, SLOT.next, 1) * BLOCK_ROWS;
    if (first >= rows) return blocks;
    const count = Math.min(BLOCK_ROWS, rows - first);
    if (kind === JOB.linear) {
      kernels.linear(a(0) + 4 * first * a(5), a(1), a(2), a(3) + 4 * first * a(6), count, a(5), a(6));
    } else {
      kernels.outputHead(a(0) + 4 * first * a(4), a(1), a(2) + 4 * first * a(5), count, a(4), a(5));
    }
  }
}

/** The caller's side of the channel. */
export class HelperChannel {
  constructor(private readonly control: Int32Array) {}

  /** Returns the number of row blocks the helper thread has run so far. */
  helperBlocks(): number {
    return Atomics.load(this.control, SLOT.helperBlocks);
  }

  /** Returns whether the helper has started and is waiting for jobs. */
  isReady(): boolean {
    return Atomics.load(this.control, SLOT.ready) === 1;
  }

  /** Runs a product with the helper: both threads claim row blocks, and this returns when both are done. */
  run(kernels: MatmulExports, job: ProductJob): void {
    this.post(job.kind, job.args);
    runClaimedBlocks(kernels, this.control);
    this.wait();
  }

  stop(): void {
    this.post(JOB.stop, []);
  }

  private post(kind: number, args: readonly number[]): void {
    this.control[SLOT.kind] = kind;
    for (let i = 0; i < ARG_COUNT; i++) this.control[SLOT.args + i] = args[i] ?? 0;
    Atomics.store(this.control, SLOT.next, 0);
    Atomics.add(this.control, SLOT.job, 1);
    Atomics.notify(this.control, SLOT.job);
  }

  private wait(): void {
    const job = Atomics.load(this.control, SLOT.job);
    for (;;) {
      const done = Atomics.load(this.control, SLOT.done);
      if (done === job) return;
      Atomics.wait(this.control, SLOT.done, done);
    }
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
    if (kind !== JOB.stop) Atomics.add(control, SLOT.helperBlocks, runClaimedBlocks(kernels, control));
    Atomics.store(control, SLOT.done, seen);
    Atomics.notify(control, SLOT.done);
    if (kind === JOB.stop) {
      Atomics.store(control, SLOT.ready, 0);
      return;
    }
  }
}
