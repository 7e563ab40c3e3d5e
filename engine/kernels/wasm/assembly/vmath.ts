// Vectorised exp, sigmoid and tanh on f32x4 lanes, accurate to ~1e-7 absolute
// for sigmoid/tanh (the LSTM gate nonlinearities). The polynomial and the range
// reduction use fused multiply-adds in the relaxed-SIMD build.
//
// exp follows the Cephes expf scheme: x = n·ln2 + r with n = round(x/ln2),
// |r| ≤ ln2/2, e^r from a degree-6 minimax polynomial, 2^n built directly in
// the float exponent bits. ln2 is split in two (C1 + C2) so n·C1 is exact.

import { fma } from './lanes';

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
// Clamp so that 2^n stays a normal float: exp(-87) ≈ 1.6e-38, exp(88) ≈ 1.65e38.
const EXP_MIN: f32 = -87.0;
const EXP_MAX: f32 = 88.0;
const ROUNDER: f32 = 12582912.0; // 1.5·2^23

// The constants as splatted vectors in static memory, read with v128.load at
// a fixed address: V8 folds such a load into the instruction that uses it,
// while a v128.const is rebuilt at every use inside a loop (V8 does not hoist
// it out). Index = position in this table.
const CONSTANTS = memory.data<f32>(
  [
    EXP_MIN, EXP_MIN, EXP_MIN, EXP_MIN,
    EXP_MAX, EXP_MAX, EXP_MAX, EXP_MAX,
    LOG2E, LOG2E, LOG2E, LOG2E,
    ROUNDER, ROUNDER, ROUNDER, ROUNDER,
    -LN2_HI, -LN2_HI, -LN2_HI, -LN2_HI,
    -LN2_LO, -LN2_LO, -LN2_LO, -LN2_LO,
    1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4,
    1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3,
    8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3,
    4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2,
    1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1,
    5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1,
    1.0, 1.0, 1.0, 1.0,
    2.0, 2.0, 2.0, 2.0,
  ],
  16,
);
const C_EXP_MIN = 0;
const C_EXP_MAX = 1;
const C_LOG2E = 2;
const C_ROUNDER = 3;
const C_MINUS_LN2_HI = 4;
const C_MINUS_LN2_LO = 5;
const C_P0 = 6; // the polynomial's coefficients, highest degree first: 6 … 11
const C_ONE = 12;
const C_TWO = 13;

@inline
function constant(index: i32): v128 {
  return v128.load(CONSTANTS + (<usize>index << 4));
}

/** e^x per lane (saturating outside [-87, 88]; NaN stays NaN). */
@inline
export function expv(v: v128): v128 {
  // pmin/pmax map to single x86 instructions (min/max with IEEE NaN rules do not).
  let x = f32x4.pmin(f32x4.pmax(v, constant(C_EXP_MIN)), constant(C_EXP_MAX));
  // n = round(x·log2 e) via the 1.5·2^23 trick: adding it leaves n in the low
  // mantissa bits of t (|n| ≤ 127), cheaper than nearest + trunc_sat.
  const t = fma(constant(C_ROUNDER), x, constant(C_LOG2E));
  const fx = f32x4.sub(t, constant(C_ROUNDER));
  x = fma(x, fx, constant(C_MINUS_LN2_HI));
  x = fma(x, fx, constant(C_MINUS_LN2_LO));
  const z = f32x4.mul(x, x);
  // e^r ≈ 1 + r + r²·q(r), q of degree 5 evaluated by Estrin's scheme (three
  // dependent steps instead of Horner's five: the activations are latency-bound).
  const q01 = fma(constant(C_P0 + 1), constant(C_P0), x); // P1 + P0·x
  const q23 = fma(constant(C_P0 + 3), constant(C_P0 + 2), x);
  const q45 = fma(constant(C_P0 + 5), constant(C_P0 + 4), x);
  let y = fma(q45, z, fma(q23, z, q01));
  y = f32x4.add(fma(x, y, z), constant(C_ONE));
  // 2^n: the bits of t are those of ROUNDER plus n, whose high bits the shift
  // discards, so (bits(t) + 127) << 23 is the float 2^n.
  const pow2n = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2n);
}

/** σ(x) = 1 / (1 + e^−x) per lane. */
@inline
export function sigmoidv(x: v128): v128 {
  const one = constant(C_ONE);
  return f32x4.div(one, f32x4.add(one, expv(f32x4.neg(x))));
}

/** tanh(x) = 2σ(2x) − 1 per lane. */
@inline
export function tanhv(x: v128): v128 {
  return f32x4.sub(f32x4.mul(constant(C_TWO), sigmoidv(f32x4.add(x, x))), constant(C_ONE));
}
