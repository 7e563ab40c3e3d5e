// f32 gemm, GotoBLAS/BLIS-style: op(B) packed into 16-column panels, op(A)
// into 6-row panels, and a 6 × 16 micro-kernel of 12 ymm accumulators (two
// B vectors and one broadcast of A per row and k: 15 of the 16 registers).
// Blocks: KC = 384 k (a B micro-panel is 24 KB, an A one 9 KB: L1 and L2),
// MC = 144 rows of A (216 KB, in L2), NC = 3072 columns of B (in L3). KC 384
// rather than 256 covers the LSTM's K = 384 in one pass over C: the products
// of 2400 × 768 × 384 and 2400 × 384 × 768 ran 94 → 104 and 58–93 → 93–96
// GFLOP/s (best of 25, interleaved A/B in one process, load 10).
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>
#include "kernels.h"

#define MR 6
#define NR 16
#ifndef KC
#define KC 384
#endif
#ifndef MC
#define MC 144
#endif
#ifndef NC
#define NC 3072
#endif

static inline int min_int(int a, int b) { return a < b ? a : b; }

void *scratch_at_least(Scratch *s, size_t bytes) {
  if (bytes > s->bytes) {
    free(s->data);
    size_t rounded = (bytes + 63) & ~(size_t)63;
    s->data = aligned_alloc(64, rounded);
    s->bytes = s->data ? rounded : 0;
  }
  return s->data;
}

void scratch_free(Scratch *s) {
  free(s->data);
  s->data = NULL;
  s->bytes = 0;
}

int cpu_has_avx2_fma(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/*
 * Packs rows [0, mc) and k [0, kc) of an operand X with element (i, k) at
 * X[i·rs + k·cs] into panels of `width` rows: dst[panel][k][width], rows past
 * mc zero. Used for A (width MR, element (m, k)) and for B (width NR, element
 * (n, k) of op(B)ᵀ).
 */
KERNEL static void pack_panels(int width, int mc, int kc, const float *X, size_t rs, size_t cs,
                               float *dst, size_t panel_stride) {
  for (int i0 = 0; i0 < mc; i0 += width) {
    const int rows = min_int(width, mc - i0);
    float *p = dst + (size_t)(i0 / width) * panel_stride;
    if (cs == 1) {
      // rows contiguous along k: gather `rows` streams into the interleaved panel
      for (int r = 0; r < rows; r++) {
        const float *src = X + (size_t)(i0 + r) * rs;
        for (int k = 0; k < kc; k++) p[(size_t)k * width + r] = src[k];
      }
    } else {
      // the panel's rows are contiguous (rs == 1): copy width-long runs per k
      for (int k = 0; k < kc; k++) {
        const float *src = X + (size_t)k * cs + i0;
        float *d = p + (size_t)k * width;
        for (int r = 0; r < rows; r++) d[r] = src[r];
      }
    }
    if (rows < width) {
      for (int k = 0; k < kc; k++) {
        for (int r = rows; r < width; r++) p[(size_t)k * width + r] = 0.0f;
      }
    }
  }
}

/** 8 floats of C: acc (first && beta = 0), beta·C + acc (first), or C + acc. */
KERNEL static inline void update8(float *c, __m256 acc, int first, float beta) {
  if (!first) acc = _mm256_add_ps(acc, _mm256_loadu_ps(c));
  else if (beta != 0.0f) acc = _mm256_fmadd_ps(_mm256_set1_ps(beta), _mm256_loadu_ps(c), acc);
  _mm256_storeu_ps(c, acc);
}

/** The same for the mr × nr corner of a tile held in `tile` (rows of `width` floats). */
static void update_corner(const float *tile, int width, int mr, int nr, float *C, size_t ldc,
                          int first, float beta) {
  for (int r = 0; r < mr; r++) {
    float *row = C + (size_t)r * ldc;
    for (int j = 0; j < nr; j++) {
      const float v = tile[r * width + j];
      row[j] = !first ? row[j] + v : beta == 0.0f ? v : beta * row[j] + v;
    }
  }
}

/*
 * One 6 × 16 tile: C = acc (first && beta == 0), beta·C + acc (first), or C + acc,
 * with acc = Σ_k a[k][0..6) ⊗ b[k][0..16). mr × nr of the tile lie inside C.
 */
KERNEL static void micro_kernel(int kc, const float *a, const float *b, float *C, size_t ldc,
                                int mr, int nr, int first, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (int k = 0; k < kc; k++) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = _mm256_load_ps(b + 8);
    __m256 ak = _mm256_broadcast_ss(a);
    c00 = _mm256_fmadd_ps(ak, b0, c00);
    c01 = _mm256_fmadd_ps(ak, b1, c01);
    ak = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(ak, b0, c10);
    c11 = _mm256_fmadd_ps(ak, b1, c11);
    ak = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(ak, b0, c20);
    c21 = _mm256_fmadd_ps(ak, b1, c21);
    ak = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(ak, b0, c30);
    c31 = _mm256_fmadd_ps(ak, b1, c31);
    ak = _mm256_broadcast_ss(a + 4);
    c40 = _mm256_fmadd_ps(ak, b0, c40);
    c41 = _mm256_fmadd_ps(ak, b1, c41);
    ak = _mm256_broadcast_ss(a + 5);
    c50 = _mm256_fmadd_ps(ak, b0, c50);
    c51 = _mm256_fmadd_ps(ak, b1, c51);
    a += MR;
    b += NR;
  }
  const __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                             {c30, c31}, {c40, c41}, {c50, c51}};
  if (mr == MR && nr == NR) {
    for (int r = 0; r < MR; r++) {
      update8(C + (size_t)r * ldc, acc[r][0], first, beta);
      update8(C + (size_t)r * ldc + 8, acc[r][1], first, beta);
    }
    return;
  }
  float tile[MR * NR] __attribute__((aligned(32)));
  for (int r = 0; r < MR; r++) {
    _mm256_store_ps(tile + r * NR, acc[r][0]);
    _mm256_store_ps(tile + r * NR + 8, acc[r][1]);
  }
  update_corner(tile, NR, mr, nr, C, ldc, first, beta);
}

/*
 * C[mc, nc] op= Ap·Bp over kc: Ap packed (MR-row panels of kc), Bp panel p's k
 * row at Bp + p·b_panel_stride + k·NR. Micro-panels of B in the outer loop (L1).
 */
KERNEL static void macro_kernel(int mc, int nc, int kc, const float *Ap, const float *Bp,
                                size_t b_panel_stride, float *C, size_t ldc, int first,
                                float beta) {
  for (int j = 0; j < nc; j += NR) {
    const float *bp = Bp + (size_t)(j / NR) * b_panel_stride;
    for (int i = 0; i < mc; i += MR) {
      micro_kernel(kc, Ap + (size_t)(i / MR) * kc * MR, bp, C + (size_t)i * ldc + j, ldc,
                   min_int(MR, mc - i), min_int(NR, nc - j), first, beta);
    }
  }
}

/** C = beta·C for K = 0 (beta = 0 writes zeros, whatever C held). */
static void scale_c(int M, int N, float beta, float *C) {
  const size_t n = (size_t)M * N;
  if (beta == 0.0f) memset(C, 0, n * sizeof(float));
  else if (beta != 1.0f)
    for (size_t i = 0; i < n; i++) C[i] *= beta;
}

/* Few rows of C (a batch-1 step, a gemv): packing B would cost as much as the
 * product, so B is read in place. */
#define SMALL_M 4

KERNEL static inline void store_c(float *c, __m256 acc, float beta) {
  if (beta != 0.0f) acc = _mm256_fmadd_ps(_mm256_set1_ps(beta), _mm256_loadu_ps(c), acc);
  _mm256_storeu_ps(c, acc);
}

/** C[1, N] = beta·C + a[K]·B[K, N] (B row-major, read in place): 64 columns per pass. */
KERNEL static void row_times_b(int N, int K, const float *a, const float *B, float beta,
                               float *c) {
  int n = 0;
  for (; n + 64 <= N; n += 64) {
    __m256 acc[8];
    for (int q = 0; q < 8; q++) acc[q] = _mm256_setzero_ps();
    for (int k = 0; k < K; k++) {
      const __m256 ak = _mm256_broadcast_ss(a + k);
      const float *b = B + (size_t)k * N + n;
      for (int q = 0; q < 8; q++) acc[q] = _mm256_fmadd_ps(ak, _mm256_loadu_ps(b + 8 * q), acc[q]);
    }
    for (int q = 0; q < 8; q++) store_c(c + n + 8 * q, acc[q], beta);
  }
  for (; n + 8 <= N; n += 8) {
    __m256 acc = _mm256_setzero_ps();
    for (int k = 0; k < K; k++)
      acc = _mm256_fmadd_ps(_mm256_broadcast_ss(a + k), _mm256_loadu_ps(B + (size_t)k * N + n), acc);
    store_c(c + n, acc, beta);
  }
  for (; n < N; n++) {
    float sum = 0;
    for (int k = 0; k < K; k++) sum += a[k] * B[(size_t)k * N + n];
    c[n] = beta == 0.0f ? sum : beta * c[n] + sum;
  }
}

/** Σ lanes of v. */
KERNEL static inline float hsum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

/** C[1, N] = beta·C + a[K]·Bᵀ with B [N, K] row-major: dot products, 4 columns at a time. */
KERNEL static void row_times_bt(int N, int K, const float *a, const float *B, float beta,
                                float *c) {
  const int K8 = K & ~7;
  int n = 0;
  for (; n < N; n += 4) {
    const int cols = N - n < 4 ? N - n : 4;
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(),
                     _mm256_setzero_ps()};
    const float *b[4];
    for (int j = 0; j < 4; j++) b[j] = B + (size_t)(n + (j < cols ? j : 0)) * K;
    for (int k = 0; k < K8; k += 8) {
      const __m256 ak = _mm256_loadu_ps(a + k);
      for (int j = 0; j < 4; j++) acc[j] = _mm256_fmadd_ps(ak, _mm256_loadu_ps(b[j] + k), acc[j]);
    }
    for (int j = 0; j < cols; j++) {
      float sum = hsum(acc[j]);
      for (int k = K8; k < K; k++) sum += a[k] * b[j][k];
      c[n + j] = beta == 0.0f ? sum : beta * c[n + j] + sum;
    }
  }
}

KERNEL int gemm(Workspace *ws, int transA, int transB, int M, int N, int K, const float *A,
                const float *B, float beta, float *C) {
  if (M <= 0 || N <= 0) return 0;
  if (K <= 0) {
    scale_c(M, N, beta, C);
    return 0;
  }
  if (M <= SMALL_M) {
    if (transA) {
      // op(A)'s rows are strided: gather them (M·K floats)
      float *rows = scratch_at_least(&ws->gemm_a, sizeof(float) * (size_t)M * K);
      if (!rows) return -1;
      for (int m = 0; m < M; m++)
        for (int k = 0; k < K; k++) rows[(size_t)m * K + k] = A[(size_t)k * M + m];
      A = rows;
    }
    for (int m = 0; m < M; m++) {
      (transB ? row_times_bt : row_times_b)(N, K, A + (size_t)m * K, B, beta, C + (size_t)m * N);
    }
    return 0;
  }
  // op(A)(m, k) = A[m·ars + k·acs]; op(B)ᵀ(n, k) = B[n·brs + k·bcs]
  const size_t ars = transA ? 1 : (size_t)K, acs = transA ? (size_t)M : 1;
  const size_t brs = transB ? (size_t)K : 1, bcs = transB ? 1 : (size_t)N;
  const int kcMax = min_int(K, KC);
  const int mcMax = min_int(M, MC), ncMax = min_int(N, NC);
  float *Ap = scratch_at_least(&ws->gemm_a,
                               sizeof(float) * (size_t)((mcMax + MR - 1) / MR) * MR * kcMax);
  float *Bp = scratch_at_least(&ws->gemm_b,
                               sizeof(float) * (size_t)((ncMax + NR - 1) / NR) * NR * kcMax);
  if (!Ap || !Bp) return -1;
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = min_int(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      const int kc = min_int(KC, K - pc);
      pack_panels(NR, nc, kc, B + jc * brs + pc * bcs, brs, bcs, Bp, (size_t)kc * NR);
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = min_int(MC, M - ic);
        pack_panels(MR, mc, kc, A + ic * ars + pc * acs, ars, acs, Ap, (size_t)kc * MR);
        macro_kernel(mc, nc, kc, Ap, Bp, (size_t)kc * NR, C + (size_t)ic * N + jc, N, pc == 0,
                     beta);
      }
    }
  }
  return 0;
}

/*
 * The recurrent steps' products (gemm_prepacked) have 16 rows (the batch):
 * 6-row panels would compute 18, so they use 4 × 24 tiles (12 accumulators
 * again, three B vectors and four broadcasts per k) on 24-column panels.
 */
#define MR_STEP 4
#define NR_STEP 24

KERNEL static void micro_kernel_step(int kc, const float *a, const float *b, float *C,
                                     size_t ldc, int mr, int nr, int first, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c02 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps(), c12 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c22 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps(), c32 = _mm256_setzero_ps();
  for (int k = 0; k < kc; k++) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8), b2 = _mm256_load_ps(b + 16);
    __m256 ak = _mm256_broadcast_ss(a);
    c00 = _mm256_fmadd_ps(ak, b0, c00);
    c01 = _mm256_fmadd_ps(ak, b1, c01);
    c02 = _mm256_fmadd_ps(ak, b2, c02);
    ak = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(ak, b0, c10);
    c11 = _mm256_fmadd_ps(ak, b1, c11);
    c12 = _mm256_fmadd_ps(ak, b2, c12);
    ak = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(ak, b0, c20);
    c21 = _mm256_fmadd_ps(ak, b1, c21);
    c22 = _mm256_fmadd_ps(ak, b2, c22);
    ak = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(ak, b0, c30);
    c31 = _mm256_fmadd_ps(ak, b1, c31);
    c32 = _mm256_fmadd_ps(ak, b2, c32);
    a += MR_STEP;
    b += NR_STEP;
  }
  const __m256 acc[MR_STEP][3] = {
      {c00, c01, c02}, {c10, c11, c12}, {c20, c21, c22}, {c30, c31, c32}};
  if (mr == MR_STEP && nr == NR_STEP) {
    for (int r = 0; r < MR_STEP; r++)
      for (int q = 0; q < 3; q++) update8(C + (size_t)r * ldc + 8 * q, acc[r][q], first, beta);
    return;
  }
  float tile[MR_STEP * NR_STEP] __attribute__((aligned(32)));
  for (int r = 0; r < MR_STEP; r++)
    for (int q = 0; q < 3; q++) _mm256_store_ps(tile + r * NR_STEP + 8 * q, acc[r][q]);
  update_corner(tile, NR_STEP, mr, nr, C, ldc, first, beta);
}

size_t packed_b_floats(int K, int N) {
  return (size_t)((N + NR_STEP - 1) / NR_STEP) * NR_STEP * K;
}

KERNEL void pack_b_whole(int transB, int K, int N, const float *B, float *dst) {
  pack_panels(NR_STEP, N, K, B, transB ? (size_t)K : 1, transB ? 1 : (size_t)N, dst,
              (size_t)K * NR_STEP);
}

size_t prepacked_scratch_floats(int M) {
  return (size_t)((M + MR_STEP - 1) / MR_STEP) * MR_STEP * KC;
}

KERNEL void gemm_prepacked(int M, int N, int K, const float *A, int lda, const float *Bp,
                           float beta, float *C, int ldc, float *scratch) {
  for (int pc = 0; pc < K; pc += KC) {
    const int kc = min_int(KC, K - pc);
    pack_panels(MR_STEP, M, kc, A + pc, (size_t)lda, 1, scratch, (size_t)kc * MR_STEP);
    for (int j = 0; j < N; j += NR_STEP) {
      const float *bp = Bp + (size_t)(j / NR_STEP) * K * NR_STEP + (size_t)pc * NR_STEP;
      for (int i = 0; i < M; i += MR_STEP) {
        micro_kernel_step(kc, scratch + (size_t)(i / MR_STEP) * kc * MR_STEP, bp,
                          C + (size_t)i * ldc + j, (size_t)ldc, min_int(MR_STEP, M - i),
                          min_int(NR_STEP, N - j), pc == 0, beta);
      }
    }
  }
}
