// Vectorised exp, sigmoid and tanh on 8 f32 lanes, the same scheme and
// constants as the WASM kernels (engine/kernels/wasm/assembly/vmath.ts):
// Cephes expf, x = n·ln2 + r with n = round(x/ln2), |r| ≤ ln2/2, e^r from a
// degree-6 minimax polynomial (Estrin's scheme), 2^n built in the exponent
// bits; σ and tanh accurate to ~1e-7 absolute.
#ifndef VERBATIM_VMATH_H
#define VERBATIM_VMATH_H

#include <immintrin.h>
#include "kernels.h"

/** e^x per lane (saturating outside [-87, 88]; NaN stays NaN). */
KERNEL static inline __m256 exp8(__m256 v) {
  // maxps/minps return their second operand when either is NaN: keep v second.
  __m256 x = _mm256_min_ps(_mm256_set1_ps(88.0f), _mm256_max_ps(_mm256_set1_ps(-87.0f), v));
  const __m256 rounder = _mm256_set1_ps(12582912.0f); // 1.5·2^23: t's low mantissa bits hold n
  const __m256 t = _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), rounder);
  const __m256 fx = _mm256_sub_ps(t, rounder);
  x = _mm256_fmadd_ps(fx, _mm256_set1_ps(-0.693359375f), x);
  x = _mm256_fmadd_ps(fx, _mm256_set1_ps(2.12194440e-4f), x);
  const __m256 z = _mm256_mul_ps(x, x);
  const __m256 q01 = _mm256_fmadd_ps(_mm256_set1_ps(1.9875691500e-4f), x,
                                     _mm256_set1_ps(1.3981999507e-3f));
  const __m256 q23 = _mm256_fmadd_ps(_mm256_set1_ps(8.3334519073e-3f), x,
                                     _mm256_set1_ps(4.1665795894e-2f));
  const __m256 q45 = _mm256_fmadd_ps(_mm256_set1_ps(1.6666665459e-1f), x,
                                     _mm256_set1_ps(5.0000001201e-1f));
  __m256 y = _mm256_fmadd_ps(_mm256_fmadd_ps(q01, z, q23), z, q45);
  y = _mm256_add_ps(_mm256_fmadd_ps(y, z, x), _mm256_set1_ps(1.0f));
  // (bits(t) + 127) << 23 is the float 2^n: the shift drops ROUNDER's high bits.
  const __m256i pow2n = _mm256_slli_epi32(
      _mm256_add_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(y, _mm256_castsi256_ps(pow2n));
}

/** σ(x) = 1 / (1 + e^−x) per lane. */
KERNEL static inline __m256 sigmoid8(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

/** tanh(x) = 2σ(2x) − 1 per lane. */
KERNEL static inline __m256 tanh8(__m256 x) {
  return _mm256_fmsub_ps(_mm256_set1_ps(2.0f), sigmoid8(_mm256_add_ps(x, x)),
                         _mm256_set1_ps(1.0f));
}

/** The lane mask of the first n < 8 lanes, for maskload/maskstore of a row's tail. */
KERNEL static inline __m256i tail_mask(int n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#endif
