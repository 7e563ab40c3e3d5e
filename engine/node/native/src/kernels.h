// The native kernels: the Kernels interface of engine/kernels/kernels.ts in C
// with 256-bit AVX2 + FMA. Every function compiled for AVX2 carries KERNEL, so
// the addon itself loads on any x86-64 and the binding calls these only after
// checking the CPU (cpu_has_avx2_fma). Row-major, contiguous float arrays.
#ifndef VERBATIM_KERNELS_H
#define VERBATIM_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define KERNEL __attribute__((target("avx2,fma")))

/** A block of scratch memory reused across calls, 64-byte aligned, grown on demand. */
typedef struct {
  void *data;
  size_t bytes;
} Scratch;

/** The scratch blocks of one thread (one Node environment). */
typedef struct {
  Scratch gemm_a;  /* gemm: the packed block of A */
  Scratch gemm_b;  /* gemm: the packed block of B */
  Scratch weights; /* sequence kernels: the recurrent weights packed once per call */
  Scratch step;    /* sequence kernels: a step's packed left operand, dh, dc, gates */
} Workspace;

/** At least `bytes` bytes of s (contents unspecified), or NULL when out of memory. */
void *scratch_at_least(Scratch *s, size_t bytes);
void scratch_free(Scratch *s);

/** Whether this CPU runs the kernels (AVX2 and FMA). */
int cpu_has_avx2_fma(void);

/* All return 0, or -1 when scratch memory could not be allocated. */

int gemm(Workspace *ws, int transA, int transB, int M, int N, int K, const float *A,
         const float *B, float beta, float *C);

void lstm_cell_forward(int rows, int H, float *gates, const float *cPrev, float *c, float *h);
void lstm_cell_backward(int rows, int H, const float *gates, const float *cPrev, const float *c,
                        const float *dh, float *dc, float *dGates);

int lstm_sequence_forward(Workspace *ws, int T, int H, const float *pre, const float *bias,
                          const float *wh, int reverse, float *h, float *c, float *out,
                          int outStride);

int lstm_sequence_train_forward(Workspace *ws, int T, int B, int H, float *gates,
                                const float *bias, const float *wh, int reverse,
                                const int32_t *lengths, float *h, float *c);
int lstm_sequence_train_backward(Workspace *ws, int T, int B, int H, const float *gates,
                                 const float *c, const float *dY, int dyStride, const float *wh,
                                 int reverse, const int32_t *lengths, float *dGates, float *dBias);

/** Whether this CPU has AVX512-VL + VNNI (vpdpbusd on ymm) for the int8 kernels. */
int cpu_has_vnni(void);

/**
 * out [M, N] ≈ x [M, K]·W with W packed by quantizeWeights (engine/kernels/int8.ts)
 * in `block`; vnni picks vpdpbusd over pmaddubsw + pmaddwd.
 */
int int8_gemm(Workspace *ws, int vnni, int M, int K, int N, const float *x, const float *block,
              float *out);
/** lstm_sequence_forward with the recurrent product in int8 (wh packed [H, 4H] in `block`). */
int lstm_sequence_forward_int8(Workspace *ws, int vnni, int T, int H, const float *pre,
                               const float *bias, const float *block, int reverse, float *h,
                               float *c, float *out, int outStride);

typedef struct {
  float lr, beta1, beta2, eps, c1, c2, l2, shrink;
} AdamStep;

void adam_update(size_t n, float *w, const float *g, float *m, float *v, const AdamStep *s);

/* gemm internals the sequence kernels share (gemm.c). */

/** Floats of a packed right operand op(B) [K, N]: 24-column panels of K rows. */
size_t packed_b_floats(int K, int N);
/** Packs op(B) [K, N] whole (all K) into 24-column panels, zero-padded. */
void pack_b_whole(int transB, int K, int N, const float *B, float *dst);
/** Floats of the scratch gemm_prepacked needs for M rows. */
size_t prepacked_scratch_floats(int M);
/**
 * C[M, N] (row stride ldc) = beta·C + A·op(B) with A [M, K] (row stride lda) and
 * op(B) packed whole by pack_b_whole; `scratch` holds prepacked_scratch_floats(M).
 */
void gemm_prepacked(int M, int N, int K, const float *A, int lda, const float *Bp, float beta,
                    float *C, int ldc, float *scratch);

#endif
