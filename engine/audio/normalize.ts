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

/**
 * Running mean/variance per dimension (Welford) for streaming, optionally
 * started from prior statistics worth `priorFrames` frames so the first
 * frames of a stream are not normalized by a handful of samples.
 */
export class RunningNormalizer {
  private count: number;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(
    readonly dim: number,
    prior?: { mean: ArrayLike<number>; variance: ArrayLike<number>; frames: number },
  ) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
    this.count = 0;
    if (prior) {
      if (prior.mean.length !== dim || prior.variance.length !== dim) {
        throw new RangeError(`RunningNormalizer: prior statistics must have ${dim} dimensions`);
      }
      this.count = prior.frames;
      for (let j = 0; j < dim; j++) {
        this.mean[j] = prior.mean[j];
        this.m2[j] = prior.variance[j] * prior.frames;
      }
    }
  }

  /** Updates the statistics with one frame, then normalizes it in place. */
  push(frame: Float32Array, offset: number): void {
    this.count++;
    for (let j = 0; j < this.dim; j++) {
      const v = frame[offset + j];
      const delta = v - this.mean[j];
      this.mean[j] += delta / this.count;
      this.m2[j] += delta * (v - this.mean[j]);
    }
    for (let j = 0; j < this.dim; j++) {
      const variance = Math.max(this.m2[j] / this.count, MIN_VARIANCE);
      frame[offset + j] = (frame[offset + j] - this.mean[j]) / Math.sqrt(variance);
    }
  }
}
