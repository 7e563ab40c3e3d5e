// LSTM kernels: the fused cell (forward and backward), the whole-sequence
// training passes over a padded time-major batch, and the batch-1 inference
// sequence. Semantics as Kernels in engine/kernels/kernels.ts.
#include <string.h>
#include <immintrin.h>
#include "kernels.h"
#include "vmath.h"

/* Loads/stores n ≤ 8 lanes of a row (n < 8: a masked tail, the other lanes zero). */
KERNEL static inline __m256 load_n(const float *p, int n) {
  return n == 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, tail_mask(n));
}
KERNEL static inline void store_n(float *p, int n, __m256 v) {
  if (n == 8) _mm256_storeu_ps(p, v);
  else _mm256_maskstore_ps(p, tail_mask(n), v);
}

KERNEL void lstm_cell_forward(int rows, int H, float *gates, const float *cPrev, float *c,
                              float *h) {
  for (int r = 0; r < rows; r++) {
    float *g = gates + (size_t)r * 4 * H;
    const float *cp = cPrev ? cPrev + (size_t)r * H : NULL;
    float *cr = c + (size_t)r * H, *hr = h + (size_t)r * H;
    for (int j = 0; j < H; j += 8) {
      const int n = H - j < 8 ? H - j : 8;
      const __m256 i = sigmoid8(load_n(g + j, n));
      const __m256 f = sigmoid8(load_n(g + H + j, n));
      const __m256 gg = tanh8(load_n(g + 2 * H + j, n));
      const __m256 o = sigmoid8(load_n(g + 3 * H + j, n));
      // cPrev may alias c (the inference sequence updates c in place): read it first
      const __m256 cv = cp ? _mm256_fmadd_ps(f, load_n(cp + j, n), _mm256_mul_ps(i, gg))
                           : _mm256_mul_ps(i, gg);
      store_n(g + j, n, i);
      store_n(g + H + j, n, f);
      store_n(g + 2 * H + j, n, gg);
      store_n(g + 3 * H + j, n, o);
      store_n(cr + j, n, cv);
      store_n(hr + j, n, _mm256_mul_ps(o, tanh8(cv)));
    }
  }
}

KERNEL void lstm_cell_backward(int rows, int H, const float *gates, const float *cPrev,
                               const float *c, const float *dh, float *dc, float *dGates) {
  const __m256 one = _mm256_set1_ps(1.0f);
  for (int r = 0; r < rows; r++) {
    const float *g = gates + (size_t)r * 4 * H;
    float *dg = dGates + (size_t)r * 4 * H;
    const size_t s = (size_t)r * H;
    for (int j = 0; j < H; j += 8) {
      const int n = H - j < 8 ? H - j : 8;
      const __m256 i = load_n(g + j, n), f = load_n(g + H + j, n);
      const __m256 gg = load_n(g + 2 * H + j, n), o = load_n(g + 3 * H + j, n);
      const __m256 tc = tanh8(load_n(c + s + j, n));
      const __m256 cp = cPrev ? load_n(cPrev + s + j, n) : _mm256_setzero_ps();
      const __m256 dhv = load_n(dh + s + j, n);
      // dL/dc = dc (from t+1) + dh·o·(1 − tanh²c)
      const __m256 dct = _mm256_fmadd_ps(_mm256_mul_ps(dhv, o), _mm256_fnmadd_ps(tc, tc, one),
                                         load_n(dc + s + j, n));
      store_n(dg + j, n, _mm256_mul_ps(_mm256_mul_ps(dct, gg), _mm256_mul_ps(i, _mm256_sub_ps(one, i))));
      store_n(dg + H + j, n,
              _mm256_mul_ps(_mm256_mul_ps(dct, cp), _mm256_mul_ps(f, _mm256_sub_ps(one, f))));
      store_n(dg + 2 * H + j, n, _mm256_mul_ps(_mm256_mul_ps(dct, i), _mm256_fnmadd_ps(gg, gg, one)));
      store_n(dg + 3 * H + j, n,
              _mm256_mul_ps(_mm256_mul_ps(dhv, tc), _mm256_mul_ps(o, _mm256_sub_ps(one, o))));
      store_n(dc + s + j, n, _mm256_mul_ps(dct, f));
    }
  }
}

/** y[r, :] += v for `rows` rows of n floats (n a multiple of 4). */
KERNEL static void add_rows(int rows, int n, const float *v, float *y) {
  for (int r = 0; r < rows; r++) {
    float *row = y + (size_t)r * n;
    int j = 0;
    for (; j + 8 <= n; j += 8)
      _mm256_storeu_ps(row + j, _mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(v + j)));
    for (; j < n; j++) row[j] += v[j];
  }
}

/** sums[j] += Σ_r x[r, j] for `rows` rows of n floats. */
KERNEL static void add_column_sums(int rows, int n, const float *x, float *sums) {
  int j = 0;
  for (; j + 8 <= n; j += 8) {
    __m256 acc = _mm256_loadu_ps(sums + j);
    for (int r = 0; r < rows; r++) acc = _mm256_add_ps(acc, _mm256_loadu_ps(x + (size_t)r * n + j));
    _mm256_storeu_ps(sums + j, acc);
  }
  for (; j < n; j++) {
    float acc = sums[j];
    for (int r = 0; r < rows; r++) acc += x[(size_t)r * n + j];
    sums[j] = acc;
  }
}

/** Zeroes row b of a [B, H] state block where sequence b has ended before step t. */
static void zero_ended(int t, int B, int H, const int32_t *lengths, float *block) {
  for (int b = 0; b < B; b++)
    if (t >= lengths[b]) memset(block + (size_t)b * H, 0, sizeof(float) * H);
}

KERNEL int lstm_sequence_train_forward(Workspace *ws, int T, int B, int H, float *gates,
                                       const float *bias, const float *wh, int reverse,
                                       const int32_t *lengths, float *h, float *c) {
  if (T <= 0 || B <= 0 || H <= 0) return 0;
  const int G = 4 * H;
  float *packedW = scratch_at_least(&ws->weights, sizeof(float) * packed_b_floats(H, G));
  float *packedA = scratch_at_least(&ws->step, sizeof(float) * prepacked_scratch_floats(B));
  if (!packedW || !packedA) return -1;
  pack_b_whole(0, H, G, wh, packedW);
  const size_t state = (size_t)B * H, step = (size_t)B * G;
  for (int s = 0; s < T; s++) {
    const int t = reverse ? T - 1 - s : s;
    const size_t prev = (size_t)(reverse ? t + 1 : t) * state;
    const size_t cur = (size_t)(reverse ? t : t + 1) * state;
    float *g = gates + (size_t)t * step;
    add_rows(B, G, bias, g);
    gemm_prepacked(B, G, H, h + prev, H, packedW, 1.0f, g, G, packedA);
    lstm_cell_forward(B, H, g, c + prev, c + cur, h + cur);
    zero_ended(t, B, H, lengths, h + cur);
    zero_ended(t, B, H, lengths, c + cur);
  }
  return 0;
}

KERNEL int lstm_sequence_train_backward(Workspace *ws, int T, int B, int H, const float *gates,
                                        const float *c, const float *dY, int dyStride,
                                        const float *wh, int reverse, const int32_t *lengths,
                                        float *dGates, float *dBias) {
  if (T <= 0 || B <= 0 || H <= 0) return 0;
  const int G = 4 * H;
  const size_t state = (size_t)B * H, step = (size_t)B * G;
  const size_t packedFloats = prepacked_scratch_floats(B);
  float *packedW = scratch_at_least(&ws->weights, sizeof(float) * packed_b_floats(G, H));
  float *packedD = scratch_at_least(&ws->step, sizeof(float) * (packedFloats + 2 * state));
  if (!packedW || !packedD) return -1;
  float *dh = packedD + packedFloats, *dc = dh + state;
  // op(B) = Whᵀ [G, H]: Wh stored [H, G] is B stored transposed.
  pack_b_whole(1, G, H, wh, packedW);
  memset(dc, 0, sizeof(float) * state);
  for (int s = T - 1; s >= 0; s--) {
    const int t = reverse ? T - 1 - s : s;
    const size_t prev = (size_t)(reverse ? t + 1 : t) * state;
    const size_t cur = (size_t)(reverse ? t : t + 1) * state;
    // dh = dY_t + (the gradient from the step after this one)·Whᵀ
    for (int b = 0; b < B; b++)
      memcpy(dh + (size_t)b * H, dY + ((size_t)t * B + b) * dyStride, sizeof(float) * H);
    if (s < T - 1) {
      const int next = reverse ? t - 1 : t + 1;
      gemm_prepacked(B, H, G, dGates + (size_t)next * step, G, packedW, 1.0f, dh, H, packedD);
    }
    zero_ended(t, B, H, lengths, dh);
    zero_ended(t, B, H, lengths, dc);
    float *dg = dGates + (size_t)t * step;
    lstm_cell_backward(B, H, gates + (size_t)t * step, c + prev, c + cur, dh, dc, dg);
    add_column_sums(B, G, dg, dBias);
  }
  return 0;
}

/* Batch-1 inference: Wh packed per call into 64-column panels contiguous along
 * k; per step a gemv with 8 ymm accumulators per panel (two FMA pipes × four
 * cycles of latency) starting from pre[t] + bias, then the cell. */
#define GEMV_PANEL 64

KERNEL int lstm_sequence_forward(Workspace *ws, int T, int H, const float *pre,
                                 const float *bias, const float *wh, int reverse, float *h,
                                 float *c, float *out, int outStride) {
  if (T <= 0 || H <= 0) return 0;
  const int G = 4 * H;
  const int panels = (G + GEMV_PANEL - 1) / GEMV_PANEL;
  const size_t Gp = (size_t)panels * GEMV_PANEL;
  float *packed = scratch_at_least(&ws->weights, sizeof(float) * Gp * H);
  float *gates = scratch_at_least(&ws->step, sizeof(float) * Gp);
  if (!packed || !gates) return -1;
  for (int p = 0; p < panels; p++) {
    const int n0 = p * GEMV_PANEL, width = G - n0 < GEMV_PANEL ? G - n0 : GEMV_PANEL;
    float *dst = packed + (size_t)p * GEMV_PANEL * H;
    for (int k = 0; k < H; k++) {
      memcpy(dst + (size_t)k * GEMV_PANEL, wh + (size_t)k * G + n0, sizeof(float) * width);
      memset(dst + (size_t)k * GEMV_PANEL + width, 0, sizeof(float) * (GEMV_PANEL - width));
    }
  }
  for (int s = 0; s < T; s++) {
    const int t = reverse ? T - 1 - s : s;
    const float *pt = pre + (size_t)t * G;
    for (int p = 0; p < panels; p++) {
      const int n0 = p * GEMV_PANEL;
      const float *w = packed + (size_t)p * GEMV_PANEL * H;
      __m256 acc[8];
      for (int q = 0; q < 8; q++) {
        const int n = n0 + 8 * q;
        const int lanes = G - n >= 8 ? 8 : G - n > 0 ? G - n : 0;
        acc[q] = lanes == 0 ? _mm256_setzero_ps()
                            : _mm256_add_ps(load_n(pt + n, lanes), load_n(bias + n, lanes));
      }
      for (int k = 0; k < H; k++) {
        const __m256 hk = _mm256_broadcast_ss(h + k);
        const float *wk = w + (size_t)k * GEMV_PANEL;
        for (int q = 0; q < 8; q++) acc[q] = _mm256_fmadd_ps(hk, _mm256_load_ps(wk + 8 * q), acc[q]);
      }
      for (int q = 0; q < 8; q++) _mm256_store_ps(gates + n0 + 8 * q, acc[q]);
    }
    lstm_cell_forward(1, H, gates, c, c, h);
    memcpy(out + (size_t)t * outStride, h, sizeof(float) * H);
  }
  return 0;
}
