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
