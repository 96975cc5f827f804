import { createControl, HelperChannel, JOB, type HelperSetup, type ProductJob } from './helperChannel.ts';
import { instantiateMatmul, type MatmulExports } from './module.ts';

const PAGE_BYTES = 65536;
/** The first page is left to the module's own static data. */
const RESERVED_BYTES = PAGE_BYTES;
/** The module's memory import allows at most 65,536 pages (4 GiB). */
const MAX_PAGES = 65536;
/** Rows of activations copied into the arena per call; with a helper thread the two share its row blocks. */
export const CHUNK_ROWS = 256;
/** Columns per panel of a packed weight, the width of the kernel's register block. */
export const PANEL_COLUMNS = 16;

export interface ArenaSizes {
  /** Floats of all weights placed in the arena. */
  weightFloats: number;
  /** Widest input of any product (hidden or MLP inner width). */
  maxInWidth: number;
  /** Widest output of any product (3 × hidden, inner or vocabulary). */
  maxOutWidth: number;
}

/**
 * A WebAssembly memory holding a model's weights, so the SIMD matrix products
 * read them in place, plus a scratch area into which activations are copied
 * CHUNK_ROWS rows at a time. Its size is fixed when it is created, so views
 * into it stay valid.
 */
export class WeightArena {
  readonly memory: WebAssembly.Memory;
  private readonly kernels: MatmulExports;
  private nextByte = RESERVED_BYTES;
  private readonly weightEnd: number;
  private readonly scratchIn: number;
  private readonly scratchOut: number;

  private helper: HelperChannel | null = null;

  /**
   * shared places the arena in a SharedArrayBuffer so that a helper thread
   * (see helperSetup) can run half of each product. Shared memory needs a
   * cross-origin isolated page, or Node.
   */
  constructor(sizes: ArenaSizes, options: { shared?: boolean } = {}) {
    // Each tensor may be padded to 16 bytes; 4 floats of slack per tensor is generous.
    const weightBytes = 4 * sizes.weightFloats + 4096 * 16;
    const scratchBytes = 4 * CHUNK_ROWS * (sizes.maxInWidth + sizes.maxOutWidth) + 64;
    const pages = Math.ceil((RESERVED_BYTES + weightBytes + scratchBytes) / PAGE_BYTES);
    if (pages > MAX_PAGES) throw new RangeError(`The weights need ${(pages * PAGE_BYTES / 2 ** 30).toFixed(1)} GiB of WebAssembly memory; the limit is 4 GiB.`);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: options.shared ?? false });
    this.kernels = instantiateMatmul(this.memory);
    this.weightEnd = RESERVED_BYTES + weightBytes;
    this.scratchIn = this.weightEnd;
    this.scratchOut = align16(this.scratchIn + 4 * CHUNK_ROWS * sizes.maxInWidth);
  }

  /** Places a copy of the values in the arena, 16-byte aligned, and returns the view. */
  place(values: Float32Array): Float32Array {
    const view = this.reserve(values.length);
    view.set(values);
    return view;
  }

  private reserve(count: number): Float32Array {
    const start = align16(this.nextByte);
    if (start + 4 * count > this.weightEnd) throw new RangeError('The weight arena is full; its size was computed from a different config.');
    this.nextByte = start + 4 * count;
    return new Float32Array(this.memory.buffer, start, count);
  }

  /** Whether the memory is shared, so that a helper thread can work on it. */
  get shared(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.memory.buffer instanceof SharedArrayBuffer;
  }

  /**
   * Creates the control block for a helper thread and returns what that thread
   * needs (pass it to serveHelperJobs there). Products run on one thread until
   * the helper reports ready.
   */
  helperSetup(): HelperSetup {
    if (!this.shared) throw new Error('A helper thread needs an arena created with shared: true.');
    const control = createControl();
    this.helper = new HelperChannel(control);
    return { memory: this.memory, control };
  }

  /** Stops the helper thread's job loop. */
  stopHelper(): void {
    if (this.helper?.isReady()) this.helper.stop();
    this.helper = null;
  }

  /** Matrices placed in column panels for linear(); no other code may read them as [in, out]. */
  private readonly packed = new WeakSet<Float32Array>();

  /**
   * Places a Conv1D weight [inWidth, outWidth] in the panel layout the SIMD
   * kernel reads: for each block of 16 columns, all inWidth rows of those 16
   * columns in a row. outWidth must be a multiple of 16.
   */
  placePacked(values: Float32Array, inWidth: number, outWidth: number): Float32Array {
    const view = this.reserve(values.length);
    for (let panel = 0; panel < outWidth; panel += PANEL_COLUMNS) {
      for (let k = 0; k < inWidth; k++) {
        view.set(values.subarray(k * outWidth + panel, k * outWidth + panel + PANEL_COLUMNS), panel * inWidth + k * PANEL_COLUMNS);
      }
    }
    this.packed.add(view);
    return view;
  }

  /** Returns whether the SIMD linear kernel can read this weight, because it is packed in panels in this arena. */
  isPacked(weight: Float32Array): boolean {
    return this.packed.has(weight);
  }

  /** Returns whether an array lives in this arena, so the SIMD kernels can read it in place. */
  owns(array: Float32Array): boolean {
    return array.buffer === this.memory.buffer;
  }

  /** out [rows, outWidth] = x · weight + bias on the SIMD kernel; the weight must be packed by placePacked and the bias in the arena. */
  linear(out: Float32Array, x: Float32Array, rows: number, inWidth: number, weight: Float32Array, bias: Float32Array, outWidth: number): void {
    const input = new Float32Array(this.memory.buffer, this.scratchIn, CHUNK_ROWS * inWidth);
    const output = new Float32Array(this.memory.buffer, this.scratchOut, CHUNK_ROWS * outWidth);
    for (let first = 0; first < rows; first += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows - first);
      input.set(x.subarray(first * inWidth, (first + count) * inWidth));
      this.runProduct({ kind: JOB.linear, args: [this.scratchIn, weight.byteOffset, bias.byteOffset, this.scratchOut, count, inWidth, outWidth] });
      out.set(output.subarray(0, count * outWidth), first * outWidth);
    }
  }

  /** out [rows, vocab] = x · embeddingᵀ on the SIMD kernel; the embedding must be in the arena and hidden a multiple of 4. */
  outputHead(out: Float32Array, x: Float32Array, rows: number, hidden: number, embedding: Float32Array, vocab: number): void {
    const input = new Float32Array(this.memory.buffer, this.scratchIn, CHUNK_ROWS * hidden);
    const output = new Float32Array(this.memory.buffer, this.scratchOut, CHUNK_ROWS * vocab);
    for (let first = 0; first < rows; first += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows - first);
      input.set(x.subarray(first * hidden, (first + count) * hidden));
      this.runProduct({ kind: JOB.outputHead, args: [this.scratchIn, embedding.byteOffset, this.scratchOut, count, hidden, vocab] });
      out.set(output.subarray(0, count * vocab), first * vocab);
    }
  }

  /** Runs a product on this thread alone, or shares its row blocks with a ready helper thread. */
  private runProduct(job: ProductJob): void {
    if (this.helper?.isReady()) {
      this.helper.run(this.kernels, job);
      return;
    }
    const a = job.args;
    if (job.kind === JOB.linear) this.kernels.linear(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!);
    else this.kernels.outputHead(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
  }
}

function align16(byte: number): number {
  return Math.ceil(byte / 16) * 16;
}
