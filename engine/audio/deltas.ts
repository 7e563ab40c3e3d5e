/**
 * Regression deltas (HTK Book §5.9): d_t = Σ_{n=1..N} n·(c_{t+n} − c_{t−n}) / (2·Σ n²),
 * with frames beyond the edges replaced by the first/last frame.
 *
 * Reads columns [srcCol, srcCol+width) of `data` ([frames, dim], row-major) and
 * writes the deltas into columns [dstCol, dstCol+width) of the same rows.
 */
export function regressionDeltas(
  data: Float32Array,
  frames: number,
  dim: number,
  srcCol: number,
  dstCol: number,
  width: number,
  window: number,
): void {
  let norm = 0;
  for (let n = 1; n <= window; n++) norm += n * n;
  norm *= 2;
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < width; j++) {
      let d = 0;
      for (let n = 1; n <= window; n++) {
        const ahead = Math.min(frames - 1, t + n);
        const behind = Math.max(0, t - n);
        d += n * (data[ahead * dim + srcCol + j] - data[behind * dim + srcCol + j]);
      }
      data[t * dim + dstCol + j] = d / norm;
    }
  }
}

/** Fills the Δ (and ΔΔ) blocks after the first `width` static columns. */
export function appendDeltas(
  data: Float32Array,
  frames: number,
  dim: number,
  width: number,
  order: number,
  window: number,
): void {
  for (let o = 1; o <= order; o++) {
    regressionDeltas(data, frames, dim, (o - 1) * width, o * width, width, window);
  }
}
