// Template of the int8 dot products, included by int8.c once per instruction
// set: INT8_TARGET (the target attribute), INT8_DOT(acc, x, w) (four u7·i8
// products per i32 lane added to acc) and INT8_NAME(name) (the suffix).
// A packed panel (engine/kernels/int8.ts) holds 32 columns; per block of 4 k
// it is 128 bytes, four ymm of 8 columns × 4 k, so one 4-byte x splat over
// the vector leaves 8 column sums per ymm, in column order.

/** dots[n] = sx·sw[n]·(Σ_k qw[k, n]·q[k] + offset[n]) for n < 32 of one panel, from its accumulators. */
INT8_TARGET static inline void INT8_NAME(finish)(const __m256i acc[4], const int32_t *offset,
                                                 const float *sw, float sx, float *dots) {
  const __m256 vsx = _mm256_set1_ps(sx);
  for (int i = 0; i < 4; i++) {
    const __m256i total = _mm256_add_epi32(acc[i], _mm256_loadu_si256((const __m256i *)(offset + 8 * i)));
    const __m256 scale = _mm256_mul_ps(_mm256_loadu_ps(sw + 8 * i), vsx);
    _mm256_storeu_ps(dots + 8 * i, _mm256_mul_ps(_mm256_cvtepi32_ps(total), scale));
  }
}

/** One row q [Kp] against every panel: dots [panels·32]; two panels at a time (8 accumulators in flight). */
INT8_TARGET static void INT8_NAME(dots1)(int Kp, int panels, const int8_t *w, const int32_t *offset,
                                         const float *sw, const uint8_t *q, float sx, float *dots) {
  const size_t panelBytes = (size_t)32 * Kp;
  int p = 0;
  for (; p + 2 <= panels; p += 2) {
    const int8_t *wa = w + p * panelBytes, *wb = wa + panelBytes;
    __m256i a[4], b[4];
    for (int i = 0; i < 4; i++) a[i] = b[i] = _mm256_setzero_si256();
    for (int k = 0; k < Kp; k += 4) {
      int32_t x4;
      memcpy(&x4, q + k, 4);
      const __m256i x = _mm256_set1_epi32(x4);
      const __m256i *va = (const __m256i *)(wa + (size_t)k * 32);
      const __m256i *vb = (const __m256i *)(wb + (size_t)k * 32);
      for (int i = 0; i < 4; i++) {
        a[i] = INT8_DOT(a[i], x, _mm256_loadu_si256(va + i));
        b[i] = INT8_DOT(b[i], x, _mm256_loadu_si256(vb + i));
      }
    }
    INT8_NAME(finish)(a, offset + 32 * p, sw + 32 * p, sx, dots + 32 * p);
    INT8_NAME(finish)(b, offset + 32 * (p + 1), sw + 32 * (p + 1), sx, dots + 32 * (p + 1));
  }
  if (p < panels) {
    const int8_t *wa = w + p * panelBytes;
    __m256i a[4];
    for (int i = 0; i < 4; i++) a[i] = _mm256_setzero_si256();
    for (int k = 0; k < Kp; k += 4) {
      int32_t x4;
      memcpy(&x4, q + k, 4);
      const __m256i x = _mm256_set1_epi32(x4);
      const __m256i *va = (const __m256i *)(wa + (size_t)k * 32);
      for (int i = 0; i < 4; i++) a[i] = INT8_DOT(a[i], x, _mm256_loadu_si256(va + i));
    }
    INT8_NAME(finish)(a, offset + 32 * p, sw + 32 * p, sx, dots + 32 * p);
  }
}

/** Two rows q0, q1 [Kp] against every panel, sharing each weight load. */
INT8_TARGET static void INT8_NAME(dots2)(int Kp, int panels, const int8_t *w, const int32_t *offset,
                                         const float *sw, const uint8_t *q0, float sx0,
                                         float *dots0, const uint8_t *q1, float sx1,
                                         float *dots1) {
  const size_t panelBytes = (size_t)32 * Kp;
  for (int p = 0; p < panels; p++) {
    const int8_t *wp = w + p * panelBytes;
    __m256i a[4], b[4];
    for (int i = 0; i < 4; i++) a[i] = b[i] = _mm256_setzero_si256();
    for (int k = 0; k < Kp; k += 4) {
      int32_t x0, x1;
      memcpy(&x0, q0 + k, 4);
      memcpy(&x1, q1 + k, 4);
      const __m256i v0 = _mm256_set1_epi32(x0), v1 = _mm256_set1_epi32(x1);
      const __m256i *vw = (const __m256i *)(wp + (size_t)k * 32);
      for (int i = 0; i < 4; i++) {
        const __m256i wi = _mm256_loadu_si256(vw + i);
        a[i] = INT8_DOT(a[i], v0, wi);
        b[i] = INT8_DOT(b[i], v1, wi);
      }
    }
    INT8_NAME(finish)(a, offset + 32 * p, sw + 32 * p, sx0, dots0 + 32 * p);
    INT8_NAME(finish)(b, offset + 32 * p, sw + 32 * p, sx1, dots1 + 32 * p);
  }
}
