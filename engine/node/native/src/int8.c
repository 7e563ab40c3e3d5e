// Int8 inference (scheme and packed layout in engine/kernels/int8.ts): the
// input projection of all frames (int8_gemm) and the batch-1 LSTM sequence
// with an int8 recurrent gemv. Activation rows are quantised to u7 on the fly
// (bit-exact with the reference: f32 arithmetic, round half to even), the dot
// products are exact in i32: VNNI's vpdpbusd on ymm where the CPU has
// AVX512-VL + VNNI, else AVX2's pmaddubsw + pmaddwd (u7·i8 pairs never
// saturate 16 bits), then (acc + offset)·sw·sx in f32.
#include <math.h>
#include <string.h>
#include <immintrin.h>
#include "kernels.h"

#define PANEL 32
#define ZERO_POINT 64

KERNEL static inline __m256i dot_avx2(__m256i acc, __m256i x, __m256i w) {
  return _mm256_add_epi32(
      acc, _mm256_madd_epi16(_mm256_maddubs_epi16(x, w), _mm256_set1_epi16(1)));
}

#define VNNI __attribute__((target("avx2,fma,avx512vl,avx512vnni")))
VNNI static inline __m256i dot_vnni(__m256i acc, __m256i x, __m256i w) {
  return _mm256_dpbusd_epi32(acc, x, w);
}

#define INT8_TARGET KERNEL
#define INT8_DOT dot_avx2
#define INT8_NAME(name) name##_avx2
#include "int8-dots.h"
#undef INT8_TARGET
#undef INT8_DOT
#undef INT8_NAME

#define INT8_TARGET VNNI
#define INT8_DOT dot_vnni
#define INT8_NAME(name) name##_vnni
#include "int8-dots.h"

int cpu_has_vnni(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
}

static inline int round_up(int n, int m) { return (n + m - 1) / m * m; }

/** Quantises x [K] to u7 bytes q [Kp] (padding: the zero point) and returns sx = max|x|/63 (0: all 64). */
KERNEL static float quantize_row(const float *x, int K, int Kp, uint8_t *q) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  __m256 mv = _mm256_setzero_ps();
  int k = 0;
  for (; k + 8 <= K; k += 8) mv = _mm256_max_ps(mv, _mm256_andnot_ps(sign, _mm256_loadu_ps(x + k)));
  float lanes[8];
  _mm256_storeu_ps(lanes, mv);
  float max = 0;
  for (int i = 0; i < 8; i++) max = fmaxf(max, lanes[i]);
  for (; k < K; k++) max = fmaxf(max, fabsf(x[k]));
  if (max == 0) {
    memset(q, ZERO_POINT, (size_t)Kp);
    return 0;
  }
  const float inv = 63.0f / max;
  const __m256 vinv = _mm256_set1_ps(inv);
  const __m256i zp = _mm256_set1_epi32(ZERO_POINT), lo = _mm256_setzero_si256();
  const __m256i hi = _mm256_set1_epi32(127);
  for (k = 0; k + 8 <= K; k += 8) {
    // cvtps rounds half to even (the default MXCSR mode), like f32.nearest
    __m256i v = _mm256_add_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + k), vinv)), zp);
    v = _mm256_min_epi32(_mm256_max_epi32(v, lo), hi);
    const __m256i b = _mm256_packus_epi16(_mm256_packs_epi32(v, v), lo);
    const uint32_t low = (uint32_t)_mm256_cvtsi256_si32(b);
    const uint32_t high = (uint32_t)_mm256_extract_epi32(b, 4);
    memcpy(q + k, &low, 4);
    memcpy(q + k + 4, &high, 4);
  }
  for (; k < K; k++) {
    const float v = nearbyintf(x[k] * inv) + ZERO_POINT;
    q[k] = (uint8_t)(v < 0 ? 0 : v > 127 ? 127 : v);
  }
  memset(q + K, ZERO_POINT, (size_t)(Kp - K));
  return max / 63.0f;
}

typedef struct {
  int Kp, Np;
  const int8_t *qw;
  const float *sw;
  const int32_t *offset;
} Int8View;

static Int8View int8_view(const float *block, int K, int N) {
  Int8View v;
  v.Kp = round_up(K, 4);
  v.Np = round_up(N, PANEL);
  v.qw = (const int8_t *)block;
  v.sw = (const float *)((const uint8_t *)block + (size_t)v.Np * v.Kp);
  v.offset = (const int32_t *)((const uint8_t *)block + (size_t)v.Np * v.Kp + 4 * (size_t)v.Np);
  return v;
}

KERNEL int int8_gemm(Workspace *ws, int vnni, int M, int K, int N, const float *x, const float *block,
              float *out) {
  if (M <= 0) return 0;
  const Int8View v = int8_view(block, K, N);
  const int panels = v.Np / PANEL;
  const size_t qBytes = 2 * (size_t)round_up(v.Kp, 16);
  uint8_t *q = scratch_at_least(&ws->step, qBytes + 2 * sizeof(float) * v.Np);
  if (!q) return -1;
  float *dots0 = (float *)(q + qBytes), *dots1 = dots0 + v.Np;
  int m = 0;
  for (; m + 2 <= M; m += 2) {
    const float sx0 = quantize_row(x + (size_t)m * K, K, v.Kp, q);
    const float sx1 = quantize_row(x + (size_t)(m + 1) * K, K, v.Kp, q + v.Kp);
    (vnni ? dots2_vnni : dots2_avx2)(v.Kp, panels, v.qw, v.offset, v.sw, q, sx0, dots0,
                                     q + v.Kp, sx1, dots1);
    memcpy(out + (size_t)m * N, dots0, sizeof(float) * N);
    memcpy(out + (size_t)(m + 1) * N, dots1, sizeof(float) * N);
  }
  if (m < M) {
    const float sx = quantize_row(x + (size_t)m * K, K, v.Kp, q);
    (vnni ? dots1_vnni : dots1_avx2)(v.Kp, panels, v.qw, v.offset, v.sw, q, sx, dots0);
    memcpy(out + (size_t)m * N, dots0, sizeof(float) * N);
  }
  return 0;
}

/** gates[n] = (pre[n] + bias[n]) + gates[n], as the reference sums them. */
KERNEL static void add_pre_bias(int G, const float *pre, const float *bias, float *gates) {
  int n = 0;
  for (; n + 8 <= G; n += 8) {
    const __m256 pb = _mm256_add_ps(_mm256_loadu_ps(pre + n), _mm256_loadu_ps(bias + n));
    _mm256_storeu_ps(gates + n, _mm256_add_ps(pb, _mm256_loadu_ps(gates + n)));
  }
  for (; n < G; n++) gates[n] = (pre[n] + bias[n]) + gates[n];
}

KERNEL int lstm_sequence_forward_int8(Workspace *ws, int vnni, int T, int H, const float *pre,
                               const float *bias, const float *block, int reverse, float *h,
                               float *c, float *out, int outStride) {
  if (T <= 0 || H <= 0) return 0;
  const int G = 4 * H;
  const Int8View v = int8_view(block, H, G);
  const int panels = v.Np / PANEL;
  uint8_t *q = scratch_at_least(&ws->step, (size_t)round_up(v.Kp, 16) + sizeof(float) * v.Np);
  if (!q) return -1;
  float *gates = (float *)(q + round_up(v.Kp, 16));
  for (int s = 0; s < T; s++) {
    const int t = reverse ? T - 1 - s : s;
    const float sh = quantize_row(h, H, v.Kp, q);
    (vnni ? dots1_vnni : dots1_avx2)(v.Kp, panels, v.qw, v.offset, v.sw, q, sh, gates);
    add_pre_bias(G, pre + (size_t)t * G, bias, gates);
    lstm_cell_forward(1, H, gates, c, c, h);
    memcpy(out + (size_t)t * outStride, h, sizeof(float) * H);
  }
  return 0;
}
