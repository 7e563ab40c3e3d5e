// Whole-sequence LSTM training passes over a padded, time-major batch (see
// Kernels.lstmSequenceTrainForward / lstmSequenceTrainBackward in
// engine/kernels/kernels.ts): one call runs all T steps of one direction, so
// nothing crosses the JS/WASM boundary per step and the recurrent weights are
// packed once per call (gemm's 8-column panels: Wh for the forward product
// h_{t−1}·Wh, Whᵀ for the backward product dGates_t·Whᵀ), then per step only
// the small [B, ·] left operand is packed. Pointers are byte addresses.
//   gates, dGates: [T, B, 4H]; h, c: [T+1, B, H] state slots; dY: [T, B] rows of
//   dyStride floats; lengths: [B] i32.

import { gemmPacked, packB, packedAFloats, packedBFloats, packStepA, TILE_FLOATS } from './gemm';
import { lstmCellBackward, lstmCellForward } from './lstm';

/** Floats of workspace the two passes need for batch B and hidden size H. */
export function lstmTrainWorkFloats(B: i32, H: i32): i32 {
  const G = 4 * H;
  const weights = max(packedBFloats(G, H), packedBFloats(H, G));
  const left = max(packedAFloats(B, H), packedAFloats(B, G));
  return weights + left + 2 * B * H + TILE_FLOATS;
}

/** Zeroes row b of an [B, H] state block where the sequence has ended before step t. */
@inline
function zeroEnded(t: i32, B: i32, H: i32, lengths: usize, block: usize): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    if (t >= load<i32>(lengths + (<usize>b << 2))) memory.fill(block + <usize>b * hb, 0, hb);
  }
}

export function lstmSequenceTrainForward(
  T: i32,
  B: i32,
  H: i32,
  gates: usize,
  bias: usize,
  wh: usize,
  reverse: bool,
  lengths: usize,
  h: usize,
  c: usize,
  work: usize,
): void {
  if (T <= 0 || B <= 0 || H <= 0) return;
  const G = 4 * H;
  const packedW = work;
  const packedH = packedW + (<usize>max(packedBFloats(G, H), packedBFloats(H, G)) << 2);
  const tile = packedH + (<usize>max(packedAFloats(B, H), packedAFloats(B, G)) << 2);
  packB(false, G, H, wh, 0, H, 0, G, packedW);
  const stateBytes = <usize>(B * H) << 2;
  const stepBytes = <usize>(B * G) << 2;
  const rowBytes = <usize>G << 2;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const prev = <usize>(reverse ? t + 1 : t) * stateBytes;
    const cur = <usize>(reverse ? t : t + 1) * stateBytes;
    const g = gates + <usize>t * stepBytes;
    addRows(B, G, bias, g);
    packStepA(B, H, h + prev, <usize>H << 2, 4, packedH);
    gemmPacked(B, G, H, packedH, packedW, 1, g, rowBytes, tile);
    lstmCellForward(B, H, g, c + prev, true, c + cur, h + cur);
    zeroEnded(t, B, H, lengths, h + cur);
    zeroEnded(t, B, H, lengths, c + cur);
  }
}

export function lstmSequenceTrainBackward(
  T: i32,
  B: i32,
  H: i32,
  gates: usize,
  c: usize,
  dY: usize,
  dyStride: i32,
  wh: usize,
  reverse: bool,
  lengths: usize,
  dGates: usize,
  dBias: usize,
  work: usize,
): void {
  if (T <= 0 || B <= 0 || H <= 0) return;
  const G = 4 * H;
  const packedW = work;
  const packedD = packedW + (<usize>max(packedBFloats(G, H), packedBFloats(H, G)) << 2);
  const dh = packedD + (<usize>max(packedAFloats(B, H), packedAFloats(B, G)) << 2);
  const stateBytes = <usize>(B * H) << 2;
  const dc = dh + stateBytes;
  const tile = dc + stateBytes;
  // op(B) = Whᵀ [G, H]: Wh stored [H, G] is B stored transposed.
  packB(true, H, G, wh, 0, G, 0, H, packedW);
  memory.fill(dc, 0, stateBytes);
  const stepBytes = <usize>(B * G) << 2;
  const hb = <usize>H << 2;
  const dyRow = <usize>dyStride << 2;
  for (let s = T - 1; s >= 0; s--) {
    const t = reverse ? T - 1 - s : s;
    const prev = <usize>(reverse ? t + 1 : t) * stateBytes;
    const cur = <usize>(reverse ? t : t + 1) * stateBytes;
    // dh = dY_t + (gradient from the step after this one)·Whᵀ
    for (let b = 0; b < B; b++) {
      memory.copy(dh + <usize>b * hb, dY + <usize>(t * B + b) * dyRow, hb);
    }
    if (s < T - 1) {
      const next = reverse ? T - 2 - s : s + 1;
      packStepA(B, G, dGates + <usize>next * stepBytes, <usize>G << 2, 4, packedD);
      gemmPacked(B, H, G, packedD, packedW, 1, dh, hb, tile);
    }
    zeroEnded(t, B, H, lengths, dh);
    zeroEnded(t, B, H, lengths, dc);
    const dg = dGates + <usize>t * stepBytes;
    lstmCellBackward(B, H, gates + <usize>t * stepBytes, c + prev, true, c + cur, dh, dc, dg);
    addColumnSums(B, G, dg, dBias);
  }
}

/** y[r, :] += v for `rows` rows of n floats (n a multiple of 4). */
function addRows(rows: i32, n: i32, v: usize, y: usize): void {
  const nb = <usize>n << 2;
  for (let r = 0; r < rows; r++) {
    const row = y + <usize>r * nb;
    for (let j: usize = 0; j < nb; j += 16) {
      v128.store(row + j, f32x4.add(v128.load(row + j), v128.load(v + j)));
    }
  }
}

/** sums[j] += Σ_r x[r, j] for `rows` rows of n floats (n a multiple of 4). */
function addColumnSums(rows: i32, n: i32, x: usize, sums: usize): void {
  const nb = <usize>n << 2;
  for (let j: usize = 0; j < nb; j += 16) {
    let acc = v128.load(sums + j);
    for (let r = 0; r < rows; r++) acc = f32x4.add(acc, v128.load(x + <usize>r * nb + j));
    v128.store(sums + j, acc);
  }
}
