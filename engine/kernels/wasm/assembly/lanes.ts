// Loads and stores of either four f32 lanes or, for the tail of a row that
// does not fill a vector, a single f32 in lane 0. With `wide` a constant at
// each inlined call site, the branch folds away, so the vector body and the
// scalar tail share one implementation of the arithmetic.

@inline
export function load4(p: usize, wide: bool): v128 {
  return wide ? v128.load(p) : v128.load32_zero(p);
}

@inline
export function store4(p: usize, v: v128, wide: bool): void {
  if (wide) v128.store(p, v);
  else v128.store32_lane(p, v, 0);
}

// acc + x·b: fused in the relaxed-SIMD build (one instruction where the CPU
// has FMA), a multiply and an add in the plain SIMD128 build.
@inline
export function fma(acc: v128, x: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(x, b, acc);
  return f32x4.add(acc, f32x4.mul(x, b));
}

// acc + the int8 dot product of 4 adjacent bytes per i32 lane: lane j of the
// result is acc[j] + Σ_{b<4} w[4j+b]·x[4j+b], w signed int8, x in 0…127 (u7).
// Relaxed build: one relaxed_dot_i8x16_i7x16_add_s (VNNI vpdpbusd, or
// pmaddubsw + pmaddwd, on x64; exact because every x is ≤ 127, so no i16
// saturation and no signedness ambiguity). Plain SIMD128 build: the same sums
// through 16-bit products (two i32x4.dot_i16x8_s and a pairwise add).
@inline
export function dot4(w: v128, x: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    const pairs = i16x8.relaxed_dot_i8x16_i7x16_s(w, x);
    return i32x4.add(acc, i32x4.dot_i16x8_s(pairs, i16x8.splat(1)));
  }
  const lo = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_s(w), i16x8.extend_low_i8x16_u(x));
  const hi = i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_s(w), i16x8.extend_high_i8x16_u(x));
  const even = i32x4.shuffle(lo, hi, 0, 2, 4, 6);
  const odd = i32x4.shuffle(lo, hi, 1, 3, 5, 7);
  return i32x4.add(acc, i32x4.add(even, odd));
}
