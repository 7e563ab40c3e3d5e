import {
  computeFeatures,
  featureDim,
  validateFeatureConfig,
  defaultAudioFeatureConfig,
  type AudioFeatureConfig,
} from '../audio/index';

/**
 * What a speech model takes as input: audio features, then `stack` consecutive
 * frames concatenated into one (a 10 ms hop stacked ×3 gives 30 ms frames,
 * a third of the recurrent steps for little loss of accuracy). Stored in the
 * model header as its featureConfig.
 */
export interface SpeechFrontEndConfig {
  audio: AudioFeatureConfig;
  stack: number;
}

export const defaultSpeechFrontEnd: Readonly<SpeechFrontEndConfig> = Object.freeze({
  // Dither: audio upsampled from 8 kHz reads like 16-bit audio (AudioFeatureConfig.dither).
  audio: { ...defaultAudioFeatureConfig, dither: 1 },
  stack: 3,
});

/** Input size of the network for this front end. */
export function speechInputSize(config: SpeechFrontEndConfig): number {
  return featureDim(config.audio) * config.stack;
}

/** Checks a front-end config read from a model file. */
export function validateSpeechFrontEnd(value: unknown): SpeechFrontEndConfig {
  const v = value as Partial<SpeechFrontEndConfig> | null;
  if (!v || typeof v !== 'object' || !v.audio || !Number.isInteger(v.stack) || (v.stack ?? 0) < 1)
    throw new TypeError(
      'speech model feature config must be { audio: AudioFeatureConfig, stack: positive integer }',
    );
  validateFeatureConfig(v.audio);
  return v as SpeechFrontEndConfig;
}

/**
 * Concatenates `k` consecutive frames of x [T, F] into frames of [ceil(T/k), k·F];
 * the last group is padded by repeating its final frame.
 */
export function stackFrames(
  x: Float32Array,
  T: number,
  F: number,
  k: number,
): { x: Float32Array; T: number } {
  if (k === 1) return { x, T };
  const outT = Math.ceil(T / k);
  const out = new Float32Array(outT * k * F);
  for (let t = 0; t < outT; t++) {
    for (let j = 0; j < k; j++) {
      const src = Math.min(t * k + j, T - 1);
      out.set(x.subarray(src * F, src * F + F), (t * k + j) * F);
    }
  }
  return { x: out, T: outT };
}

/** Network input for 16 kHz mono samples: x [T, speechInputSize(config)]. */
export function speechFeatures(
  samples16k: Float32Array,
  config: SpeechFrontEndConfig,
): { x: Float32Array; T: number } {
  const f = computeFeatures(samples16k, config.audio);
  return stackFrames(f.data, f.frames, f.dim, config.stack);
}
