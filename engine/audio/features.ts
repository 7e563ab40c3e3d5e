import { appendDeltas } from './deltas';
import {
  defaultAudioFeatureConfig,
  featureDim,
  frameCount,
  type AudioFeatureConfig,
} from './feature-config';
import { FrameAnalyzer } from './frame-analyzer';
import { normalizeUtterance } from './normalize';
import { seededRandom } from '../util/rng';

/** Features of one utterance: `data` is [frames, dim], row-major. */
export interface AudioFeatures {
  data: Float32Array;
  frames: number;
  dim: number;
}

const MAX_CACHED = 8;
const analyzers = new Map<string, FrameAnalyzer>();

/** The cached analyzer (window, FFT tables, filterbank, DCT) for a config. */
export function frameAnalyzerFor(config: AudioFeatureConfig): FrameAnalyzer {
  const key = JSON.stringify(config);
  let analyzer = analyzers.get(key);
  if (!analyzer) {
    analyzer = new FrameAnalyzer(config);
    if (analyzers.size >= MAX_CACHED) analyzers.delete(analyzers.keys().next().value as string);
    analyzers.set(key, analyzer);
  }
  return analyzer;
}

const DITHER_SEED = 0x5eed;

/**
 * Dither for one stream of samples (AudioFeatureConfig.dither): each call
 * returns a copy of the next chunk with triangular white noise of `steps`
 * 16-bit steps added. Every stream starts from the same seed, so features stay
 * reproducible and a stream dithered chunk by chunk equals the whole dithered at once.
 */
export function createDither(steps: number): (chunk: Float32Array) => Float32Array {
  const rng = seededRandom(DITHER_SEED);
  const scale = steps / 32768;
  return (chunk) => {
    // A plain loop: Float32Array.from with a map function is several times slower here.
    const out = new Float32Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) out[i] = chunk[i] + (rng() - rng()) * scale;
    return out;
  };
}

/**
 * Features of a whole utterance of mono samples at `config.sampleRate` (16 kHz
 * by default): static log-mel or MFCC per 10 ms frame, then Δ/ΔΔ, then
 * per-utterance mean/variance normalisation. Audio shorter than one window
 * gives zero frames.
 */
export function computeFeatures(
  samples16k: Float32Array,
  config: AudioFeatureConfig = defaultAudioFeatureConfig,
): AudioFeatures {
  const analyzer = frameAnalyzerFor(config);
  if (config.dither) samples16k = createDither(config.dither)(samples16k);
  const frames = frameCount(samples16k.length, config);
  const dim = featureDim(config);
  const data = new Float32Array(frames * dim);
  for (let t = 0; t < frames; t++) analyzer.analyze(samples16k, t * analyzer.hop, data, t * dim);
  if (config.deltaOrder > 0) {
    // analyze() filled the first staticDim columns of each row; the Δ blocks follow them.
    appendDeltas(data, frames, dim, analyzer.staticDim, config.deltaOrder, config.deltaWindow);
  }
  if (config.normalize === 'utterance') normalizeUtterance(data, frames, dim);
  return { data, frames, dim };
}
