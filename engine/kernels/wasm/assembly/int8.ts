// Int8 inference kernels: the input projection of all T steps as one int8
// matrix product, and the whole-sequence LSTM forward with an int8 recurrent
// gemv. Weights are quantised once per model load (engine/kernels/int8.ts
// packs them); activations are quantised per row (per frame, per h_t) here.
//
// Scheme (see engine/kernels/int8.ts): weight column n (one gate unit) is
// symmetric int8, w ≈ sw[n]·qw; an activation row x is u7 with zero point 64,
// x ≈ sx·(qx − 64), sx = max|x|/63. Then
//   Σ_k x_k·w_kn ≈ sx·sw[n]·(Σ_k qw·qx − 64·Σ_k qw) = sx·sw[n]·(acc + offset[n]),
// the accumulator starting at offset[n] = −64·Σ_k qw[k, n] (stored with the weights).
//
// Packed weights (one block): bytes [Np/32 panels][Kp/4][8 groups][4 columns][4 k],
// then sw [Np] f32, then offset [Np] i32; Kp = K rounded up to 4, Np = N rounded
// up to 32, padding zero. One 16-byte group holds 4 columns × 4 k, so a dot4
// against 4 bytes of x splat over the vector leaves 4 column sums in 4 lanes.

import { dot4 } from './lanes';
import { pointwise } from './lstm-sequence';

const PANEL: i32 = 32; // columns per panel: 8 groups of 4
const GROUP_BYTES: usize = 16;
const ZERO_POINT: i32 = 64;

@inline
function roundUp(n: i32, m: i32): i32 {
  return ((n + m - 1) / m) * m;
}

/**
 * Quantises x [K] (f32) to u7 bytes q [Kp] (padding = the zero point) and
 * returns the scale sx = max|x|/63 (0 for an all-zero row, every byte 64).
 * q = nearest(x · (63/max)) + 64, rounding half to even.
 */
export function quantizeRow(x: usize, K: i32, Kp: i32, q: usize): f32 {
  let mv = f32x4.splat(0);
  const kb = <usize>K << 2;
  const vecEnd = kb & ~(<usize>15);
  let j: usize = 0;
  for (; j < vecEnd; j += 16) mv = f32x4.max(mv, f32x4.abs(v128.load(x + j)));
  let m = max(
    max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)),
    max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)),
  );
  for (; j < kb; j += 4) m = max(m, abs(load<f32>(x + j)));
  if (m == 0) {
    memory.fill(q, <u8>ZERO_POINT, <usize>Kp);
    return 0;
  }
  const inv: f32 = 63 / m;
  const invv = f32x4.splat(inv);
  const zp = i32x4.splat(ZERO_POINT);
  let k = 0;
  for (; k + 16 <= K; k += 16) {
    const p = x + (<usize>k << 2);
    const a = i32x4.add(i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p), invv))), zp);
    const b = i32x4.add(
      i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p, 16), invv))),
      zp,
    );
    const c = i32x4.add(
      i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p, 32), invv))),
      zp,
    );
    const d = i32x4.add(
      i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p, 48), invv))),
      zp,
    );
    v128.store(
      q + <usize>k,
      i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(a, b), i16x8.narrow_i32x4_s(c, d)),
    );
  }
  for (; k < K; k++) {
    store<u8>(q + <usize>k, <i32>nearest<f32>(load<f32>(x + (<usize>k << 2)) * inv) + ZERO_POINT);
  }
  for (; k < Kp; k++) store<u8>(q + <usize>k, <u8>ZERO_POINT);
  return m / 63;
}

/** Bytes of workspace int8Gemm needs for M rows of Kp quantised inputs and Np padded columns. */
export function int8GemmWorkBytes(M: i32, Kp: i32, Np: i32): i32 {
  return roundUp(M * Kp, 16) + roundUp(M, 4) * 4 + Np * 4;
}

/**
 * out [M, N] (row stride N) = x [M, K] · W, W the packed int8 block w (K, N,
 * with Kp, Np as in the header comment); each row of x is quantised first.
 */
export function int8Gemm(
  M: i32,
  N: i32,
  K: i32,
  x: usize,
  w: usize,
  out: usize,
  work: usize,
): void {
  if (M <= 0 || N <= 0) return;
  const Kp = roundUp(K, 4);
  const Np = roundUp(N, PANEL);
  const xq = work;
  const xs = work + <usize>roundUp(M * Kp, 16);
  const tail = xs + (<usize>roundUp(M, 4) << 2);
  const rowBytes = <usize>K << 2;
  for (let m = 0; m < M; m++) {
    store<f32>(xs + (<usize>m << 2), quantizeRow(x + <usize>m * rowBytes, K, Kp, xq + <usize>(m * Kp)));
  }
  const sw = w + <usize>(Np * Kp);
  const offset = sw + (<usize>Np << 2);
  const outRow = <usize>N << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const q = xq + <usize>(m * Kp);
    const s = xs + (<usize>m << 2);
    const o = out + <usize>m * outRow;
    for (let n = 0; n < N; n += 8) rows4(Kp, N, n, q, s, w, sw, offset, o);
  }
  // Leftover rows: one at a time, whole panels into a padded row, then N columns out.
  for (; m < M; m++) {
    const sx = load<f32>(xs + (<usize>m << 2));
    const q = xq + <usize>(m * Kp);
    for (let n = 0; n < Np; n += PANEL) gemvPanel(Kp, n, q, sx, w, sw, offset, 0, 0, 0, tail, false);
    memory.copy(out + <usize>m * outRow, tail, outRow);
  }
}

/** Address of the 16-byte group holding columns [n, n + 4) at k-block 0. */
@inline
function groupAt(w: usize, Kp: i32, n: i32): usize {
  const panel = n / PANEL;
  const g = (n % PANEL) >> 2;
  return w + <usize>(panel * PANEL * Kp) + <usize>g * GROUP_BYTES;
}

/**
 * Rows [0, 4) × columns [n, n + 8) of out: 8 i32x4 accumulators (4 rows × 2
 * column groups), 2 weight vectors and 4 splats of x per k-block. n is a
 * multiple of 8, so both groups lie in one panel.
 */
function rows4(
  Kp: i32,
  N: i32,
  n: i32,
  q: usize,
  s: usize,
  w: usize,
  sw: usize,
  offset: usize,
  out: usize,
): void {
  const off0 = v128.load(offset + (<usize>n << 2));
  const off1 = v128.load(offset + (<usize>n << 2), 16);
  let a00 = off0;
  let a01 = off1;
  let a10 = off0;
  let a11 = off1;
  let a20 = off0;
  let a21 = off1;
  let a30 = off0;
  let a31 = off1;
  let wp = groupAt(w, Kp, n);
  const kp = <usize>Kp;
  const end = q + kp;
  for (let x = q; x < end; x += 4) {
    const w0 = v128.load(wp);
    const w1 = v128.load(wp, 16);
    const x0 = v128.load32_splat(x);
    const x1 = v128.load32_splat(x + kp);
    const x2 = v128.load32_splat(x + 2 * kp);
    const x3 = v128.load32_splat(x + 3 * kp);
    a00 = dot4(w0, x0, a00);
    a01 = dot4(w1, x0, a01);
    a10 = dot4(w0, x1, a10);
    a11 = dot4(w1, x1, a11);
    a20 = dot4(w0, x2, a20);
    a21 = dot4(w1, x2, a21);
    a30 = dot4(w0, x3, a30);
    a31 = dot4(w1, x3, a31);
    wp += <usize>PANEL * 4;
  }
  const sw0 = v128.load(sw + (<usize>n << 2));
  const sw1 = v128.load(sw + (<usize>n << 2), 16);
  const row = <usize>N << 2;
  const cols = min(N - n, 8);
  storeRow(out, n, cols, a00, a01, sw0, sw1, load<f32>(s));
  storeRow(out + row, n, cols, a10, a11, sw0, sw1, load<f32>(s, 4));
  storeRow(out + 2 * row, n, cols, a20, a21, sw0, sw1, load<f32>(s, 8));
  storeRow(out + 3 * row, n, cols, a30, a31, sw0, sw1, load<f32>(s, 12));
}

/** Dequantises two accumulators (columns [n, n + 8), `cols` of them real) into out's row. */
@inline
function storeRow(
  out: usize,
  n: i32,
  cols: i32,
  a0: v128,
  a1: v128,
  sw0: v128,
  sw1: v128,
  sx: f32,
): void {
  const sv = f32x4.splat(sx);
  const v0 = f32x4.mul(f32x4.convert_i32x4_s(a0), f32x4.mul(sw0, sv));
  const v1 = f32x4.mul(f32x4.convert_i32x4_s(a1), f32x4.mul(sw1, sv));
  const p = out + (<usize>n << 2);
  if (cols == 8) {
    v128.store(p, v0);
    v128.store(p, v1, 16);
    return;
  }
  storeLanes(p, v0, min(cols, 4));
  if (cols > 4) storeLanes(p + 16, v1, cols - 4);
}

/** The first `count` (1…4) lanes of v to p. */
@inline
function storeLanes(p: usize, v: v128, count: i32): void {
  if (count == 4) {
    v128.store(p, v);
    return;
  }
  v128.store32_lane(p, v, 0);
  if (count > 1) v128.store32_lane(p, v, 1, 4);
  if (count > 2) v128.store32_lane(p, v, 2, 8);
}

/** 4 columns of the gate inputs pre + bias (zero past G; G is a multiple of 4). */
@inline
function gateInput(pre: usize, bias: usize, n: i32, G: i32): v128 {
  if (n >= G) return f32x4.splat(0);
  const off = <usize>n << 2;
  return f32x4.add(v128.load(pre + off), v128.load(bias + off));
}

/**
 * One panel (columns [n, n + 32)) of a single row, dequantised with sx, plus
 * pre + bias when `withInput`, stored to dst (a row padded to whole panels):
 * two passes of 4 accumulators over the k-blocks (8 at once made V8 spill).
 */
@inline
function gemvPanel(
  Kp: i32,
  n: i32,
  q: usize,
  sx: f32,
  w: usize,
  sw: usize,
  offset: usize,
  pre: usize,
  bias: usize,
  G: i32,
  dst: usize,
  withInput: bool,
): void {
  gemvQuarter(Kp, n, q, sx, w, sw, offset, pre, bias, G, dst, withInput);
  gemvQuarter(Kp, n + 16, q, sx, w, sw, offset, pre, bias, G, dst, withInput);
}

/** Columns [n, n + 16) of a panel (n ≡ 0 or 16 mod 32): 4 accumulators. */
@inline
function gemvQuarter(
  Kp: i32,
  n: i32,
  q: usize,
  sx: f32,
  w: usize,
  sw: usize,
  offset: usize,
  pre: usize,
  bias: usize,
  G: i32,
  dst: usize,
  withInput: bool,
): void {
  const ob = offset + (<usize>n << 2);
  let a0 = v128.load(ob);
  let a1 = v128.load(ob, 16);
  let a2 = v128.load(ob, 32);
  let a3 = v128.load(ob, 48);
  let wp = groupAt(w, Kp, n);
  const end = q + <usize>Kp;
  for (let x = q; x < end; x += 4) {
    const xv = v128.load32_splat(x);
    a0 = dot4(v128.load(wp), xv, a0);
    a1 = dot4(v128.load(wp, 16), xv, a1);
    a2 = dot4(v128.load(wp, 32), xv, a2);
    a3 = dot4(v128.load(wp, 48), xv, a3);
    wp += <usize>PANEL * 4;
  }
  const sv = f32x4.splat(sx);
  const sb = sw + (<usize>n << 2);
  const d = dst + (<usize>n << 2);
  finish(d, 0, a0, sb, sv, pre, bias, n, G, withInput);
  finish(d, 16, a1, sb, sv, pre, bias, n + 4, G, withInput);
  finish(d, 32, a2, sb, sv, pre, bias, n + 8, G, withInput);
  finish(d, 48, a3, sb, sv, pre, bias, n + 12, G, withInput);
}

@inline
function finish(
  d: usize,
  at: usize,
  acc: v128,
  sb: usize,
  sv: v128,
  pre: usize,
  bias: usize,
  n: i32,
  G: i32,
  withInput: bool,
): void {
  let v = f32x4.mul(f32x4.convert_i32x4_s(acc), f32x4.mul(v128.load(sb + at), sv));
  if (withInput) v = f32x4.add(v, gateInput(pre, bias, n, G));
  v128.store(d + at, v);
}

/** Bytes of workspace lstmSequenceForwardInt8 needs for hidden size H. */
export function lstmSequenceInt8WorkBytes(H: i32): i32 {
  const H4 = roundUp(H, 4);
  // gates [Np] f32, h [H4] f32, c [H4] f32, quantised h [Kp] bytes (16-aligned)
  return (roundUp(4 * H, PANEL) + 2 * H4) * 4 + roundUp(H4, 16);
}

/**
 * lstmSequenceForward (lstm-sequence.ts) with the recurrent product in int8:
 * per step h_{t−1} is quantised to u7, the gates are
 * pre[t] + bias + sh·sw⊙(qh·Wq + offset), then the same f32 cell.
 * wh is the packed block of Wh (K = H, N = 4H).
 */
export function lstmSequenceForwardInt8(
  T: i32,
  H: i32,
  pre: usize,
  bias: usize,
  wh: usize,
  reverse: bool,
  h: usize,
  c: usize,
  out: usize,
  outStride: i32,
  work: usize,
): void {
  if (T <= 0 || H <= 0) return;
  const G = 4 * H;
  const Np = roundUp(G, PANEL);
  const Kp = roundUp(H, 4);
  const H4 = roundUp(H, 4);
  const hb = <usize>H << 2;
  const gates = work;
  const hCur = gates + (<usize>Np << 2);
  const cell = hCur + (<usize>H4 << 2);
  const hq = cell + (<usize>H4 << 2);
  const sw = wh + <usize>(Np * Kp);
  const offset = sw + (<usize>Np << 2);
  memory.copy(hCur, h, hb);
  memory.copy(cell, c, hb);
  const rowBytes = <usize>G << 2;
  const outRow = <usize>outStride << 2;
  for (let s = 0; s < T; s++) {
    const t = <usize>(reverse ? T - 1 - s : s);
    const preRow = pre + t * rowBytes;
    const sh = quantizeRow(hCur, H, Kp, hq);
    for (let n = 0; n < Np; n += PANEL) {
      gemvPanel(Kp, n, hq, sh, wh, sw, offset, preRow, bias, G, gates, true);
    }
    pointwise(H, gates, cell, hCur);
    memory.copy(out + t * outRow, hCur, hb);
  }
  memory.copy(h, hCur, hb);
  memory.copy(c, cell, hb);
}
