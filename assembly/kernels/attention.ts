// Exact attention with online softmax (FlashAttention forward, Dao et al.,
// arXiv 2205.14135, Algorithm 1) in WebAssembly SIMD. Compiled by
// scripts/build-kernels-wasm.mjs. The caller owns all memory and passes byte
// offsets, so the module needs no allocator and can run on shared memory.
//
// One call computes output rows [rowStart, rowEnd) of one head. Q, K, V and O
// are row-major with `stride` floats between consecutive tokens, so a head of
// a [seqLen, heads * headDim] tensor is addressed by offsetting the pointers.
// headDim must be a multiple of 8.
//
// The tiles are laid out so that every load in the inner loops sits at a fixed
// offset from one pointer per operand: Q and K tiles are stored transposed
// (dimension-major), and the score tile key-major, S[j][r]. The softmax then
// works on four query rows per vector with no sums across lanes.

// Query rows and keys per tile.
const BLOCK_ROWS: i32 = 64;
const BLOCK_COLS: i32 = 64;

const LOG2E: f32 = 1.4426950408889634;
const LN2: f32 = 0.6931471805599453;
// Below this, exp underflows in float32 and is returned as 0.
const EXP_FLOOR: f32 = -87.0;

/** Bytes of scratch memory one call needs for the given head dimension. */
export function scratchBytes(headDim: i32): i32 {
  return (2 * BLOCK_ROWS * headDim + headDim * BLOCK_COLS + BLOCK_COLS * BLOCK_ROWS + 3 * BLOCK_ROWS) * 4;
}

// a * b + c: one fused multiply-add when relaxed SIMD is enabled, else a multiply and an add.
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// exp(x) on four lanes: x = n ln2 + f with |f| <= ln2 / 2, e^f by its degree-6
// Taylor polynomial (relative error below 2e-7), 2^n built in the exponent
// bits. Lanes below EXP_FLOOR, -Infinity included, give exactly 0.
@inline
function exp4(x: v128): v128 {
  // pmax is a single instruction; it keeps the exponent arithmetic finite for -Infinity.
  const clamped = f32x4.pmax(x, f32x4.splat(EXP_FLOOR));
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
  return v128.and(f32x4.mul(p, bits), f32x4.ge(x, f32x4.splat(EXP_FLOOR)));
}

/** Writes Q rows row0 .. row0 + rows, times scale, transposed into a headDim x BLOCK_ROWS tile, zero-padded. */
function loadQueryTile(q: usize, qt: usize, stride: i32, headDim: i32, row0: i32, rows: i32, scale: f32): void {
  for (let r = 0; r < BLOCK_ROWS; r++) {
    if (r < rows) {
      const src = q + <usize>((row0 + r) * stride) * 4;
      for (let c = 0; c < headDim; c++) store<f32>(qt + <usize>(c * BLOCK_ROWS + r) * 4, load<f32>(src + <usize>c * 4) * scale);
    } else {
      for (let c = 0; c < headDim; c++) store<f32>(qt + <usize>(c * BLOCK_ROWS + r) * 4, 0);
    }
  }
}

/** Writes K rows col0 .. col0 + cols transposed into a headDim x BLOCK_COLS tile, zero-padded. */
function loadKeyTile(k: usize, kt: usize, stride: i32, headDim: i32, col0: i32, cols: i32): void {
  const whole = cols & ~3;
  const rowBytes = <usize>stride * 4;
  // Four keys by four dimensions at a time: four row loads, a 4 x 4 transpose in registers, four column stores.
  for (let j = 0; j < whole; j += 4) {
    const src = k + <usize>((col0 + j) * stride) * 4;
    for (let c = 0; c < headDim; c += 4) {
      const at = src + <usize>c * 4;
      const r0 = v128.load(at);
      const r1 = v128.load(at + rowBytes);
      const r2 = v128.load(at + 2 * rowBytes);
      const r3 = v128.load(at + 3 * rowBytes);
      const low01 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const high01 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const low23 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const high23 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const dst = kt + <usize>(c * BLOCK_COLS + j) * 4;
      v128.store(dst, v128.shuffle<f32>(low01, low23, 0, 1, 4, 5));
      v128.store(dst, v128.shuffle<f32>(low01, low23, 2, 3, 6, 7), BLOCK_COLS * 4);
      v128.store(dst, v128.shuffle<f32>(high01, high23, 0, 1, 4, 5), BLOCK_COLS * 8);
      v128.store(dst, v128.shuffle<f32>(high01, high23, 2, 3, 6, 7), BLOCK_COLS * 12);
    }
  }
  for (let j = whole; j < BLOCK_COLS; j++) {
    if (j < cols) {
      const src = k + <usize>((col0 + j) * stride) * 4;
      for (let c = 0; c < headDim; c++) store<f32>(kt + <usize>(c * BLOCK_COLS + j) * 4, load<f32>(src + <usize>c * 4));
    } else {
      for (let c = 0; c < headDim; c++) store<f32>(kt + <usize>(c * BLOCK_COLS + j) * 4, 0);
    }
  }
}

/** S[j][r] = sum over c of Kt[c][j] * Qt[c][r], four keys by eight rows at a time. */
function scoreTile(qt: usize, kt: usize, st: usize, headDim: i32, rows: i32, cols: i32): void {
  for (let j = 0; j < cols; j += 4) {
    for (let r = 0; r < rows; r += 8) {
      let a00 = f32x4.splat(0), a01 = f32x4.splat(0);
      let a10 = f32x4.splat(0), a11 = f32x4.splat(0);
      let a20 = f32x4.splat(0), a21 = f32x4.splat(0);
      let a30 = f32x4.splat(0), a31 = f32x4.splat(0);
      let kp = kt + <usize>j * 4;
      let qp = qt + <usize>r * 4;
      for (let c = 0; c < headDim; c++) {
        const q0 = v128.load(qp), q1 = v128.load(qp, 16);
        const b0 = v128.load32_splat(kp);
        a00 = madd(b0, q0, a00); a01 = madd(b0, q1, a01);
        const b1 = v128.load32_splat(kp, 4);
        a10 = madd(b1, q0, a10); a11 = madd(b1, q1, a11);
        const b2 = v128.load32_splat(kp, 8);
        a20 = madd(b2, q0, a20); a21 = madd(b2, q1, a21);
        const b3 = v128.load32_splat(kp, 12);
        a30 = madd(b3, q0, a30); a31 = madd(b3, q1, a31);
        kp += <usize>BLOCK_COLS * 4;
        qp += <usize>BLOCK_ROWS * 4;
      }
      const s0 = st + <usize>(j * BLOCK_ROWS + r) * 4;
      v128.store(s0, a00); v128.store(s0, a01, 16);
      v128.store(s0, a10, BLOCK_ROWS * 4); v128.store(s0, a11, BLOCK_ROWS * 4 + 16);
      v128.store(s0, a20, BLOCK_ROWS * 8); v128.store(s0, a21, BLOCK_ROWS * 8 + 16);
      v128.store(s0, a30, BLOCK_ROWS * 12); v128.store(s0, a31, BLOCK_ROWS * 12 + 16);
    }
  }
}

/** Sets the scores of keys after each query row to -Infinity, on a tile that crosses the causal diagonal. */
function maskTile(st: usize, row0: i32, rows: i32, col0: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let j = max(0, row0 + r + 1 - col0); j < cols; j++) store<f32>(st + <usize>(j * BLOCK_ROWS + r) * 4, -Infinity);
  }
}

/**
 * Replaces the tile's scores by exp(s - m_new) for four rows at a time,
 * updates each row's running max m and sum l, and writes the factor
 * exp(m_old - m_new) by which its accumulated output must be scaled.
 */
function softmaxTile(st: usize, stats: usize, rows: i32, cols: i32): void {
  const m = stats;
  const l = stats + <usize>BLOCK_ROWS * 4;
  const alpha = l + <usize>BLOCK_ROWS * 4;
  const negativeInfinity = f32x4.splat(-Infinity);
  for (let r = 0; r < rows; r += 4) {
    const column = st + <usize>r * 4;
    let tileMax = negativeInfinity;
    for (let j = 0; j < cols; j++) tileMax = f32x4.pmax(tileMax, v128.load(column + <usize>(j * BLOCK_ROWS) * 4));
    const mOld = v128.load(m + <usize>r * 4);
    const mNew = f32x4.pmax(mOld, tileMax);
    // A row with no unmasked score yet keeps m = -Infinity. Subtracting 0 instead keeps its exponents -Infinity, not NaN.
    const reference = v128.andnot(mNew, f32x4.eq(mNew, negativeInfinity));
    let sum = f32x4.splat(0);
    for (let j = 0; j < cols; j++) {
      const at = column + <usize>(j * BLOCK_ROWS) * 4;
      const p = exp4(f32x4.sub(v128.load(at), reference));
      v128.store(at, p);
      sum = f32x4.add(sum, p);
    }
    const factor = exp4(f32x4.sub(mOld, reference));
    v128.store(alpha + <usize>r * 4, factor);
    v128.store(l + <usize>r * 4, madd(v128.load(l + <usize>r * 4), factor, sum));
    v128.store(m + <usize>r * 4, mNew);
  }
}

/** Oacc[r] = Oacc[r] * alpha[r] + sum over j of P[j][r] * V[col0 + j], four rows by eight dimensions at a time. */
function accumulateTile(v: usize, st: usize, oacc: usize, alpha: usize, stride: i32, headDim: i32, col0: i32, cols: i32, rows: i32): void {
  for (let r = 0; r < rows; r += 4) {
    const f0 = v128.load32_splat(alpha + <usize>r * 4);
    const f1 = v128.load32_splat(alpha + <usize>r * 4, 4);
    const f2 = v128.load32_splat(alpha + <usize>r * 4, 8);
    const f3 = v128.load32_splat(alpha + <usize>r * 4, 12);
    for (let c = 0; c < headDim; c += 8) {
      const o0 = oacc + <usize>(r * headDim + c) * 4;
      const o1 = o0 + <usize>headDim * 4;
      const o2 = o1 + <usize>headDim * 4;
      const o3 = o2 + <usize>headDim * 4;
      let a00 = f32x4.mul(v128.load(o0), f0), a01 = f32x4.mul(v128.load(o0, 16), f0);
      let a10 = f32x4.mul(v128.load(o1), f1), a11 = f32x4.mul(v128.load(o1, 16), f1);
      let a20 = f32x4.mul(v128.load(o2), f2), a21 = f32x4.mul(v128.load(o2, 16), f2);
      let a30 = f32x4.mul(v128.load(o3), f3), a31 = f32x4.mul(v128.load(o3, 16), f3);
      let pp = st + <usize>r * 4;
      let vp = v + <usize>(col0 * stride + c) * 4;
      for (let j = 0; j < cols; j++) {
        const v0 = v128.load(vp), v1 = v128.load(vp, 16);
        const b0 = v128.load32_splat(pp);
        a00 = madd(b0, v0, a00); a01 = madd(b0, v1, a01);
        const b1 = v128.load32_splat(pp, 4);
        a10 = madd(b1, v0, a10); a11 = madd(b1, v1, a11);
        const b2 = v128.load32_splat(pp, 8);
        a20 = madd(b2, v0, a20); a21 = madd(b2, v1, a21);
        const b3 = v128.load32_splat(pp, 12);
        a30 = madd(b3, v0, a30); a31 = madd(b3, v1, a31);
        pp += <usize>BLOCK_ROWS * 4;
        vp += <usize>stride * 4;
      }
      v128.store(o0, a00); v128.store(o0, a01, 16);
      v128.store(o1, a10); v128.store(o1, a11, 16);
      v128.store(o2, a20); v128.store(o2, a21, 16);
      v128.store(o3, a30); v128.store(o3, a31, 16);
    }
  }
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
  const qt = scratch;
  const kt = qt + <usize>(headDim * BLOCK_ROWS) * 4;
  const st = kt + <usize>(headDim * BLOCK_COLS) * 4;
  const oacc = st + <usize>(BLOCK_COLS * BLOCK_ROWS) * 4;
  const stats = oacc + <usize>(BLOCK_ROWS * headDim) * 4;
  const l = stats + <usize>BLOCK_ROWS * 4;
  const alpha = l + <usize>BLOCK_ROWS * 4;

  for (let row0 = rowStart; row0 < rowEnd; row0 += BLOCK_ROWS) {
    const rows = min(BLOCK_ROWS, rowEnd - row0);
    // The score tile is computed eight rows at a time. Rows past `rows` see zero queries and are never written out.
    const paddedRows = (rows + 7) & ~7;
    loadQueryTile(q, qt, stride, headDim, row0, rows, scale);
    memory.fill(oacc, 0, <usize>(BLOCK_ROWS * headDim) * 4);
    for (let r = 0; r < BLOCK_ROWS; r++) {
      store<f32>(stats + <usize>r * 4, -Infinity);
      store<f32>(l + <usize>r * 4, 0);
    }

    const colEnd = causal ? min(seqLen, row0 + rows) : seqLen;
    for (let col0 = 0; col0 < colEnd; col0 += BLOCK_COLS) {
      const cols = min(BLOCK_COLS, colEnd - col0);
      loadKeyTile(k, kt, stride, headDim, col0, cols);
      scoreTile(qt, kt, st, headDim, paddedRows, (cols + 3) & ~3);
      if (causal && col0 + cols > row0 + 1) maskTile(st, row0, paddedRows, col0, cols);
      softmaxTile(st, stats, paddedRows, cols);
      accumulateTile(v, st, oacc, alpha, stride, headDim, col0, cols, paddedRows);
    }

    for (let r = 0; r < rows; r++) {
      const sum = load<f32>(l + <usize>r * 4);
      const inv: f32 = sum > 0 ? 1 / sum : 0;
      const src = oacc + <usize>(r * headDim) * 4;
      const dst = o + <usize>((row0 + r) * stride) * 4;
      const s = f32x4.splat(inv);
      for (let c = 0; c < headDim; c += 4) v128.store(dst + <usize>c * 4, f32x4.mul(v128.load(src + <usize>c * 4), s));
    }
  }
}
