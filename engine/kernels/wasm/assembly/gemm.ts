// Single-precision matrix product C = beta·C + op(A)·op(B) (see Kernels.gemm
// in engine/kernels/kernels.ts), row-major, pointers are byte addresses.
//
// Blocking after Goto & van de Geijn, "Anatomy of high-performance matrix
// multiplication" (2008): for each KC × NC block, B is packed into NR-wide
// column panels laid out contiguously along k (zero-padded past N), and each
// MC × KC block of op(A) into MR-row panels (MR floats per k), so every
// transpose and every ragged edge look the same to the micro-kernel, which
// reads both operands in order with immediate offsets. The micro-kernel keeps
// an MR × NR = 5 × 8 tile of C in 10 f32x4 accumulators and, per k, multiplies
// 5 elements of A against one 8-wide row of the B panel: four broadcast by
// lane shuffles from one vector load, the fifth by a splat load. V8 issues all
// of an iteration's loads before its FMAs, so with one splat load per row a
// tile needs 3·MR + 2 vector registers of x64's 15: 6 × 8 and 5 × 8 tiles in
// that form spilled and ran at half speed, 4 × 8 at ~83% of the FMA peak, this
// one at ~86% (measured; docs/experiments/wasm-gemm-tiles.md).
// Products with few rows (recurrent steps at small batch) skip packing B.

import { fma, load4, store4 } from './lanes';

const MR: i32 = 5;
// The recurrent steps' products (gemmPacked) have a batch's rows, usually a
// multiple of 4 (16, or 8 per worker): 4 × 8 tiles waste none of them.
const STEP_MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
// 768 columns (the LSTM's 4H at H = 192) make one B block, so A is packed once
// per k-block: 3–5% faster than 256 on the training shapes (measured). The
// packed B block (768 KiB) and A block (128 KiB) share the 1 MiB L2.
const NC: i32 = 768;
// Rows of A packed at a time (a multiple of MR): the packed block, MC × KC
// floats (130 KiB), stays in L2 while every B panel of the block passes over it.
const MC: i32 = 130;
// Up to this many rows, B is read in place instead of packed (packing costs
// K·N copies, as much as the product itself when M = 1): A·B through the
// micro-kernels on B's own rows, A·Bᵀ as dot products along B's rows.
const DIRECT_B_MAX_M: i32 = 16;

/** Floats of caller-provided workspace `gemm` needs: a packed B block, a packed A block and one C tile. */
export function gemmWorkFloats(): i32 {
  return KC * NC + MC * KC + TILE_FLOATS;
}

export function gemm(
  transA: bool,
  transB: bool,
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  b: usize,
  beta: f32,
  c: usize,
  work: usize,
): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    scale(<usize>M * <usize>N, c, beta);
    return;
  }
  // Byte strides of op(A) along its rows (m) and along k.
  const rsA: usize = transA ? 4 : <usize>K << 2;
  const csA: usize = transA ? <usize>M << 2 : 4;
  const ldc: usize = <usize>N << 2;
  // Few rows (a recurrent step at a small batch): no packing, B streamed in order.
  if (!transA && transB && M <= DIRECT_B_MAX_M) {
    let r: usize = 0;
    for (; r + 2 <= <usize>M; r += 2) {
      rowsTimesBt(K, N, a + r * rsA, b, c + r * ldc, beta, true);
    }
    if (r < <usize>M) rowsTimesBt(K, N, a + r * rsA, b, c + r * ldc, beta, false);
    return;
  }
  if (!transB && M < 4) {
    for (let r: usize = 0; r < <usize>M; r++) {
      rowTimesB(K, N, a + r * rsA, csA, b, c + r * ldc, beta);
    }
    return;
  }
  const packedA = work + (<usize>(KC * NC) << 2);
  const tile = packedA + (<usize>(MC * KC) << 2);
  const ldb: usize = <usize>N << 2;
  // B's full panels are read in place at few rows (see DIRECT_B_MAX_M).
  const direct = !transB && M <= DIRECT_B_MAX_M;
  for (let n0 = 0; n0 < N; n0 += NC) {
    const nc = min(NC, N - n0);
    const fullPanels = direct ? nc & ~(NR - 1) : 0;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      // The first k-block applies beta; later ones accumulate onto it.
      const betaBlock: f32 = k0 == 0 ? beta : 1;
      const overwrite = k0 == 0 && beta == 0;
      packB(transB, N, K, b, k0, kc, n0 + fullPanels, nc - fullPanels, work);
      const bBlock = b + ((<usize>k0 * <usize>N + <usize>n0) << 2);
      const aBlock = a + <usize>k0 * csA;
      for (let m0 = 0; m0 < M; m0 += MC) {
        const mc = min(MC, M - m0);
        packA(MR, mc, kc, aBlock + <usize>m0 * rsA, rsA, csA, packedA);
        const cBlock = c + <usize>m0 * ldc + (<usize>n0 << 2);
        for (let p = 0; p < nc; p += NR) {
          const panel = panelAt(p, fullPanels, bBlock, work, kc);
          const ldp = strideAt(p, fullPanels, ldb);
          const nr = min(NR, nc - p);
          for (let m = 0; m < mc; m += MR) {
            const aPanel = packedA + (<usize>(m * kc) << 2);
            const cTile = cBlock + <usize>m * ldc + (<usize>p << 2);
            const mr = min(MR, mc - m);
            microTile(kc, aPanel, panel, ldp, cTile, ldc, mr, nr, betaBlock, overwrite, tile);
          }
        }
      }
    }
  }
}

/**
 * C [M, N] (row stride ldc bytes) = beta·C + A·B from operands packed whole:
 * A by packA (M rows, K deep), B by packB (all N columns, K deep). For
 * products repeated with the same B, as a recurrent step's weights.
 */
export function gemmPacked(
  M: i32,
  N: i32,
  K: i32,
  packedA: usize,
  packedB: usize,
  beta: f32,
  c: usize,
  ldc: usize,
  tile: usize,
): void {
  const panelBytes = <usize>(K * NR) << 2;
  for (let p = 0; p < N; p += NR) {
    const panel = packedB + <usize>(p / NR) * panelBytes;
    const nr = min(NR, N - p);
    for (let m = 0; m < M; m += STEP_MR) {
      const aPanel = packedA + (<usize>(m * K) << 2);
      const cTile = c + <usize>m * ldc + (<usize>p << 2);
      const mr = min(STEP_MR, M - m);
      microTile4(K, aPanel, panel, <usize>(NR << 2), cTile, ldc, mr, nr, beta, beta == 0, tile);
    }
  }
}

/** Floats packStepA writes for M rows, K deep (rows rounded up to whole panels). */
export function packedAFloats(M: i32, K: i32): i32 {
  return ((M + STEP_MR - 1) / STEP_MR) * STEP_MR * K;
}

/** Floats packB writes for N columns, K deep (columns rounded up to whole panels). */
export function packedBFloats(N: i32, K: i32): i32 {
  return ((N + NR - 1) / NR) * NR * K;
}

/** Floats of the C tile scratch the micro-kernels need for ragged edges. */
export const TILE_FLOATS: i32 = MR * NR;

/** packA into the 4-row panels of gemmPacked (a whole [M, K] left operand). */
export function packStepA(M: i32, K: i32, a: usize, rsA: usize, csA: usize, dst: usize): void {
  packA(STEP_MR, M, K, a, rsA, csA, dst);
}

/**
 * Packs rows [0, mc) × k [0, kc) of op(A) (row stride rsA, k stride csA, bytes)
 * into panels of MR rows (a constant at each inlined call): panel q holds kc groups of MR floats (the MR rows at
 * one k) at dst + q·kc·MR·4, zero past row mc, so the micro-kernel reads A in
 * order with immediate offsets.
 */
@inline
function packA(MR: i32, mc: i32, kc: i32, a: usize, rsA: usize, csA: usize, dst: usize): void {
  for (let m = 0; m < mc; m += MR) {
    const rows = min(MR, mc - m);
    const panel = dst + (<usize>(m * kc) << 2);
    const src = a + <usize>m * rsA;
    if (csA == 4 && rows == MR) {
      // Rows contiguous along k (A not transposed): four k of each row per vector.
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const kb = <usize>k << 2;
        for (let r = 0; r < MR; r++) {
          const v = v128.load(src + <usize>r * rsA + kb);
          const d = panel + (<usize>(k * MR + r) << 2);
          const step = <usize>(MR << 2);
          v128.store32_lane(d, v, 0);
          v128.store32_lane(d + step, v, 1);
          v128.store32_lane(d + 2 * step, v, 2);
          v128.store32_lane(d + 3 * step, v, 3);
        }
      }
      for (; k < kc; k++) {
        for (let r = 0; r < MR; r++) {
          store<f32>(panel + (<usize>(k * MR + r) << 2), load<f32>(src + <usize>r * rsA + (<usize>k << 2)));
        }
      }
      continue;
    }
    if ((MR == 4 || MR == 5) && rsA == 4 && rows == MR) {
      // op(A) = Aᵀ: the MR rows at one k are contiguous.
      for (let k = 0; k < kc; k++) {
        const d = panel + (<usize>(k * MR) << 2);
        const s = src + <usize>k * csA;
        v128.store(d, v128.load(s));
        if (MR == 5) store<f32>(d, load<f32>(s, 16), 16);
      }
      continue;
    }
    for (let k = 0; k < kc; k++) {
      const s = src + <usize>k * csA;
      const d = panel + (<usize>(k * MR) << 2);
      let r = 0;
      for (; r < rows; r++) store<f32>(d + (<usize>r << 2), load<f32>(s + <usize>r * rsA));
      for (; r < MR; r++) store<f32>(d + (<usize>r << 2), 0);
    }
  }
}

/**
 * First row of the B panel at column p: in B itself for the first `fullPanels`
 * columns when B is read in place, else in the packed block.
 */
@inline
function panelAt(p: i32, fullPanels: i32, bBlock: usize, work: usize, kc: i32): usize {
  if (p < fullPanels) return bBlock + (<usize>p << 2);
  return work + (<usize>((p - fullPanels) * kc) << 2);
}

/** Byte stride between the rows of the panel at column p. */
@inline
function strideAt(p: i32, fullPanels: i32, ldb: usize): usize {
  return p < fullPanels ? ldb : <usize>(NR << 2);
}

/**
 * One row of C = beta·C + a·B (a: K floats at stride csA, B: [K, N]) for the
 * few-row case (M < 4, e.g. a recurrent step at batch 1): B is streamed row by
 * row, eight rows per pass, so it is read sequentially and never packed, while
 * the row of C stays in L1.
 */
function rowTimesB(K: i32, N: i32, a: usize, csA: usize, b: usize, c: usize, beta: f32): void {
  scale(<usize>N, c, beta);
  const ldb = <usize>N << 2;
  const vecEnd = ldb & ~(<usize>15);
  let k = 0;
  for (; k + 8 <= K; k += 8) {
    const pa = a + <usize>k * csA;
    const x0 = v128.load32_splat(pa);
    const x1 = v128.load32_splat(pa + csA);
    const x2 = v128.load32_splat(pa + 2 * csA);
    const x3 = v128.load32_splat(pa + 3 * csA);
    const x4 = v128.load32_splat(pa + 4 * csA);
    const x5 = v128.load32_splat(pa + 5 * csA);
    const x6 = v128.load32_splat(pa + 6 * csA);
    const x7 = v128.load32_splat(pa + 7 * csA);
    const b0 = b + <usize>k * ldb;
    const b4 = b0 + 4 * ldb;
    let j: usize = 0;
    for (; j < vecEnd; j += 16) {
      axpy4(c + j, b0 + j, ldb, x0, x1, x2, x3, true);
      axpy4(c + j, b4 + j, ldb, x4, x5, x6, x7, true);
    }
    for (; j < ldb; j += 4) {
      axpy4(c + j, b0 + j, ldb, x0, x1, x2, x3, false);
      axpy4(c + j, b4 + j, ldb, x4, x5, x6, x7, false);
    }
  }
  for (; k < K; k++) {
    const x = v128.load32_splat(a + <usize>k * csA);
    const b0 = b + <usize>k * ldb;
    let j: usize = 0;
    for (; j < vecEnd; j += 16) axpy1(c + j, b0 + j, x, true);
    for (; j < ldb; j += 4) axpy1(c + j, b0 + j, x, false);
  }
}

/**
 * Two rows (or, without `two`, one row) of C = beta·C + A·Bᵀ, A rows
 * contiguous (K floats each), B stored [N, K]: dot products along contiguous
 * rows of B, 2 rows × 4 columns of C at a time (8 accumulators). The K % 4
 * tail of each dot product is added in scalar by storeDot.
 */
@inline
function rowsTimesBt(K: i32, N: i32, a: usize, b: usize, c: usize, beta: f32, two: bool): void {
  const kb = <usize>K << 2;
  const ldc = <usize>N << 2;
  const vecEnd = kb & ~(<usize>15);
  const a1 = a + kb;
  const c1 = c + ldc;
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const b0 = b + <usize>n * kb;
    const b1 = b0 + kb;
    const b2 = b1 + kb;
    const b3 = b2 + kb;
    let s00 = f32x4.splat(0);
    let s01 = s00;
    let s02 = s00;
    let s03 = s00;
    let s10 = s00;
    let s11 = s00;
    let s12 = s00;
    let s13 = s00;
    for (let j: usize = 0; j < vecEnd; j += 16) {
      const y0 = v128.load(b0 + j);
      const y1 = v128.load(b1 + j);
      const y2 = v128.load(b2 + j);
      const y3 = v128.load(b3 + j);
      const x0 = v128.load(a + j);
      s00 = fma(s00, x0, y0);
      s01 = fma(s01, x0, y1);
      s02 = fma(s02, x0, y2);
      s03 = fma(s03, x0, y3);
      if (two) {
        const x1 = v128.load(a1 + j);
        s10 = fma(s10, x1, y0);
        s11 = fma(s11, x1, y1);
        s12 = fma(s12, x1, y2);
        s13 = fma(s13, x1, y3);
      }
    }
    const cn = c + (<usize>n << 2);
    storeDot(cn, s00, a, b0, vecEnd, kb, beta);
    storeDot(cn + 4, s01, a, b1, vecEnd, kb, beta);
    storeDot(cn + 8, s02, a, b2, vecEnd, kb, beta);
    storeDot(cn + 12, s03, a, b3, vecEnd, kb, beta);
    if (two) {
      const cn1 = c1 + (<usize>n << 2);
      storeDot(cn1, s10, a1, b0, vecEnd, kb, beta);
      storeDot(cn1 + 4, s11, a1, b1, vecEnd, kb, beta);
      storeDot(cn1 + 8, s12, a1, b2, vecEnd, kb, beta);
      storeDot(cn1 + 12, s13, a1, b3, vecEnd, kb, beta);
    }
  }
  for (; n < N; n++) {
    const b0 = b + <usize>n * kb;
    let s0 = f32x4.splat(0);
    let s1 = s0;
    for (let j: usize = 0; j < vecEnd; j += 16) {
      const y = v128.load(b0 + j);
      s0 = fma(s0, v128.load(a + j), y);
      if (two) s1 = fma(s1, v128.load(a1 + j), y);
    }
    storeDot(c + (<usize>n << 2), s0, a, b0, vecEnd, kb, beta);
    if (two) storeDot(c1 + (<usize>n << 2), s1, a1, b0, vecEnd, kb, beta);
  }
}

/**
 * c = (beta·c) + the lanes of s summed + the scalar tail a[j]·b[j] for bytes
 * j in [from, to); beta = 0 ignores c.
 */
@inline
function storeDot(c: usize, s: v128, a: usize, b: usize, from: usize, to: usize, beta: f32): void {
  let dot = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1);
  dot += f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
  for (let j = from; j < to; j += 4) dot += load<f32>(a + j) * load<f32>(b + j);
  store<f32>(c, beta == 0 ? dot : beta * load<f32>(c) + dot);
}

/** c += x·b over one vector (or one lane). */
@inline
function axpy1(c: usize, b: usize, x: v128, wide: bool): void {
  store4(c, fma(load4(c, wide), x, load4(b, wide)), wide);
}

/** c += x0·b[0] + x1·b[1] + x2·b[2] + x3·b[3] over one vector (or one lane) of four B rows. */
@inline
function axpy4(
  c: usize,
  b: usize,
  ldb: usize,
  x0: v128,
  x1: v128,
  x2: v128,
  x3: v128,
  wide: bool,
): void {
  let acc = fma(load4(c, wide), x0, load4(b, wide));
  acc = fma(acc, x1, load4(b + ldb, wide));
  acc = fma(acc, x2, load4(b + 2 * ldb, wide));
  acc = fma(acc, x3, load4(b + 3 * ldb, wide));
  store4(c, acc, wide);
}

/** C = beta·C over `count` floats (K = 0); beta = 0 writes zeros even over NaN. */
function scale(count: usize, c: usize, beta: f32): void {
  for (let i: usize = 0; i < count; i++) {
    const p = c + (i << 2);
    store<f32>(p, beta == 0 ? 0 : beta * load<f32>(p));
  }
}

/**
 * Packs op(B)[k0 : k0+kc, n0 : n0+nc] into panels of NR columns: panel q holds
 * kc rows of NR floats at work + q·kc·NR·4, zero-padded past column nc.
 */
export function packB(
  transB: bool,
  N: i32,
  K: i32,
  b: usize,
  k0: i32,
  kc: i32,
  n0: i32,
  nc: i32,
  work: usize,
): void {
  const zero = f32x4.splat(0);
  for (let p = 0; p < nc; p += NR) {
    const nr = min(NR, nc - p);
    const panel = work + (<usize>(p * kc) << 2);
    if (!transB && nr == NR) {
      // Rows of B are contiguous along n: copy two vectors per k.
      let src = b + ((<usize>k0 * <usize>N + <usize>(n0 + p)) << 2);
      const ldb = <usize>N << 2;
      for (let k = 0; k < kc; k++) {
        const dst = panel + (<usize>k << 5);
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += ldb;
      }
      continue;
    }
    if (nr < NR) {
      for (let k = 0; k < kc; k++) {
        const dst = panel + (<usize>k << 5);
        v128.store(dst, zero);
        v128.store(dst, zero, 16);
      }
    }
    for (let j = 0; j < nr; j++) {
      const n = <usize>(n0 + p + j);
      // B(k, n) lives at [k, n] when stored [K, N], at [n, k] when stored [N, K].
      const step: usize = transB ? 4 : <usize>N << 2;
      let src = b + (transB ? (n * <usize>K + <usize>k0) << 2 : (<usize>k0 * <usize>N + n) << 2);
      let dst = panel + (<usize>j << 2);
      for (let k = 0; k < kc; k++) {
        store<f32>(dst, load<f32>(src));
        src += step;
        dst += 32;
      }
    }
  }
}

/** Writes one 8-wide row of a C tile: C = acc, or beta·C + acc; only `nr` columns exist. */
@inline
function storeRow(
  cp: usize,
  acc0: v128,
  acc1: v128,
  nr: i32,
  beta: f32,
  overwrite: bool,
  tile: usize,
): void {
  if (nr == NR) {
    if (!overwrite) {
      const bv = f32x4.splat(beta);
      acc0 = f32x4.add(f32x4.mul(bv, v128.load(cp)), acc0);
      acc1 = f32x4.add(f32x4.mul(bv, v128.load(cp, 16)), acc1);
    }
    v128.store(cp, acc0);
    v128.store(cp, acc1, 16);
    return;
  }
  v128.store(tile, acc0);
  v128.store(tile, acc1, 16);
  for (let j = 0; j < nr; j++) {
    const p = cp + (<usize>j << 2);
    const v = load<f32>(tile + (<usize>j << 2));
    store<f32>(p, overwrite ? v : beta * load<f32>(p) + v);
  }
}

/**
 * An MR × NR (5 × 8) tile of C from one packed panel of A and one panel of B
 * (row stride ldp: packed, or B itself). Only the first `mr` rows and `nr`
 * columns of the tile exist in C.
 */
function microTile(
  kc: i32,
  pa: usize,
  pb: usize,
  ldp: usize,
  c: usize,
  ldc: usize,
  mr: i32,
  nr: i32,
  beta: f32,
  overwrite: bool,
  tile: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  let c40 = c00;
  let c41 = c00;
  const end = pa + (<usize>(kc * MR) << 2);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a = v128.load(pa);
    let x = i32x4.shuffle(a, a, 0, 0, 0, 0);
    c00 = fma(c00, x, b0);
    c01 = fma(c01, x, b1);
    x = i32x4.shuffle(a, a, 1, 1, 1, 1);
    c10 = fma(c10, x, b0);
    c11 = fma(c11, x, b1);
    x = i32x4.shuffle(a, a, 2, 2, 2, 2);
    c20 = fma(c20, x, b0);
    c21 = fma(c21, x, b1);
    x = i32x4.shuffle(a, a, 3, 3, 3, 3);
    c30 = fma(c30, x, b0);
    c31 = fma(c31, x, b1);
    x = v128.load32_splat(pa, 16);
    c40 = fma(c40, x, b0);
    c41 = fma(c41, x, b1);
    pa += <usize>(MR << 2);
    pb += ldp;
  }
  storeRow(c, c00, c01, nr, beta, overwrite, tile);
  if (mr > 1) storeRow(c + ldc, c10, c11, nr, beta, overwrite, tile);
  if (mr > 2) storeRow(c + 2 * ldc, c20, c21, nr, beta, overwrite, tile);
  if (mr > 3) storeRow(c + 3 * ldc, c30, c31, nr, beta, overwrite, tile);
  if (mr > 4) storeRow(c + 4 * ldc, c40, c41, nr, beta, overwrite, tile);
}

/**
 * A 4 × 8 tile of C (gemmPacked) from one packed panel of A and one panel of B
 * (row stride ldp: packed, or B itself). Only the first `mr` rows and `nr`
 * columns of the tile exist in C.
 */
function microTile4(
  kc: i32,
  pa: usize,
  pb: usize,
  ldp: usize,
  c: usize,
  ldc: usize,
  mr: i32,
  nr: i32,
  beta: f32,
  overwrite: bool,
  tile: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = c00;
  let c10 = c00;
  let c11 = c00;
  let c20 = c00;
  let c21 = c00;
  let c30 = c00;
  let c31 = c00;
  const end = pa + (<usize>kc << 4);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = fma(c00, x, b0);
    c01 = fma(c01, x, b1);
    x = v128.load32_splat(pa, 4);
    c10 = fma(c10, x, b0);
    c11 = fma(c11, x, b1);
    x = v128.load32_splat(pa, 8);
    c20 = fma(c20, x, b0);
    c21 = fma(c21, x, b1);
    x = v128.load32_splat(pa, 12);
    c30 = fma(c30, x, b0);
    c31 = fma(c31, x, b1);
    pa += 16;
    pb += ldp;
  }
  storeRow(c, c00, c01, nr, beta, overwrite, tile);
  if (mr > 1) storeRow(c + ldc, c10, c11, nr, beta, overwrite, tile);
  if (mr > 2) storeRow(c + 2 * ldc, c20, c21, nr, beta, overwrite, tile);
  if (mr > 3) storeRow(c + 3 * ldc, c30, c31, nr, beta, overwrite, tile);
}
