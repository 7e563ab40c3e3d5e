import { RealPowerSpectrum } from './fft';
import { frameGeometry, validateFeatureConfig, type AudioFeatureConfig } from './feature-config';
import { melFilterbank, type MelFilter } from './mel';

/**
 * Static features of one frame (log mel or MFCC, before deltas and
 * normalisation). Built once per config: the Hann window, FFT tables, mel
 * filterbank and DCT matrix are cached, and analysing a frame allocates nothing.
 *
 * Why not meyda's `extract('mfcc')` directly: measured in the same run
 * (engine/node/bench/mfcc.bench.ts) it does ~70× real time against ~570× here, and
 * it cannot express this front end — its window spans the whole FFT buffer
 * (no 25 ms window in a 512-point FFT), its filterbank always spans 0–Nyquist
 * (no 4 kHz band limit) and it takes log(E + 1), which is not level-invariant
 * for samples in [-1, 1]. meyda remains the cross-check of the spectrum in
 * features.test.ts.
 */
export class FrameAnalyzer {
  readonly config: AudioFeatureConfig;
  readonly window: number;
  readonly hop: number;
  /** Values written per frame by `analyze`. */
  readonly staticDim: number;
  private readonly hann: Float64Array;
  private readonly spectrum: RealPowerSpectrum;
  private readonly filters: MelFilter[];
  private readonly dct: Float64Array | undefined; // [mfccCoefficients, melBands]
  private readonly frame: Float64Array;
  private readonly power: Float64Array;
  private readonly logMel: Float64Array;

  constructor(config: AudioFeatureConfig) {
    validateFeatureConfig(config);
    this.config = { ...config };
    ({ window: this.window, hop: this.hop } = frameGeometry(config));
    const n = this.window;
    // Symmetric Hann window, as meyda's `hanning`.
    this.hann = Float64Array.from(
      { length: n },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)),
    );
    this.spectrum = new RealPowerSpectrum(config.fftSize);
    this.filters = melFilterbank(
      config.melBands,
      config.fftSize,
      config.sampleRate,
      config.minFrequency,
      config.maxFrequency,
    );
    const bands = config.melBands;
    if (config.kind === 'mfcc') {
      // Orthonormal DCT-II: c_k = s_k Σ_m L_m cos(πk(m + ½)/M), s_0 = √(1/M), s_k = √(2/M).
      const K = config.mfccCoefficients;
      this.dct = new Float64Array(K * bands);
      for (let k = 0; k < K; k++) {
        const s = Math.sqrt((k === 0 ? 1 : 2) / bands);
        for (let m = 0; m < bands; m++)
          this.dct[k * bands + m] = s * Math.cos((Math.PI * k * (m + 0.5)) / bands);
      }
      this.staticDim = K;
    } else {
      this.staticDim = bands;
    }
    this.frame = new Float64Array(config.fftSize);
    this.power = new Float64Array(config.fftSize / 2 + 1);
    this.logMel = new Float64Array(bands);
  }

  /** Power spectrum |X[k]|², k = 0..fftSize/2, of the frame starting at `start` (for VAD and tests). */
  powerSpectrum(samples: Float32Array, start: number): Float64Array {
    const { frame, hann } = this;
    const n = this.window;
    let mean = 0;
    if (this.config.removeDc) {
      for (let i = 0; i < n; i++) mean += samples[start + i];
      mean /= n;
    }
    // Pre-emphasis within the frame; the first sample uses itself as its predecessor (as Kaldi).
    const a = this.config.preEmphasis;
    let prev = samples[start] - mean;
    for (let i = 0; i < n; i++) {
      const x = samples[start + i] - mean;
      frame[i] = (x - a * prev) * hann[i];
      prev = x;
    }
    frame.fill(0, n);
    this.spectrum.compute(frame, this.power);
    return this.power;
  }

  /** Writes the static features of the frame starting at `samples[start]` into `out[offset…]`. */
  analyze(samples: Float32Array, start: number, out: Float32Array, offset: number): void {
    const power = this.powerSpectrum(samples, start);
    const floor = this.config.logFloor;
    const logMel = this.logMel;
    for (let b = 0; b < this.filters.length; b++) {
      const { first, weights } = this.filters[b];
      let e = 0;
      for (let j = 0; j < weights.length; j++) e += weights[j] * power[first + j];
      logMel[b] = Math.log(Math.max(e, floor));
    }
    const dct = this.dct;
    if (!dct) {
      for (let b = 0; b < logMel.length; b++) out[offset + b] = logMel[b];
      return;
    }
    const bands = logMel.length;
    for (let k = 0; k < this.staticDim; k++) {
      let c = 0;
      for (let m = 0; m < bands; m++) c += dct[k * bands + m] * logMel[m];
      out[offset + k] = c;
    }
  }
}
