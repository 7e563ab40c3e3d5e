/**
 * What the acoustic front end computes. Serialisable (plain JSON) so a model
 * file's header stores exactly the features the model was trained on.
 */
export interface AudioFeatureConfig {
  /** `logmel`: log mel energies; `mfcc`: their DCT-II (orthonormal), first `mfccCoefficients`. */
  kind: 'logmel' | 'mfcc';
  /** Input rate; audio is resampled to it before feature extraction. */
  sampleRate: number;
  windowMs: number;
  hopMs: number;
  /** Frames are zero-padded to this power of two for the FFT. */
  fftSize: number;
  melBands: number;
  mfccCoefficients: number;
  /** 0: static only, 1: + Δ, 2: + Δ + ΔΔ (regression over ±deltaWindow frames). */
  deltaOrder: 0 | 1 | 2;
  deltaWindow: number;
  /** y[n] = x[n] − a·x[n−1] inside each frame; 0 disables. */
  preEmphasis: number;
  /** Subtract each frame's mean before windowing (removes DC offsets). */
  removeDc: boolean;
  /** Lowest and highest filterbank frequency; maxFrequency 4000 gives a telephone-band model. */
  minFrequency: number;
  maxFrequency: number;
  /** Energies are floored here before the log (input samples are in [-1, 1]). */
  logFloor: number;
  /** `utterance`: zero mean, unit variance per dimension over each utterance. */
  normalize: 'utterance' | 'none';
  /**
   * Dither: white noise of this many 16-bit steps added to the samples first
   * (absent or 0: none). Audio upsampled from 8 kHz holds exact zeros above
   * 4 kHz where 16-bit recordings hold their rounding noise; without dither
   * those bands sit on the log floor, a pattern a model trained mostly on
   * 16-bit audio has rarely seen (as Kaldi's `--dither`).
   */
  dither?: number;
}

/** 40 log-mel bands, 25 ms Hann / 10 ms hop, 20–8000 Hz, per-utterance normalisation. */
export const logMelFeatureConfig: Readonly<AudioFeatureConfig> = Object.freeze({
  kind: 'logmel',
  sampleRate: 16000,
  windowMs: 25,
  hopMs: 10,
  fftSize: 512,
  melBands: 40,
  mfccCoefficients: 13,
  deltaOrder: 0,
  deltaWindow: 2,
  preEmphasis: 0.97,
  removeDc: true,
  minFrequency: 20,
  maxFrequency: 8000,
  logFloor: 1e-10,
  normalize: 'utterance',
});

/** 13 MFCC + Δ + ΔΔ (39 dims) over the same 40-band filterbank. */
export const mfccFeatureConfig: Readonly<AudioFeatureConfig> = Object.freeze({
  ...logMelFeatureConfig,
  kind: 'mfcc',
  deltaOrder: 2,
});

/** The default follows the baseline in DESIGN.md (40 log-mel measured well on AN4). */
export const defaultAudioFeatureConfig: Readonly<AudioFeatureConfig> = logMelFeatureConfig;

/** Samples per analysis window and per hop. */
export function frameGeometry(config: AudioFeatureConfig): { window: number; hop: number } {
  return {
    window: Math.round((config.windowMs * config.sampleRate) / 1000),
    hop: Math.round((config.hopMs * config.sampleRate) / 1000),
  };
}

/** Dimension of one output frame. */
export function featureDim(config: AudioFeatureConfig): number {
  const base = config.kind === 'mfcc' ? config.mfccCoefficients : config.melBands;
  return base * (1 + config.deltaOrder);
}

/** Frames produced from `samples` samples: one per full window, hop apart (no edge padding). */
export function frameCount(samples: number, config: AudioFeatureConfig): number {
  const { window, hop } = frameGeometry(config);
  return samples < window ? 0 : 1 + Math.floor((samples - window) / hop);
}

/** Throws a RangeError naming the bad field when a (possibly deserialised) config is unusable. */
export function validateFeatureConfig(config: AudioFeatureConfig): void {
  const bad = (why: string) => {
    throw new RangeError(`audio feature config: ${why}`);
  };
  if (config.kind !== 'logmel' && config.kind !== 'mfcc')
    bad(`kind must be 'logmel' or 'mfcc', got ${String(config.kind)}`);
  if (!Number.isInteger(config.sampleRate) || config.sampleRate < 1000)
    bad(`sampleRate ${config.sampleRate} is not valid`);
  const { window, hop } = frameGeometry(config);
  if (!(window >= 16 && hop >= 1)) bad(`windowMs/hopMs give ${window}/${hop} samples`);
  if ((config.fftSize & (config.fftSize - 1)) !== 0 || config.fftSize < window) {
    bad(`fftSize ${config.fftSize} must be a power of two ≥ the window (${window} samples)`);
  }
  if (!(Number.isInteger(config.melBands) && config.melBands >= 1))
    bad(`melBands ${config.melBands} must be ≥ 1`);
  if (
    config.kind === 'mfcc' &&
    !(config.mfccCoefficients >= 1 && config.mfccCoefficients <= config.melBands)
  ) {
    bad(`mfccCoefficients ${config.mfccCoefficients} must be 1..melBands (${config.melBands})`);
  }
  if (![0, 1, 2].includes(config.deltaOrder)) bad(`deltaOrder must be 0, 1 or 2`);
  if (!(Number.isInteger(config.deltaWindow) && config.deltaWindow >= 1))
    bad(`deltaWindow must be ≥ 1`);
  if (!(config.preEmphasis >= 0 && config.preEmphasis < 1)) bad(`preEmphasis must be in [0, 1)`);
  if (!(
    config.minFrequency >= 0 &&
    config.maxFrequency > config.minFrequency &&
    config.maxFrequency <= config.sampleRate / 2
  )) {
    bad(`need 0 ≤ minFrequency < maxFrequency ≤ ${config.sampleRate / 2}`);
  }
  if (!(config.logFloor > 0)) bad(`logFloor must be > 0`);
  if (config.dither !== undefined && !(config.dither >= 0 && config.dither <= 100))
    bad(`dither must be 0..100 (16-bit steps), got ${config.dither}`);
  if (config.normalize !== 'utterance' && config.normalize !== 'none')
    bad(`normalize must be 'utterance' or 'none'`);
}
