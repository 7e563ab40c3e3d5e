// One Adam step over n parameters in place (Kernels.adamUpdate): with
// gi = g + l2·w, m ← β1·m + (1−β1)·gi, v ← β2·v + (1−β2)·gi²,
// w ← shrink·w − lr·c1·m / (√(c2·v) + eps).
#include <math.h>
#include <immintrin.h>
#include "kernels.h"

KERNEL void adam_update(size_t n, float *w, const float *g, float *m, float *v,
                        const AdamStep *s) {
  const float a1 = 1.0f - s->beta1, a2 = 1.0f - s->beta2, lrc1 = s->lr * s->c1;
  const __m256 vl2 = _mm256_set1_ps(s->l2), vb1 = _mm256_set1_ps(s->beta1);
  const __m256 vb2 = _mm256_set1_ps(s->beta2), va1 = _mm256_set1_ps(a1);
  const __m256 va2 = _mm256_set1_ps(a2), vc2 = _mm256_set1_ps(s->c2);
  const __m256 veps = _mm256_set1_ps(s->eps), vlr = _mm256_set1_ps(lrc1);
  const __m256 vshrink = _mm256_set1_ps(s->shrink);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 wi = _mm256_loadu_ps(w + i);
    const __m256 gi = _mm256_fmadd_ps(vl2, wi, _mm256_loadu_ps(g + i));
    const __m256 mi = _mm256_fmadd_ps(vb1, _mm256_loadu_ps(m + i), _mm256_mul_ps(va1, gi));
    const __m256 vi =
        _mm256_fmadd_ps(vb2, _mm256_loadu_ps(v + i), _mm256_mul_ps(_mm256_mul_ps(va2, gi), gi));
    _mm256_storeu_ps(m + i, mi);
    _mm256_storeu_ps(v + i, vi);
    const __m256 step = _mm256_div_ps(_mm256_mul_ps(vlr, mi),
                                      _mm256_add_ps(_mm256_sqrt_ps(_mm256_mul_ps(vi, vc2)), veps));
    _mm256_storeu_ps(w + i, _mm256_fmsub_ps(vshrink, wi, step));
  }
  for (; i < n; i++) {
    const float gi = g[i] + s->l2 * w[i];
    const float mi = s->beta1 * m[i] + a1 * gi;
    const float vi = s->beta2 * v[i] + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] = s->shrink * w[i] - (lrc1 * mi) / (sqrtf(vi * s->c2) + s->eps);
  }
}
