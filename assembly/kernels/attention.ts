// Exact attention with online softmax (FlashAttention forward, Dao et al.,
// arXiv 2205.14135, Algorithm 1) in WebAssembly SIMD. Compiled by
// scripts/build-kernels-wasm.mjs; the caller owns all memory and passes byte
// offsets, so the module needs no allocator and can run on shared memory.
//
// One call computes output rows [rowStart, rowEnd) of one head. Q, K, V and O
// are row-major with `stride` floats between consecutive tokens, so a head of
// a [seqLen, heads * headDim] tensor is addressed by offsetting the pointers.
// headDim must be a multiple of 8.

// Rows of Q and columns of K handled per tile.
const BLOCK_ROWS: i32 = 64;
const BLOCK_COLS: i32 = 64;

const LOG2E: f32 = 1.4426950408889634;
const LN2: f32 = 0.6931471805599453;

/** Bytes of scratch memory one call needs for the given head dimension. */
export function scratchBytes(headDim: i32): i32 {
  return (BLOCK_ROWS * headDim + headDim * BLOCK_COLS + BLOCK_ROWS * BLOCK_COLS + BLOCK_ROWS * headDim + 2 * BLOCK_ROWS) * 4;
}

// a * b + c: one fused multiply-add when relaxed SIMD is enabled, else a multiply and an add.
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// exp(x) for x <= 0 on four lanes: x = n ln2 + f with |f| <= ln2 / 2, e^f by its
// degree-6 Taylor polynomial (relative error below 2e-7), 2^n built in the
// exponent bits. Inputs below -87 give about 1.6e-38 instead of underflowing.
@inline
function exp4(x: v128): v128 {
  // pmax and pmin are single instructions; max and min also order NaN and -0.
  const clamped = f32x4.pmax(x, f32x4.splat(-87.0));
  const n = f32x4.nearest(f32x4.mul(clamped, f32x4.splat(LOG2E)));
  const f = madd(n, f32x4.splat(-LN2), clamped);
  let p = f32x4.splat(1.0 / 720.0);
  p = madd(p, f, f32x4.splat(1.0 / 120.0));
  p = madd(p, f, f32x4.splat(1.0 / 24.0));
  p = madd(p, f, f32x4.splat(1.0 / 6.0));
  p = madd(p, f, f32x4.splat(0.5));
  p = madd(p, f, f32x4.splat(1.0));
  p = madd(p, f, f32x4.splat(1.0));
  const bits = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, bits);
}

/** Copies rows of Q, multiplied by scale, into a zero-padded BLOCK_ROWS x headDim tile. */
function loadQueryTile(q: usize, qs: usize, stride: i32, headDim: i32, row0: i32, rows: i32, scale: f32): void {
  const s = f32x4.splat(scale);
  for (let r = 0; r < BLOCK_ROWS; r++) {
    const dst = qs + <usize>(r * headDim) * 4;
    if (r < rows) {
      const src = q + <usize>((row0 + r) * stride) * 4;
      for (let c = 0; c < headDim; c += 4) v128.store(dst + <usize>c * 4, f32x4.mul(v128.load(src + <usize>c * 4), s));
    } else {
      for (let c = 0; c < headDim; c += 4) v128.store(dst + <usize>c * 4, f32x4.splat(0));
    }
  }
}

/** Writes K[col0 .. col0 + cols) transposed into a headDim x BLOCK_COLS tile, zero-padded. */
function loadKeyTile(k: usize, kt: usize, stride: i32, headDim: i32, col0: i32, cols: i32): void {
  for (let j = 0; j < BLOCK_COLS; j++) {
    if (j < cols) {
      const src = k + <usize>((col0 + j) * stride) * 4;
      for (let c = 0; c < headDim; c++) store<f32>(kt + <usize>(c * BLOCK_COLS + j) * 4, load<f32>(src + <usize>c * 4));
    } else {
      for (let c = 0; c < headDim; c++) store<f32>(kt + <usize>(c * BLOCK_COLS + j) * 4, 0);
    }
  }
}

/** S = Qs · Kt for a full tile, four rows by eight columns at a time. */
function scoreTile(qs: usize, kt: usize, st: usize, headDim: i32, rows: i32): void {
  for (let r = 0; r < rows; r += 4) {
    const q0 = qs + <usize>(r * headDim) * 4;
    const q1 = q0 + <usize>headDim * 4;
    const q2 = q1 + <usize>headDim * 4;
    const q3 = q2 + <usize>headDim * 4;
    for (let j = 0; j < BLOCK_COLS; j += 8) {
      let a00 = f32x4.splat(0), a01 = f32x4.splat(0);
      let a10 = f32x4.splat(0), a11 = f32x4.splat(0);
      let a20 = f32x4.splat(0), a21 = f32x4.splat(0);
      let a30 = f32x4.splat(0), a31 = f32x4.splat(0);
      let kp = kt + <usize>j * 4;
      for (let c = 0; c < headDim; c++) {
        const k0 = v128.load(kp), k1 = v128.load(kp, 16);
        const offset = <usize>c * 4;
        const b0 = v128.load32_splat(q0 + offset);
        a00 = madd(b0, k0, a00); a01 = madd(b0, k1, a01);
        const b1 = v128.load32_splat(q1 + offset);
        a10 = madd(b1, k0, a10); a11 = madd(b1, k1, a11);
        const b2 = v128.load32_splat(q2 + offset);
        a20 = madd(b2, k0, a20); a21 = madd(b2, k1, a21);
        const b3 = v128.load32_splat(q3 + offset);
        a30 = madd(b3, k0, a30); a31 = madd(b3, k1, a31);
        kp += <usize>BLOCK_COLS * 4;
      }
      const s0 = st + <usize>(r * BLOCK_COLS + j) * 4;
      const s1 = s0 + <usize>BLOCK_COLS * 4;
      const s2 = s1 + <usize>BLOCK_COLS * 4;
      const s3 = s2 + <usize>BLOCK_COLS * 4;
      v128.store(s0, a00); v128.store(s0, a01, 16);
      v128.store(s1, a10); v128.store(s1, a11, 16);
      v128.store(s2, a20); v128.store(s2, a21, 16);
      v128.store(s3, a30); v128.store(s3, a31, 16);
    }
  }
}

/**
 * Replaces one row of scores by exp(s - m_new) over its first `valid` columns
 * (zero beyond), updates the running max and sum, and returns the factor
 * exp(m_old - m_new) by which the row's accumulated output must be scaled.
 */
function softmaxRow(srow: usize, ml: usize, valid: i32): f32 {
  const mOld = load<f32>(ml);
  let m = mOld;
  let j = 0;
  if (valid >= 4) {
    let mv = f32x4.splat(-Infinity);
    for (; j + 4 <= valid; j += 4) mv = f32x4.pmax(mv, v128.load(srow + <usize>j * 4));
    m = Mathf.max(m, Mathf.max(Mathf.max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), Mathf.max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3))));
  }
  for (; j < valid; j++) m = Mathf.max(m, load<f32>(srow + <usize>j * 4));

  // Masked columns may score above m; clamping at 0 keeps their exp finite before they are zeroed.
  const mv = f32x4.splat(m);
  const zero = f32x4.splat(0);
  let sum = zero;
  if (valid == BLOCK_COLS) {
    for (let c = 0; c < BLOCK_COLS; c += 4) {
      const p = exp4(f32x4.pmin(f32x4.sub(v128.load(srow + <usize>c * 4), mv), zero));
      v128.store(srow + <usize>c * 4, p);
      sum = f32x4.add(sum, p);
    }
  } else {
    for (let c = 0; c < BLOCK_COLS; c += 4) {
      v128.store(srow + <usize>c * 4, exp4(f32x4.pmin(f32x4.sub(v128.load(srow + <usize>c * 4), mv), zero)));
    }
    for (let c = valid; c < BLOCK_COLS; c++) store<f32>(srow + <usize>c * 4, 0);
    for (let c = 0; c < BLOCK_COLS; c += 4) sum = f32x4.add(sum, v128.load(srow + <usize>c * 4));
  }
  const total = f32x4.extract_lane(sum, 0) + f32x4.extract_lane(sum, 1) + f32x4.extract_lane(sum, 2) + f32x4.extract_lane(sum, 3);
  // mOld is -inf before the first tile; the factor is then 0, which clears the empty accumulator.
  const alpha: f32 = mOld == -Infinity ? 0 : f32x4.extract_lane(exp4(f32x4.splat(mOld - m)), 0);
  store<f32>(ml, m);
  store<f32>(ml + 4, load<f32>(ml + 4) * alpha + total);
  return alpha;
}

/** Oacc[r] = Oacc[r] * alpha[r] + P[r] · V tile, four rows and eight dimensions at a time. */
function accumulateTile(v: usize, st: usize, oacc: usize, stride: i32, headDim: i32, col0: i32, cols: i32, rows: i32): void {
  for (let r = 0; r < rows; r += 4) {
    const p0 = st + <usize>(r * BLOCK_COLS) * 4;
    const p1 = p0 + <usize>BLOCK_COLS * 4;
    const p2 = p1 + <usize>BLOCK_COLS * 4;
    const p3 = p2 + <usize>BLOCK_COLS * 4;
    for (let c = 0; c < headDim; c += 8) {
      const o0 = oacc + <usize>(r * headDim + c) * 4;
      const o1 = o0 + <usize>headDim * 4;
      const o2 = o1 + <usize>headDim * 4;
      const o3 = o2 + <usize>headDim * 4;
      let a00 = v128.load(o0), a01 = v128.load(o0, 16);
      let a10 = v128.load(o1), a11 = v128.load(o1, 16);
      let a20 = v128.load(o2), a21 = v128.load(o2, 16);
      let a30 = v128.load(o3), a31 = v128.load(o3, 16);
      let vp = v + <usize>(col0 * stride + c) * 4;
      for (let j = 0; j < cols; j++) {
        const v0 = v128.load(vp), v1 = v128.load(vp, 16);
        const offset = <usize>j * 4;
        const b0 = v128.load32_splat(p0 + offset);
        a00 = madd(b0, v0, a00); a01 = madd(b0, v1, a01);
        const b1 = v128.load32_splat(p1 + offset);
        a10 = madd(b1, v0, a10); a11 = madd(b1, v1, a11);
        const b2 = v128.load32_splat(p2 + offset);
        a20 = madd(b2, v0, a20); a21 = madd(b2, v1, a21);
        const b3 = v128.load32_splat(p3 + offset);
        a30 = madd(b3, v0, a30); a31 = madd(b3, v1, a31);
        vp += <usize>stride * 4;
      }
      v128.store(o0, a00); v128.store(o0, a01, 16);
      v128.store(o1, a10); v128.store(o1, a11, 16);
      v128.store(o2, a20); v128.store(o2, a21, 16);
      v128.store(o3, a30); v128.store(o3, a31, 16);
    }
  }
}

/** Multiplies each accumulated output row by its factor from softmaxRow. */
function rescaleRow(orow: usize, headDim: i32, alpha: f32): void {
  if (alpha == 1) return;
  const a = f32x4.splat(alpha);
  for (let c = 0; c < headDim; c += 4) v128.store(orow + <usize>c * 4, f32x4.mul(v128.load(orow + <usize>c * 4), a));
}

/**
 * Computes output rows [rowStart, rowEnd) of one head. headDim must be a
 * multiple of 8 for the SIMD tiles; scratch must hold scratchBytes(headDim).
 * With causal set, row i attends to keys 0..i only.
 */
export function flashForward(
  q: usize, k: usize, v: usize, o: usize, scratch: usize,
  seqLen: i32, headDim: i32, stride: i32, rowStart: i32, rowEnd: i32, causal: i32, scale: f32,
): void {
  const qs = scratch;
  const kt = qs + <usize>(BLOCK_ROWS * headDim) * 4;
  const st = kt + <usize>(headDim * BLOCK_COLS) * 4;
  const oacc = st + <usize>(BLOCK_ROWS * BLOCK_COLS) * 4;
  const ml = oacc + <usize>(BLOCK_ROWS * headDim) * 4;

  for (let row0 = rowStart; row0 < rowEnd; row0 += BLOCK_ROWS) {
    const rows = min(BLOCK_ROWS, rowEnd - row0);
    const paddedRows = (rows + 3) & ~3;
    loadQueryTile(q, qs, stride, headDim, row0, rows, scale);
    memory.fill(oacc, 0, <usize>(BLOCK_ROWS * headDim) * 4);
    for (let r = 0; r < BLOCK_ROWS; r++) {
      store<f32>(ml + <usize>r * 8, -Infinity);
      store<f32>(ml + <usize>r * 8 + 4, 0);
    }

    const colEnd = causal ? min(seqLen, row0 + rows) : seqLen;
    for (let col0 = 0; col0 < colEnd; col0 += BLOCK_COLS) {
      const cols = min(BLOCK_COLS, colEnd - col0);
      loadKeyTile(k, kt, stride, headDim, col0, cols);
      scoreTile(qs, kt, st, headDim, paddedRows);
      for (let r = 0; r < paddedRows; r++) {
        // Under the causal mask, row row0 + r attends to keys up to itself.
        let valid = causal ? min(cols, row0 + r + 1 - col0) : cols;
        if (r >= rows) valid = 0;
        const srow = st + <usize>(r * BLOCK_COLS) * 4;
        if (valid <= 0) {
          memory.fill(srow, 0, <usize>BLOCK_COLS * 4);
          continue;
        }
        const alpha = softmaxRow(srow, ml + <usize>r * 8, valid);
        rescaleRow(oacc + <usize>(r * headDim) * 4, headDim, alpha);
      }
      accumulateTile(v, st, oacc, stride, headDim, col0, cols, paddedRows);
    }

    for (let r = 0; r < rows; r++) {
      const sum = load<f32>(ml + <usize>r * 8 + 4);
      const inv: f32 = sum > 0 ? 1 / sum : 0;
      const src = oacc + <usize>(r * headDim) * 4;
      const dst = o + <usize>((row0 + r) * stride) * 4;
      const s = f32x4.splat(inv);
      for (let c = 0; c < headDim; c += 4) v128.store(dst + <usize>c * 4, f32x4.mul(v128.load(src + <usize>c * 4), s));
    }
  }
}
