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

@inline
function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** e^x per lane (saturating outside [-87, 88]). */
@inline
export function expv(v: v128): v128 {
  let x = f32x4.min(f32x4.max(v, splat(EXP_MIN)), splat(EXP_MAX));
  const fx = f32x4.nearest(f32x4.mul(x, splat(LOG2E)));
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
  const n = i32x4.trunc_sat_f32x4_s(fx);
  const pow2n = i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23);
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
