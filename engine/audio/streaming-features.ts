import { featureDim, type AudioFeatureConfig } from './feature-config';
import { createDither, frameAnalyzerFor, type AudioFeatures } from './features';
import type { FrameAnalyzer } from './frame-analyzer';
import { RunningNormalizer } from './normalize';

export interface StreamingFeatureOptions {
  /** Prior statistics (e.g. from the model's training set) for the running normalization. */
  prior?: { mean: ArrayLike<number>; variance: ArrayLike<number>; frames: number };
}

/** Rows of one level (static, Δ, ΔΔ) with the stream index of the first kept row. */
interface Level {
  rows: Float32Array[];
  start: number;
}

/**
 * Streaming twin of `computeFeatures` for live audio: push samples as they
 * arrive and receive the frames that became complete. Without normalization
 * the frames equal the batch ones exactly; Δ/ΔΔ hold frames back by
 * deltaOrder × deltaWindow hops until their right context exists (`finish`
 * releases them with the batch edge rule). Normalization uses running
 * statistics (optionally seeded with a prior) instead of the utterance's.
 */
export class StreamingFeatureExtractor {
  readonly dim: number;
  private readonly analyzer: FrameAnalyzer;
  private readonly config: AudioFeatureConfig;
  private readonly normalizer: RunningNormalizer | undefined;
  private buffer = new Float32Array(0);
  private readonly levels: Level[];
  private emitted = 0;
  private finished = false;
  private readonly dither: ((chunk: Float32Array) => Float32Array) | undefined;

  constructor(config: AudioFeatureConfig, options: StreamingFeatureOptions = {}) {
    this.config = { ...config };
    this.analyzer = frameAnalyzerFor(config);
    this.dim = featureDim(config);
    this.dither = config.dither ? createDither(config.dither) : undefined;
    this.levels = Array.from({ length: config.deltaOrder + 1 }, () => ({ rows: [], start: 0 }));
    this.normalizer =
      config.normalize === 'utterance' ? new RunningNormalizer(this.dim, options.prior) : undefined;
  }

  /** Adds samples at `config.sampleRate`; returns the frames completed by them. */
  push(samples: Float32Array): AudioFeatures {
    if (this.finished) throw new Error('StreamingFeatureExtractor: push() after finish()');
    if (this.dither) samples = this.dither(samples);
    const joined = new Float32Array(this.buffer.length + samples.length);
    joined.set(this.buffer);
    joined.set(samples, this.buffer.length);
    const { window, hop } = this.analyzer;
    let at = 0;
    const statics = this.levels[0];
    while (at + window <= joined.length) {
      const row = new Float32Array(this.analyzer.staticDim);
      this.analyzer.analyze(joined, at, row, 0);
      statics.rows.push(row);
      at += hop;
    }
    this.buffer = joined.slice(at);
    return this.advance();
  }

  /** Ends the stream: returns the frames held back for delta context. */
  finish(): AudioFeatures {
    if (this.finished) return { data: new Float32Array(0), frames: 0, dim: this.dim };
    this.finished = true;
    return this.advance();
  }

  private advance(): AudioFeatures {
    const N = this.config.deltaWindow;
    for (let o = 1; o < this.levels.length; o++) {
      const src = this.levels[o - 1];
      const dst = this.levels[o];
      const available = src.start + src.rows.length;
      while (dst.start + dst.rows.length < available) {
        const t = dst.start + dst.rows.length;
        if (t + N >= available && !this.finished) break;
        dst.rows.push(this.delta(src, t, available - 1, N));
      }
    }
    const ready = Math.min(...this.levels.map((l) => l.start + l.rows.length));
    const frames = ready - this.emitted;
    const data = new Float32Array(frames * this.dim);
    const width = this.analyzer.staticDim;
    for (let f = 0; f < frames; f++) {
      const t = this.emitted + f;
      this.levels.forEach((level, o) =>
        data.set(level.rows[t - level.start], f * this.dim + o * width),
      );
      this.normalizer?.push(data, f * this.dim);
    }
    this.emitted = ready;
    // Keep the N rows behind the next frame that later deltas still read.
    for (const level of this.levels) {
      const drop = Math.min(level.rows.length, Math.max(0, this.emitted - N - level.start));
      if (drop > 0) {
        level.rows.splice(0, drop);
        level.start += drop;
      }
    }
    return { data, frames, dim: this.dim };
  }

  /** HTK regression delta of row t of `level`, replicating row 0 and row `last` at the edges. */
  private delta(level: Level, t: number, last: number, N: number): Float32Array {
    const width = this.analyzer.staticDim;
    const out = new Float32Array(width);
    let norm = 0;
    for (let n = 1; n <= N; n++) {
      norm += 2 * n * n;
      const ahead = level.rows[Math.min(last, t + n) - level.start];
      const behind = level.rows[Math.max(0, t - n) - level.start];
      for (let j = 0; j < width; j++) out[j] += n * (ahead[j] - behind[j]);
    }
    for (let j = 0; j < width; j++) out[j] /= norm;
    return out;
  }
}
