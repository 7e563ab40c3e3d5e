import { lowPass } from './kaiser-sinc';
import { resample } from './resample';
import type { AudioFeatures } from './features';
import { gaussian, type RandomSource } from '../util/rng';

const uniform = (rng: RandomSource, lo: number, hi: number) => lo + (hi - lo) * rng();

/**
 * Speed perturbation (Ko et al., "Audio augmentation for speech recognition",
 * 2015): play the audio `factor` times faster, changing tempo and pitch
 * together, by resampling from rate·factor to rate. 1.1 → 10% shorter.
 */
export function speedPerturb(
  samples: Float32Array,
  factor: number,
  sampleRate = 16000,
): Float32Array {
  if (!(factor >= 0.5 && factor <= 2))
    throw new RangeError(`speedPerturb: factor ${factor} must be in [0.5, 2]`);
  const from = Math.round(sampleRate * factor);
  return from === sampleRate ? samples.slice() : resample(samples, from, sampleRate);
}

/** Multiplies by 10^(dB/20). */
export function applyGain(samples: Float32Array, db: number): Float32Array {
  const g = 10 ** (db / 20);
  return samples.map((v) => v * g);
}

const power = (x: Float32Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return x.length ? s / x.length : 0;
};

/**
 * Mixes noise in at a signal-to-noise ratio of `snrDb` (by mean power). `noise`
 * (e.g. a background recording) is read from a random offset and looped; without
 * it, white Gaussian noise is used.
 */
export function addNoise(
  samples: Float32Array,
  snrDb: number,
  rng: RandomSource,
  noise?: Float32Array,
): Float32Array {
  const n = samples.length;
  const mix = new Float32Array(n);
  if (noise && noise.length > 0) {
    const offset = Math.floor(rng() * noise.length);
    for (let i = 0; i < n; i++) mix[i] = noise[(offset + i) % noise.length];
  } else {
    for (let i = 0; i < n; i++) mix[i] = gaussian(rng);
  }
  const signalPower = power(samples);
  const noisePower = power(mix);
  if (signalPower === 0 || noisePower === 0) return samples.slice();
  const scale = Math.sqrt(signalPower / (noisePower * 10 ** (snrDb / 10)));
  for (let i = 0; i < n; i++) mix[i] = samples[i] + scale * mix[i];
  return mix;
}

/**
 * Where the speech of a clip starts and ends, in samples: the first and last
 * 10 ms frame within `thresholdDb` of the loudest frame.
 */
export function speechExtent(
  samples: Float32Array,
  sampleRate = 16000,
  thresholdDb = -35,
): { start: number; end: number } {
  const frame = Math.max(1, Math.round(sampleRate / 100));
  const energies: number[] = [];
  let loudest = 0;
  for (let i = 0; i + frame <= samples.length; i += frame) {
    energies.push(power(samples.subarray(i, i + frame)));
    loudest = Math.max(loudest, energies[energies.length - 1]);
  }
  if (loudest === 0) return { start: 0, end: samples.length };
  const floor = loudest * 10 ** (thresholdDb / 10);
  let first = 0;
  while (energies[first] < floor) first++;
  let last = energies.length - 1;
  while (energies[last] < floor) last--;
  return { start: first * frame, end: Math.min(samples.length, (last + 1) * frame) };
}

/**
 * Cuts the clip `startMs` into its speech and `endMs` before the speech ends
 * (silence around the speech goes too), never leaving less than half of the
 * speech. Clips cut tightly by their recorder (FSDD) often lose a word's onset
 * (the burst of "two"); training on such cuts teaches the model not to rely on it.
 */
export function cropSpeech(
  samples: Float32Array,
  startMs: number,
  endMs: number,
  sampleRate = 16000,
): Float32Array {
  const { start, end } = speechExtent(samples, sampleRate);
  const budget = Math.floor((end - start) / 2);
  const cutStart = Math.min(Math.round((startMs * sampleRate) / 1000), budget);
  const cutEnd = Math.min(Math.round((endMs * sampleRate) / 1000), budget - cutStart);
  return samples.slice(start + cutStart, end - cutEnd);
}

/**
 * The clip with `beforeMs` and `afterMs` of silence (zeros) around it. Real
 * recordings and the microphone leave pauses around a word where corpora such
 * as FSDD cut their clips tight; a model that never heard a pause reads one as
 * speech. Augmentation pads before mixing noise, so the pause takes the noise floor.
 */
export function padSilence(
  samples: Float32Array,
  beforeMs: number,
  afterMs: number,
  sampleRate = 16000,
): Float32Array {
  const before = Math.round((beforeMs * sampleRate) / 1000);
  const out = new Float32Array(before + samples.length + Math.round((afterMs * sampleRate) / 1000));
  out.set(samples, before);
  return out;
}

export interface WaveAugmentOptions {
  /**
   * Probability of cropping into the speech (cropSpeech) by up to `cropMs`
   * [at the start, at the end] (default 0: never; [100, 60] ms when used).
   */
  cropProbability?: number;
  cropMs?: [number, number];
  /**
   * Probability of padding the clip with silence (padSilence, after cropping) of
   * up to `padMs` [before, after] (default 0: never; [500, 500] ms when used).
   */
  padProbability?: number;
  padMs?: [number, number];
  /** Speed factor range (default 0.9–1.1); null disables. */
  speed?: [number, number] | null;
  /** Gain range in dB (default −12..+6). */
  gainDb?: [number, number] | null;
  /** Probability of adding noise and its SNR range in dB (default 0.5, 10..30). */
  noiseProbability?: number;
  snrDb?: [number, number];
  /** Background recordings to draw noise from (white noise when empty). */
  noises?: Float32Array[];
  /**
   * Probability of band-limiting to `bandLimitHz` (default 0.3 at 4 kHz): makes
   * 8 kHz telephone-band input (FSDD) in-distribution (DESIGN.md, bandwidth lesson).
   */
  bandLimitProbability?: number;
  bandLimitHz?: number;
  sampleRate?: number;
}

/** One random draw of the waveform augmentations, in the order crop → pad → speed → band limit → noise → gain. */
export function augmentWaveform(
  samples: Float32Array,
  rng: RandomSource,
  options: WaveAugmentOptions = {},
): Float32Array {
  const rate = options.sampleRate ?? 16000;
  let x = samples;
  // Drawn only when cropping is on, so the draws of earlier recipes stay the same.
  if (options.cropProbability && rng() < options.cropProbability) {
    const [start, end] = options.cropMs ?? [100, 60];
    x = cropSpeech(x, uniform(rng, 0, start), uniform(rng, 0, end), rate);
  }
  if (options.padProbability && rng() < options.padProbability) {
    const [before, after] = options.padMs ?? [500, 500];
    x = padSilence(x, uniform(rng, 0, before), uniform(rng, 0, after), rate);
  }
  const speed = options.speed === undefined ? [0.9, 1.1] : options.speed;
  if (speed) x = speedPerturb(x, Math.round(uniform(rng, speed[0], speed[1]) * 100) / 100, rate);
  if (rng() < (options.bandLimitProbability ?? 0.3))
    x = lowPass(x, options.bandLimitHz ?? 4000, rate);
  if (rng() < (options.noiseProbability ?? 0.5)) {
    const [lo, hi] = options.snrDb ?? [10, 30];
    const noises = options.noises ?? [];
    const noise = noises.length ? noises[Math.floor(rng() * noises.length)] : undefined;
    x = addNoise(x, uniform(rng, lo, hi), rng, noise);
  }
  const gain = options.gainDb === undefined ? [-12, 6] : options.gainDb;
  if (gain) x = applyGain(x, uniform(rng, gain[0], gain[1]));
  return x === samples ? samples.slice() : x;
}

export interface SpecAugmentOptions {
  freqMasks?: number;
  /** Widest frequency mask, in feature dimensions (default 8 of 40). */
  maxFreqWidth?: number;
  timeMasks?: number;
  /** Widest time mask in frames (default 20), and at most this fraction of the utterance (default 0.2). */
  maxTimeWidth?: number;
  maxTimeFraction?: number;
  /** Value written into masked cells (default 0: the mean after normalisation). */
  value?: number;
}

/**
 * SpecAugment frequency and time masking (Park et al., 2019), in place on
 * normalised features. Frequency masks cover whole static blocks (for Δ
 * features the same bands are masked in every block).
 */
export function specAugment(
  features: AudioFeatures,
  rng: RandomSource,
  options: SpecAugmentOptions = {},
  staticDim = features.dim,
): void {
  const { data, frames, dim } = features;
  const value = options.value ?? 0;
  for (let m = 0; m < (options.freqMasks ?? 2); m++) {
    const width = Math.floor(rng() * ((options.maxFreqWidth ?? 8) + 1));
    const start = Math.floor(rng() * Math.max(1, staticDim - width + 1));
    for (let t = 0; t < frames; t++) {
      for (let block = 0; block < dim; block += staticDim) {
        for (let j = start; j < Math.min(staticDim, start + width); j++)
          data[t * dim + block + j] = value;
      }
    }
  }
  const maxTime = Math.min(
    options.maxTimeWidth ?? 20,
    Math.floor(frames * (options.maxTimeFraction ?? 0.2)),
  );
  for (let m = 0; m < (options.timeMasks ?? 2); m++) {
    const width = Math.floor(rng() * (maxTime + 1));
    const start = Math.floor(rng() * Math.max(1, frames - width + 1));
    data.fill(value, start * dim, Math.min(frames, start + width) * dim);
  }
}
