// Matrix products of the GPT-2 forward pass in WebAssembly SIMD. Compiled by
// scripts/build-gpt2-wasm.mjs; the caller owns all memory and passes byte
// offsets, so the module needs no allocator.

// Rows of x kept hot in cache while every column block of the weight passes over them.
const ROW_TILE: i32 = 64;

// a * b + c: one fused multiply-add when relaxed SIMD is enabled, else a multiply and an add.
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * Computes a Conv1D layer: out [rows, outWidth] = x [rows, inWidth] · w [inWidth, outWidth] + bias.
 * outWidth must be a multiple of 16, and w is packed in column panels: the
 * sixteen columns j … j + 15 of every input row stored together, panel after
 * panel, so the inner loop reads w sequentially. Four rows by sixteen columns
 * are accumulated in registers across the whole inner dimension.
 */
export function linear(x: usize, w: usize, bias: usize, out: usize, rows: i32, inWidth: i32, outWidth: i32): void {
  for (let r0 = 0; r0 < rows; r0 += ROW_TILE) {
    const r1 = min(rows, r0 + ROW_TILE);
    for (let j = 0; j < outWidth; j += 16) {
      const b0 = v128.load(bias + <usize>j * 4);
      const b1 = v128.load(bias + <usize>(j + 4) * 4);
      const b2 = v128.load(bias + <usize>(j + 8) * 4);
      const b3 = v128.load(bias + <usize>(j + 12) * 4);
      let r = r0;
      for (; r + 4 <= r1; r += 4) fourRows(x, w, out, r, inWidth, outWidth, j, b0, b1, b2, b3);
      for (; r < r1; r++) oneRow(x, w, out, r, inWidth, outWidth, j, b0, b1, b2, b3);
    }
  }
}

@inline
function fourRows(x: usize, w: usize, out: usize, r: i32, inWidth: i32, outWidth: i32, j: i32, b0: v128, b1: v128, b2: v128, b3: v128): void {
  let c00 = b0, c01 = b1, c02 = b2, c03 = b3;
  let c10 = b0, c11 = b1, c12 = b2, c13 = b3;
  let c20 = b0, c21 = b1, c22 = b2, c23 = b3;
  let c30 = b0, c31 = b1, c32 = b2, c33 = b3;

  const x0 = x + <usize>(r * inWidth) * 4;
  const x1 = x0 + <usize>inWidth * 4;
  const x2 = x1 + <usize>inWidth * 4;
  const x3 = x2 + <usize>inWidth * 4;
  let wp = w + <usize>(j * inWidth) * 4;
  const outStep = <usize>outWidth * 4;
  for (let k = 0; k < inWidth; k++) {
    const w0 = v128.load(wp);
    const w1 = v128.load(wp, 16);
    const w2 = v128.load(wp, 32);
    const w3 = v128.load(wp, 48);
    const koff = <usize>k * 4;
    const a0 = v128.load32_splat(x0 + koff);
    c00 = madd(a0, w0, c00); c01 = madd(a0, w1, c01); c02 = madd(a0, w2, c02); c03 = madd(a0, w3, c03);
    const a1 = v128.load32_splat(x1 + koff);
    c10 = madd(a1, w0, c10); c11 = madd(a1, w1, c11); c12 = madd(a1, w2, c12); c13 = madd(a1, w3, c13);
    const a2 = v128.load32_splat(x2 + koff);
    c20 = madd(a2, w0, c20); c21 = madd(a2, w1, c21); c22 = madd(a2, w2, c22); c23 = madd(a2, w3, c23);
    const a3 = v128.load32_splat(x3 + koff);
    c30 = madd(a3, w0, c30); c31 = madd(a3, w1, c31); c32 = madd(a3, w2, c32); c33 = madd(a3, w3, c33);
    wp += 64;
  }

  const o0 = out + <usize>(r * outWidth + j) * 4;
  const o1 = o0 + outStep;
  const o2 = o1 + outStep;
  const o3 = o2 + outStep;
  v128.store(o0, c00); v128.store(o0, c01, 16); v128.store(o0, c02, 32); v128.store(o0, c03, 48);
  v128.store(o1, c10); v128.store(o1, c11, 16); v128.store(o1, c12, 32); v128.store(o1, c13, 48);
  v128.store(o2, c20); v128.store(o2, c21, 16); v128.store(o2, c22, 32); v128.store(o2, c23, 48);
  v128.store(o3, c30); v128.store(o3, c31, 16); v128.store(o3, c32, 32); v128.store(o3, c33, 48);
}

@inline
function oneRow(x: usize, w: usize, out: usize, r: i32, inWidth: i32, outWidth: i32, j: i32, b0: v128, b1: v128, b2: v128, b3: v128): void {
  let c0 = b0, c1 = b1, c2 = b2, c3 = b3;
  const x0 = x + <usize>(r * inWidth) * 4;
  let wp = w + <usize>(j * inWidth) * 4;
  for (let k = 0; k < inWidth; k++) {
    const a = v128.load32_splat(x0 + <usize>k * 4);
    c0 = madd(a, v128.load(wp), c0);
    c1 = madd(a, v128.load(wp, 16), c1);
    c2 = madd(a, v128.load(wp, 32), c2);
    c3 = madd(a, v128.load(wp, 48), c3);
    wp += 64;
  }
  const o = out + <usize>(r * outWidth + j) * 4;
  v128.store(o, c0); v128.store(o, c1, 16); v128.store(o, c2, 32); v128.store(o, c3, 48);
}

@inline
function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// Embedding rows kept hot in cache while every row of x passes over them.
const VOCAB_TILE: i32 = 64;

/**
 * Computes the tied output head: out [rows, vocab] = x [rows, hidden] · embedding [vocab, hidden]ᵀ.
 * hidden must be a multiple of 4. The embedding is read in tiles of VOCAB_TILE
 * rows that stay in cache while four rows of x at a time meet four embedding
 * rows, sixteen dot products accumulated along hidden.
 */
export function outputHead(x: usize, embedding: usize, out: usize, rows: i32, hidden: i32, vocab: i32): void {
  const rowBytes = <usize>hidden * 4;
  for (let v0 = 0; v0 < vocab; v0 += VOCAB_TILE) {
    const v1 = min(vocab, v0 + VOCAB_TILE);
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      let v = v0;
      for (; v + 4 <= v1; v += 4) fourByFour(x, embedding, out, r, v, rowBytes, vocab);
      for (; v < v1; v++) {
        for (let i = 0; i < 4; i++) headDot(x + <usize>(r + i) * rowBytes, embedding + <usize>v * rowBytes, out + <usize>((r + i) * vocab + v) * 4, rowBytes);
      }
    }
    for (; r < rows; r++) {
      for (let v = v0; v < v1; v++) headDot(x + <usize>r * rowBytes, embedding + <usize>v * rowBytes, out + <usize>(r * vocab + v) * 4, rowBytes);
    }
  }
}

@inline
function fourByFour(x: usize, embedding: usize, out: usize, r: i32, v: i32, rowBytes: usize, vocab: i32): void {
  const x0 = x + <usize>r * rowBytes;
  const x1 = x0 + rowBytes;
  const x2 = x1 + rowBytes;
  const x3 = x2 + rowBytes;
  const e0 = embedding + <usize>v * rowBytes;
  const e1 = e0 + rowBytes;
  const e2 = e1 + rowBytes;
  const e3 = e2 + rowBytes;
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
  let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
  let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s22 = f32x4.splat(0), s23 = f32x4.splat(0);
  let s30 = f32x4.splat(0), s31 = f32x4.splat(0), s32 = f32x4.splat(0), s33 = f32x4.splat(0);

  for (let k: usize = 0; k < rowBytes; k += 16) {
    const a0 = v128.load(x0 + k), a1 = v128.load(x1 + k), a2 = v128.load(x2 + k), a3 = v128.load(x3 + k);
    const b0 = v128.load(e0 + k), b1 = v128.load(e1 + k), b2 = v128.load(e2 + k), b3 = v128.load(e3 + k);
    s00 = madd(a0, b0, s00); s01 = madd(a0, b1, s01); s02 = madd(a0, b2, s02); s03 = madd(a0, b3, s03);
    s10 = madd(a1, b0, s10); s11 = madd(a1, b1, s11); s12 = madd(a1, b2, s12); s13 = madd(a1, b3, s13);
    s20 = madd(a2, b0, s20); s21 = madd(a2, b1, s21); s22 = madd(a2, b2, s22); s23 = madd(a2, b3, s23);
    s30 = madd(a3, b0, s30); s31 = madd(a3, b1, s31); s32 = madd(a3, b2, s32); s33 = madd(a3, b3, s33);
  }

  const o0 = out + <usize>(r * vocab + v) * 4;
  const o1 = o0 + <usize>vocab * 4;
  const o2 = o1 + <usize>vocab * 4;
  const o3 = o2 + <usize>vocab * 4;
  store<f32>(o0, sum4(s00)); store<f32>(o0, sum4(s01), 4); store<f32>(o0, sum4(s02), 8); store<f32>(o0, sum4(s03), 12);
  store<f32>(o1, sum4(s10)); store<f32>(o1, sum4(s11), 4); store<f32>(o1, sum4(s12), 8); store<f32>(o1, sum4(s13), 12);
  store<f32>(o2, sum4(s20)); store<f32>(o2, sum4(s21), 4); store<f32>(o2, sum4(s22), 8); store<f32>(o2, sum4(s23), 12);
  store<f32>(o3, sum4(s30)); store<f32>(o3, sum4(s31), 4); store<f32>(o3, sum4(s32), 8); store<f32>(o3, sum4(s33), 12);
}

@inline
function headDot(a: usize, b: usize, out: usize, rowBytes: usize): void {
  let s = f32x4.splat(0);
  for (let k: usize = 0; k < rowBytes; k += 16) s = madd(v128.load(a + k), v128.load(b + k), s);
  store<f32>(out, sum4(s));
}
