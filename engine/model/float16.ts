/**
 * IEEE 754 binary16 ("half") bits ↔ numbers, for weights stored as float16 in
 * `.vbm` files (Node 20 has neither Float16Array nor DataView.getFloat16).
 * Layout: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
 */

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The float16 nearest to `x` (as a float32 first), ties to even, subnormals
 * included. ±Infinity and NaN stay ±Infinity and NaN. A finite value beyond
 * the float16 range is clamped to ±65504 instead of becoming ±Infinity: for
 * weights, the largest finite value is far closer to the truth than infinity,
 * and an infinite weight would make the model unloadable (loading refuses
 * non-finite weights). Trained weights are nowhere near that range anyway.
 */
export function toFloat16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | (mantissa ? 0x7e00 : 0x7c00); // NaN, ±Infinity
  const e = exponent - 127 + 15; // the float16 exponent field
  if (e >= 0x1f) return sign | 0x7bff; // beyond the range: clamped (see above)
  // float16 subnormals (e <= 0) keep the implicit leading 1 and lose more bits
  const full = e > 0 ? mantissa : mantissa | 0x800000;
  const shift = e > 0 ? 13 : 14 - e;
  if (shift > 24) return sign; // below half the smallest subnormal: ±0
  let half = (e > 0 ? e << 10 : 0) | (full >>> shift);
  const rest = full & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  // round to nearest, ties to even; a carry out of the mantissa bumps the exponent, as it should
  if (rest > halfway || (rest === halfway && half & 1)) half++;
  return sign | Math.min(half, 0x7bff);
}

let decoded: Float32Array | null = null;

/** The value of float16 `bits` (0…0xffff), exact. */
export function fromFloat16Bits(bits: number): number {
  decoded ??= decodeTable();
  return decoded[bits & 0xffff];
}

/** Every float16 value, by its bits (256 KB, built once: decoding a model is one lookup per weight). */
function decodeTable(): Float32Array {
  const table = new Float32Array(0x10000);
  for (let bits = 0; bits < 0x10000; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const e = (bits >>> 10) & 0x1f;
    const m = bits & 0x3ff;
    table[bits] =
      e === 0
        ? sign * m * 2 ** -24
        : e === 0x1f
          ? m
            ? NaN
            : sign * Infinity
          : sign * (0x400 + m) * 2 ** (e - 25);
  }
  return table;
}
