import type { MemoryLayout } from './job.ts';

// The control block is a few 32-bit integers in the job's shared memory.
// Through it the workers of a pool share out the tasks of one run and report
// progress, so no task has to wait for a message from the page's thread,
// which may be busy drawing.

/** Index of the next unclaimed task. */
const NEXT_TASK = 0;
/** Set to 1 to make the workers stop claiming tasks. */
const STOP = 1;
/** Followed by one progress counter per worker slot. */
const FIRST_PROGRESS = 2;

/** Progress counters are in millionths of the run. */
const PROGRESS_SCALE = 1_000_000;

/** Bytes of the control block for a pool of `slots` workers. */
export function controlBytes(slots: number): number {
  return 4 * (FIRST_PROGRESS + slots);
}

/** Returns the control block of a job's memory as 32-bit integers. */
export function controlView(memory: WebAssembly.Memory, layout: MemoryLayout): Int32Array {
  return new Int32Array(memory.buffer, layout.control, FIRST_PROGRESS + layout.scratch.length);
}

/** Clears the block before a run: no task claimed, no progress, not stopped. */
export function resetControl(control: Int32Array): void {
  for (let i = 0; i < control.length; i++) Atomics.store(control, i, 0);
}

/** Asks the workers to stop after the task each is running. */
export function stopClaiming(control: Int32Array): void {
  Atomics.store(control, STOP, 1);
}

/** Fraction of the run done, summed over the workers, from 0 to 1. */
export function readProgress(control: Int32Array): number {
  let total = 0;
  for (let i = FIRST_PROGRESS; i < control.length; i++) total += Atomics.load(control, i);
  return Math.min(1, total / PROGRESS_SCALE);
}

/** Claims the next task for a worker: returns its index, or -1 once the pool has requested a stop. */
export function claimTask(control: Int32Array): number {
  return Atomics.load(control, STOP) === 0 ? Atomics.add(control, NEXT_TASK, 1) : -1;
}

/** Records how much of the run worker slot `slot` has done, as a fraction of the whole run. */
export function reportProgress(control: Int32Array, slot: number, fraction: number): void {
  Atomics.store(control, FIRST_PROGRESS + slot, Math.floor(PROGRESS_SCALE * fraction));
}
