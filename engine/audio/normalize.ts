/** Variance floor so constant dimensions (e.g. digital silence) do not blow up. */
const MIN_VARIANCE = 1e-8;

/** In place: each column of `data` ([frames, dim]) to zero mean and unit variance. */
export function normalizeUtterance(data: Float32Array, frames: number, dim: number): void {
  if (frames === 0) return;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < dim; j++) {
      const v = data[t * dim + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  }
  for (let j = 0; j < dim; j++) {
    mean[j] /= frames;
    const variance = Math.max(sq[j] / frames - mean[j] * mean[j], MIN_VARIANCE);
    sq[j] = 1 / Math.sqrt(variance);
  }
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < dim; j++) data[t * dim + j] = (data[t * dim + j] - mean[j]) * sq[j];
  }
}
