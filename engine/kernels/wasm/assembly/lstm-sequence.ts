// Whole-sequence LSTM forward for inference at batch 1 (see
// Kernels.lstmSequenceForward in engine/kernels/kernels.ts): one call runs all
// T steps, so the recurrent weights stay hot in cache and nothing crosses the
// JS/WASM boundary per step. Pointers are byte addresses of f32 arrays.
//
// Per step the gates are z = pre[t] + b + h_{t−1}·Wh, a [1, H] × [H, 4H] gemv,
// then the cell's pointwise part. Wh is packed once per call into column
// panels of PANEL = 32 floats (8 f32x4 accumulators), contiguous along k, so
// the gemv streams the weights in order. The loop body is kept to one k: V8
// then interleaves each weight load with its FMA in one register; a body that
// holds more loads at once (2 k per iteration, or 8 gate-interleaved
// accumulators with pointwise fused in) ran out of x86's 16 vector registers,
// spilled an accumulator and was 20–30% slower (measured).

import { fma, load4, store4 } from './lanes';
import { sigmoidv, tanhv } from './vmath';

const PANEL: i32 = 32;

/** Columns of the gates row padded to whole panels. */
@inline
function paddedGates(H: i32): i32 {
  return ((4 * H + PANEL - 1) / PANEL) * PANEL;
}

/** Floats of workspace lstmSequenceForward needs for hidden size H. */
export function lstmSequenceWorkFloats(H: i32): i32 {
  const Gp = paddedGates(H);
  // packed Wh [Gp/32][H][32], one gates row [Gp], two h rows (ping-pong) and c, 4-aligned
  const H4 = (H + 3) & ~3;
  return Gp * H + Gp + 3 * H4;
}

export function lstmSequenceForward(
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
  const Gp = paddedGates(H);
  const hb = <usize>H << 2;
  const h4b = <usize>((H + 3) & ~3) << 2;
  const packed = work;
  const gates = packed + (<usize>(Gp * H) << 2);
  let hCur = gates + (<usize>Gp << 2);
  let hNext = hCur + h4b;
  const cell = hNext + h4b;
  pack(H, G, Gp, wh, packed);
  memory.copy(hCur, h, hb);
  memory.copy(cell, c, hb);
  const rowBytes = <usize>G << 2;
  const outRow = <usize>outStride << 2;
  const panelBytes = <usize>(H * PANEL) << 2;
  for (let s = 0; s < T; s++) {
    const t = <usize>(reverse ? T - 1 - s : s);
    const preRow = pre + t * rowBytes;
    for (let n = 0; n < Gp; n += PANEL) {
      gemvPanel(H, G, n, preRow, bias, packed + (<usize>(n / PANEL)) * panelBytes, hCur, gates);
    }
    pointwise(H, gates, cell, hNext);
    memory.copy(out + t * outRow, hNext, hb);
    const swap = hCur;
    hCur = hNext;
    hNext = swap;
  }
  memory.copy(h, hCur, hb);
  memory.copy(c, cell, hb);
}

/** Wh [H, G] → panels [Gp/32][H][32], zero past column G. */
function pack(H: i32, G: i32, Gp: i32, wh: usize, packed: usize): void {
  let dst = packed;
  for (let n0 = 0; n0 < Gp; n0 += PANEL) {
    for (let k = 0; k < H; k++) {
      const row = wh + (<usize>(k * G) << 2);
      // G is a multiple of 4: each group of 4 columns is wholly in or past it.
      for (let n = n0; n < n0 + PANEL; n += 4) {
        v128.store(dst, n < G ? v128.load(row + (<usize>n << 2)) : f32x4.splat(0));
        dst += 16;
      }
    }
  }
}

/** pre[n …] + bias[n …] for 4 columns from n (G is a multiple of 4: all in or all out). */
@inline
function gateInput(pre: usize, bias: usize, n: i32, G: i32): v128 {
  if (n >= G) return f32x4.splat(0);
  const off = <usize>n << 2;
  return f32x4.add(v128.load(pre + off), v128.load(bias + off));
}

/** Columns [n, n + 32) of the gates row: inputs + h·Wh. */
function gemvPanel(
  H: i32,
  G: i32,
  n: i32,
  pre: usize,
  bias: usize,
  panel: usize,
  hPrev: usize,
  gates: usize,
): void {
  let a0 = gateInput(pre, bias, n, G);
  let a1 = gateInput(pre, bias, n + 4, G);
  let a2 = gateInput(pre, bias, n + 8, G);
  let a3 = gateInput(pre, bias, n + 12, G);
  let a4 = gateInput(pre, bias, n + 16, G);
  let a5 = gateInput(pre, bias, n + 20, G);
  let a6 = gateInput(pre, bias, n + 24, G);
  let a7 = gateInput(pre, bias, n + 28, G);
  let w = panel;
  const end = hPrev + (<usize>H << 2);
  for (let x = hPrev; x < end; x += 4) {
    const hk = v128.load32_splat(x);
    a0 = fma(a0, hk, v128.load(w));
    a1 = fma(a1, hk, v128.load(w, 16));
    a2 = fma(a2, hk, v128.load(w, 32));
    a3 = fma(a3, hk, v128.load(w, 48));
    a4 = fma(a4, hk, v128.load(w, 64));
    a5 = fma(a5, hk, v128.load(w, 80));
    a6 = fma(a6, hk, v128.load(w, 96));
    a7 = fma(a7, hk, v128.load(w, 112));
    w += <usize>PANEL << 2;
  }
  const g = gates + (<usize>n << 2);
  v128.store(g, a0);
  v128.store(g, a1, 16);
  v128.store(g, a2, 32);
  v128.store(g, a3, 48);
  v128.store(g, a4, 64);
  v128.store(g, a5, 80);
  v128.store(g, a6, 96);
  v128.store(g, a7, 112);
}

/**
 * The cell on the gates row: c = σ(f)⊙c + σ(i)⊙tanh(g) in place, h = σ(o)⊙tanh(c).
 * In two passes (c for the whole row, then h): each lane's work is one long
 * chain of dependent operations (two exp-based activations in a row), and
 * shorter chains let the CPU keep more lanes in flight.
 */
export function pointwise(H: i32, gates: usize, cell: usize, h: usize): void {
  const hb = <usize>H << 2;
  const vecEnd = hb & ~(<usize>15);
  let j: usize = 0;
  for (; j < vecEnd; j += 16) cellLanes(gates + j, hb, cell + j, true);
  for (; j < hb; j += 4) cellLanes(gates + j, hb, cell + j, false);
  for (j = 0; j < vecEnd; j += 16) outputLanes(gates + j, hb, cell + j, h + j, true);
  for (; j < hb; j += 4) outputLanes(gates + j, hb, cell + j, h + j, false);
}

/** c = σ(f)⊙c + σ(i)⊙tanh(g) in place. */
@inline
function cellLanes(g: usize, hb: usize, cp: usize, wide: bool): void {
  const i = sigmoidv(load4(g, wide));
  const f = sigmoidv(load4(g + hb, wide));
  const z = tanhv(load4(g + 2 * hb, wide));
  store4(cp, f32x4.add(f32x4.mul(i, z), f32x4.mul(f, load4(cp, wide))), wide);
}

/** h = σ(o)⊙tanh(c). */
@inline
function outputLanes(g: usize, hb: usize, cp: usize, hp: usize, wide: bool): void {
  const o = sigmoidv(load4(g + 3 * hb, wide));
  store4(hp, f32x4.mul(o, tanhv(load4(cp, wide))), wide);
}
