/**
 * The GPT-2 layers other than attention, over flat row-major Float32Arrays.
 * Every function writes into an output array the caller owns, so a forward
 * pass allocates its buffers once.
 */

/** LayerNorm over each row of x [rows, width]: (x − mean) / sqrt(var + ε) · weight + bias. */
export function layerNorm(out: Float32Array, x: Float32Array, rows: number, width: number, weight: Float32Array, bias: Float32Array, epsilon: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let mean = 0;
    for (let i = 0; i < width; i++) mean += x[base + i]!;
    mean /= width;
    let variance = 0;
    for (let i = 0; i < width; i++) {
      const centred = x[base + i]! - mean;
      variance += centred * centred;
    }
    const scale = 1 / Math.sqrt(variance / width + epsilon);
    for (let i = 0; i < width; i++) out[base + i] = (x[base + i]! - mean) * scale * weight[i]! + bias[i]!;
  }
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Applies GELU with the tanh approximation GPT-2 uses (Hendrycks and Gimpel,
 * arXiv 1606.08415) in place: 0.5·v·(1 + tanh u) with u = √(2/π)(v + 0.044715v³).
 * It is computed as v − v / (e^{2u} + 1), the same value, because Math.exp is
 * about a third faster than Math.tanh in V8 and e^{2u} overflowing to
 * Infinity still gives v.
 */
export function geluInPlace(x: Float32Array, length = x.length): void {
  for (let i = 0; i < length; i++) {
    const v = x[i]!;
    const u = SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
    x[i] = v - v / (Math.exp(2 * u) + 1);
  }
}

/** out += x, element by element, over the first length values. */
export function addInPlace(out: Float32Array, x: Float32Array, length = out.length): void {
  for (let i = 0; i < length; i++) out[i] = out[i]! + x[i]!;
}

/** Columns of the weight matrix handled per pass, so that a block of it stays in cache. */
const COLUMN_BLOCK = 128;

/**
 * A Conv1D layer: out [rows, outWidth] = x [rows, inWidth] · weight [inWidth, outWidth] + bias.
 * Four rows of x share each load of a weight row, and columns go in blocks
 * that stay in cache.
 */
export function linear(out: Float32Array, x: Float32Array, rows: number, inWidth: number, weight: Float32Array, bias: Float32Array, outWidth: number): void {
  for (let r = 0; r < rows; r++) out.set(bias.subarray(0, outWidth), r * outWidth);
  for (let j0 = 0; j0 < outWidth; j0 += COLUMN_BLOCK) {
    const j1 = Math.min(outWidth, j0 + COLUMN_BLOCK);
    let r = 0;
    for (; r + 4 <= rows; r += 4) linearFourRows(out, x, r, inWidth, weight, outWidth, j0, j1);
    for (; r < rows; r++) linearOneRow(out, x, r, inWidth, weight, outWidth, j0, j1);
  }
}

function linearFourRows(out: Float32Array, x: Float32Array, r: number, inWidth: number, weight: Float32Array, outWidth: number, j0: number, j1: number): void {
  const o0 = r * outWidth;
  const o1 = o0 + outWidth;
  const o2 = o1 + outWidth;
  const o3 = o2 + outWidth;
  const x0 = r * inWidth;
  for (let k = 0; k < inWidth; k++) {
    const a0 = x[x0 + k]!;
    const a1 = x[x0 + inWidth + k]!;
    const a2 = x[x0 + 2 * inWidth + k]!;
    const a3 = x[x0 + 3 * inWidth + k]!;
    const w = k * outWidth;
    for (let j = j0; j < j1; j++) {
      const b = weight[w + j]!;
      out[o0 + j] = out[o0 + j]! + a0 * b;
      out[o1 + j] = out[o1 + j]! + a1 * b;
      out[o2 + j] = out[o2 + j]! + a2 * b;
      out[o3 + j] = out[o3 + j]! + a3 * b;
    }
  }
}

function linearOneRow(out: Float32Array, x: Float32Array, r: number, inWidth: number, weight: Float32Array, outWidth: number, j0: number, j1: number): void {
  const o = r * outWidth;
  for (let k = 0; k < inWidth; k++) {
    const a = x[r * inWidth + k]!;
    const w = k * outWidth;
    for (let j = j0; j < j1; j++) out[o + j] = out[o + j]! + a * weight[w + j]!;
  }
}

/**
 * The tied output head: logits [rows, vocab] = x [rows, hidden] · embedding [vocab, hidden]ᵀ.
 * Each logit is a dot product of two contiguous rows; four rows of x share
 * each embedding row.
 */
export function outputHead(out: Float32Array, x: Float32Array, rows: number, hidden: number, embedding: Float32Array, vocab: number): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const x0 = r * hidden;
    for (let v = 0; v < vocab; v++) {
      const e = v * hidden;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < hidden; k++) {
        const b = embedding[e + k]!;
        s0 += x[x0 + k]! * b;
        s1 += x[x0 + hidden + k]! * b;
        s2 += x[x0 + 2 * hidden + k]! * b;
        s3 += x[x0 + 3 * hidden + k]! * b;
      }
      out[r * vocab + v] = s0;
      out[(r + 1) * vocab + v] = s1;
      out[(r + 2) * vocab + v] = s2;
      out[(r + 3) * vocab + v] = s3;
    }
  }
  for (; r < rows; r++) {
    for (let v = 0; v < vocab; v++) {
      let sum = 0;
      for (let k = 0; k < hidden; k++) sum += x[r * hidden + k]! * embedding[v * hidden + k]!;
      out[r * vocab + v] = sum;
    }
  }
}
