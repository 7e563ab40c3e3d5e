// Vectorised exp, sigmoid and tanh on f32x4 lanes, accurate to ~1e-7 absolute
// for sigmoid/tanh (the LSTM gate nonlinearities).
//
// exp follows the Cephes expf scheme: x = n·ln2 + r with n = round(x/ln2),
// |r| ≤ ln2/2, e^r from a degree-6 minimax polynomial, 2^n built directly in
// the float exponent bits. ln2 is split in two (C1 + C2) so n·C1 is exact.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
// Clamp so that 2^n stays a normal float: exp(-87) ≈ 1.6e-38, exp(88) ≈ 1.65e38.
const EXP_MIN: f32 = -87.0;
const EXP_MAX: f32 = 88.0;
const ROUNDER: f32 = 12582912.0; // 1.5·2^23

@inline
function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** e^x per lane (saturating outside [-87, 88]; NaN stays NaN). */
@inline
export function expv(v: v128): v128 {
  // pmin/pmax map to single x86 instructions (min/max with IEEE NaN rules do not).
  let x = f32x4.pmin(f32x4.pmax(v, splat(EXP_MIN)), splat(EXP_MAX));
  // n = round(x·log2 e) via the 1.5·2^23 trick: adding it leaves n in the low
  // mantissa bits of t (|n| ≤ 127), cheaper than nearest + trunc_sat.
  const t = f32x4.add(f32x4.mul(x, splat(LOG2E)), splat(ROUNDER));
  const fx = f32x4.sub(t, splat(ROUNDER));
  x = f32x4.sub(x, f32x4.mul(fx, splat(LN2_HI)));
  x = f32x4.sub(x, f32x4.mul(fx, splat(LN2_LO)));
  const z = f32x4.mul(x, x);
  let y = splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, z), x), splat(1.0));
  // 2^n: the bits of t are those of ROUNDER plus n, whose high bits the shift
  // discards, so (bits(t) + 127) << 23 is the float 2^n.
  const pow2n = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2n);
}

/** σ(x) = 1 / (1 + e^−x) per lane. */
@inline
export function sigmoidv(x: v128): v128 {
  return f32x4.div(splat(1.0), f32x4.add(splat(1.0), expv(f32x4.neg(x))));
}

/** tanh(x) = 2σ(2x) − 1 per lane. */
@inline
export function tanhv(x: v128): v128 {
  return f32x4.sub(f32x4.mul(splat(2.0), sigmoidv(f32x4.add(x, x))), splat(1.0));
}
