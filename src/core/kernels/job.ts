import { ValidationError } from '../errors.ts';
import { MemoryBudgetError } from './budget.ts';
import { compareOutputs, type ErrorMetrics } from './metrics.ts';
import { fillInputs, retrievalAccuracy, type InputKind } from './inputs.ts';
import { referenceRows } from './reference.ts';
import { getKernel, isKernelId } from './registry.ts';
import { checkShape, tensorLength, type AttentionBuffers, type AttentionShape } from './shape.ts';
import { tiledScratchBytes } from './tiled.ts';
import { claimTask, controlBytes, controlView, reportProgress } from './control.ts';
import { TEST_FAILING_KERNEL, type KernelParams, type KernelTask } from './types.ts';
import { pagesFor, WASM_MAX_PAGES, WASM_RESERVED_BYTES } from './wasm/engine.ts';
import { pairsBefore, taskPairs, type TaskRange } from './plan.ts';

/** One measured point of a sweep: a kernel on one shape and input. */
export interface KernelJob {
  kernel: string;
  shape: AttentionShape;
  input: InputKind;
  params: KernelParams;
  /** Seed of the inputs. */
  seed: number;
}

/** Byte offsets of the buffers of a job inside one (shared) WebAssembly memory. */
export interface MemoryLayout {
  q: number;
  k: number;
  v: number;
  out: number;
  /** Scratch area of each worker slot. */
  scratch: number[];
  /** Byte offset of the control block through which the workers share out tasks (control.ts). */
  control: number;
  pages: number;
  /** Distinguishes this job's memory from earlier ones in a worker's instance cache. */
  memoryKey: number;
}

/** Bytes of Q, K, V and the output together. */
export function ioBytes(shape: AttentionShape): number {
  return 4 * tensorLength(shape) * 4;
}

const align = (value: number, to: number) => Math.ceil(value / to) * to;

// Starts at a random value so that layouts planned by different pages or pools do not share keys.
let nextMemoryKey = Math.floor(Math.random() * 2 ** 30);

export function planLayout(shape: AttentionShape, slots: number): MemoryLayout {
  const arrayBytes = align(tensorLength(shape) * 4, 64);
  const scratchBytes = align(tiledScratchBytes(shape.headDim), 64);
  const base = WASM_RESERVED_BYTES;
  const scratch = Array.from({ length: slots }, (_, slot) => base + 4 * arrayBytes + slot * scratchBytes);
  const control = base + 4 * arrayBytes + slots * scratchBytes;
  return {
    q: base,
    k: base + arrayBytes,
    v: base + 2 * arrayBytes,
    out: base + 3 * arrayBytes,
    scratch,
    control,
    pages: pagesFor(4 * arrayBytes + slots * scratchBytes + controlBytes(slots)),
    memoryKey: nextMemoryKey++,
  };
}

/**
 * Checks the job and that its memory fits, before anything is allocated:
 * the kernel's working memory against the budget, and Q, K, V and the output
 * against the 4 GiB WebAssembly memory they live in.
 */
export function checkJob(job: KernelJob, workers: number, budgetBytes: number): void {
  checkShape(job.shape);
  if (job.kernel === TEST_FAILING_KERNEL) return;
  const kernel = getKernel(job.kernel);
  kernel.check(job.shape, job.params);
  const extra = kernel.extraBytes(job.shape, job.params, workers);
  if (extra > budgetBytes) {
    const what = kernel.id === 'dense' ? 'materialised scores' : 'its working buffers';
    throw new MemoryBudgetError(kernel.id, job.shape.seqLen, extra, budgetBytes, what);
  }
  const layout = planLayout(job.shape, workers);
  if (layout.pages > WASM_MAX_PAGES) {
    throw new MemoryBudgetError(kernel.id, job.shape.seqLen, layout.pages * 65536, WASM_MAX_PAGES * 65536, 'Q, K, V and the output (WebAssembly memory)');
  }
}

/** Float32Array views of Q, K, V and the output inside the memory. */
export function viewBuffers(memory: WebAssembly.Memory, layout: MemoryLayout, shape: AttentionShape): AttentionBuffers {
  const length = tensorLength(shape);
  return {
    q: new Float32Array(memory.buffer, layout.q, length),
    k: new Float32Array(memory.buffer, layout.k, length),
    v: new Float32Array(memory.buffer, layout.v, length),
    out: new Float32Array(memory.buffer, layout.out, length),
  };
}

export function generateInputs(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): void {
  const buffers = viewBuffers(memory, layout, job.shape);
  fillInputs(job.input, job.shape, job.seed, buffers);
}

/** Runs one task of a job on the memory, in worker slot `slot`. */
export function runTask(
  job: KernelJob,
  memory: WebAssembly.Memory,
  layout: MemoryLayout,
  slot: number,
  range: TaskRange,
  onRows?: (rowsDone: number) => void,
): void {
  if (job.kernel === TEST_FAILING_KERNEL) {
    throw new Error(`The ${TEST_FAILING_KERNEL} kernel throws on purpose, to test how failures are reported.`);
  }
  if (!isKernelId(job.kernel)) throw new ValidationError('kernel', job.kernel, 'a known kernel id');
  const scratch = layout.scratch[slot];
  if (scratch === undefined) throw new ValidationError('slot', slot, `0 to ${layout.scratch.length - 1}`);
  const task: KernelTask = {
    buffers: viewBuffers(memory, layout, job.shape),
    shape: job.shape,
    params: job.params,
    ...range,
    wasm: { memory, q: layout.q, k: layout.k, v: layout.v, out: layout.out, scratch, memoryKey: layout.memoryKey },
  };
  if (onRows) task.onRows = onRows;
  getKernel(job.kernel).run(task);
}

/**
 * Runs tasks of a job in worker slot `slot`, claiming them one at a time
 * through the memory's control block until none is left or the pool
 * requests a stop. Every worker of the pool calls this with the same list, so no task
 * waits for a message from the page. Returns the number of tasks run.
 */
export function runClaimedTasks(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout, slot: number, tasks: readonly TaskRange[]): number {
  if (!Number.isInteger(slot) || slot < 0 || slot >= layout.scratch.length) throw new ValidationError('slot', slot, `0 to ${layout.scratch.length - 1}`);
  const control = controlView(memory, layout);
  const totalPairs = tasks.reduce((sum, task) => sum + taskPairs(task, job.shape), 0);
  let donePairs = 0;
  let ran = 0;
  for (let index = claimTask(control); index >= 0 && index < tasks.length; index = claimTask(control)) {
    const task = tasks[index]!;
    runTask(job, memory, layout, slot, task, (rows) => reportProgress(control, slot, (donePairs + pairsBefore(task.rowStart, task.rowStart + rows, job.shape)) / totalPairs));
    donePairs += taskPairs(task, job.shape);
    reportProgress(control, slot, donePairs / totalPairs);
    ran++;
  }
  return ran;
}

export interface JobErrors extends ErrorMetrics {
  /** Fraction of retrieval queries answered correctly; null for the Gaussian input. */
  retrievalAccuracy: number | null;
  /** Output rows (over all heads) compared with the float64 reference. */
  comparedRows: number;
}

/** Rows compared with the reference: all of them up to this many, else this many evenly spaced. */
export const MAX_COMPARED_ROWS = 512;

/** Compares the output with the float64 reference on up to MAX_COMPARED_ROWS tokens, and scores retrieval on all. */
export function evaluateOutput(job: KernelJob, memory: WebAssembly.Memory, layout: MemoryLayout): JobErrors {
  const { shape } = job;
  const buffers = viewBuffers(memory, layout, shape);
  const tokens = sampleTokens(shape.seqLen, MAX_COMPARED_ROWS);
  const reference = referenceRows(buffers.q, buffers.k, buffers.v, shape, tokens);
  const rowLength = shape.heads * shape.headDim;
  const sampled = new Float32Array(tokens.length * rowLength);
  tokens.forEach((token, i) => sampled.set(buffers.out.subarray(token * rowLength, (token + 1) * rowLength), i * rowLength));
  const metrics = compareOutputs(sampled, reference, shape);
  return {
    ...metrics,
    retrievalAccuracy: job.input === 'retrieval' ? retrievalAccuracy(buffers.out, shape, job.seed) : null,
    comparedRows: tokens.length * shape.heads,
  };
}

/** Evenly spaced token indices, first and last included, or every token when there are few. */
export function sampleTokens(seqLen: number, count: number): number[] {
  if (seqLen <= count) return Array.from({ length: seqLen }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.round((i * (seqLen - 1)) / (count - 1)));
}
