import { describe, expect, it } from 'vitest';
import Meyda from 'meyda';
import {
  featureDim,
  frameCount,
  logMelFeatureConfig,
  mfccFeatureConfig,
  type AudioFeatureConfig,
} from './feature-config';
import { computeFeatures, frameAnalyzerFor } from './features';

/** A deterministic "speech-like" test signal: two chirped harmonics, noise, a DC offset. */
function testSignal(seconds: number, seed = 1): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Float32Array.from({ length: Math.round(16000 * seconds) }, (_, i) => {
    const t = i / 16000;
    return (
      0.3 * Math.sin(2 * Math.PI * (200 + 300 * t) * t) +
      0.1 * Math.sin(2 * Math.PI * 2500 * t) +
      0.01 * rand() +
      0.05
    );
  });
}

/**
 * Independent reference in float64: plain O(N²) DFT of the pre-emphasised,
 * DC-removed, Hann-windowed frame, a dense mel matrix built here from the
 * textbook definition, natural log, and a direct orthonormal DCT-II.
 */
function referenceStatic(x: Float32Array, start: number, c: AudioFeatureConfig): number[] {
  const n = 400;
  const N = c.fftSize;
  const frame = Array.from({ length: n }, (_, i) => x[start + i]);
  const mean = frame.reduce((a, b) => a + b, 0) / n;
  const centred = frame.map((v) => v - mean);
  const emphasised = centred.map((v, i) => v - c.preEmphasis * centred[Math.max(0, i - 1)]);
  const windowed = emphasised.map(
    (v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1))),
  );
  const power: number[] = [];
  for (let k = 0; k <= N / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += windowed[i] * Math.cos((2 * Math.PI * k * i) / N);
      im -= windowed[i] * Math.sin((2 * Math.PI * k * i) / N);
    }
    power.push(re * re + im * im);
  }
  const mel = (f: number) => 1127 * Math.log(1 + f / 700); // = 2595·log10(1 + f/700)
  const lo = mel(c.minFrequency);
  const hi = mel(c.maxFrequency);
  const logMel: number[] = [];
  for (let b = 0; b < c.melBands; b++) {
    const l = lo + ((hi - lo) * b) / (c.melBands + 1);
    const m = lo + ((hi - lo) * (b + 1)) / (c.melBands + 1);
    const r = lo + ((hi - lo) * (b + 2)) / (c.melBands + 1);
    let e = 0;
    for (let k = 0; k <= N / 2; k++) {
      const f = mel((k * 16000) / N);
      const w = f > l && f <= m ? (f - l) / (m - l) : f > m && f < r ? (r - f) / (r - m) : 0;
      e += w * power[k];
    }
    logMel.push(Math.log(Math.max(e, c.logFloor)));
  }
  if (c.kind === 'logmel') return logMel;
  const M = c.melBands;
  return Array.from({ length: c.mfccCoefficients }, (_, k) =>
    logMel.reduce(
      (acc, v, m) =>
        acc + v * Math.sqrt((k === 0 ? 1 : 2) / M) * Math.cos((Math.PI * k * (m + 0.5)) / M),
      0,
    ),
  );
}

const raw = (c: AudioFeatureConfig): AudioFeatureConfig => ({
  ...c,
  deltaOrder: 0,
  normalize: 'none',
});

describe('computeFeatures', () => {
  const x = testSignal(0.3);

  it('has 10 ms frames of the configured dimension', () => {
    expect(frameCount(16000, logMelFeatureConfig)).toBe(98);
    expect(featureDim(mfccFeatureConfig)).toBe(39);
    const f = computeFeatures(x, mfccFeatureConfig);
    expect(f.frames).toBe(frameCount(x.length, mfccFeatureConfig));
    expect(f.dim).toBe(39);
    expect(f.data.length).toBe(f.frames * 39);
    expect(computeFeatures(new Float32Array(399)).frames).toBe(0);
  });

  for (const config of [
    mfccFeatureConfig,
    logMelFeatureConfig,
    { ...mfccFeatureConfig, maxFrequency: 4000 },
  ]) {
    it(`matches an independent float64 DFT reference (${config.kind}, ≤ ${config.maxFrequency} Hz)`, () => {
      const c = raw(config);
      const f = computeFeatures(x, c);
      for (const t of [0, 7, f.frames - 1]) {
        const ref = referenceStatic(x, t * 160, c);
        for (let j = 0; j < f.dim; j++) {
          expect(Math.abs(f.data[t * f.dim + j] - ref[j])).toBeLessThan(
            1e-3 * Math.max(1, Math.abs(ref[j])),
          );
        }
      }
    });
  }

  it("agrees with meyda's amplitude spectrum of the same windowed frame", () => {
    const analyzer = frameAnalyzerFor(raw(logMelFeatureConfig));
    const power = analyzer.powerSpectrum(x, 800);
    // rebuild the same pre-processed frame and let meyda transform it with a rectangular window
    const frame = new Float32Array(512);
    let mean = 0;
    for (let i = 0; i < 400; i++) mean += x[800 + i] / 400;
    for (let i = 0; i < 400; i++) {
      const prev = x[800 + Math.max(0, i - 1)] - mean;
      frame[i] =
        (x[800 + i] - mean - 0.97 * prev) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / 399));
    }
    Meyda.bufferSize = 512;
    Meyda.windowingFunction = 'rect';
    const amp = Meyda.extract('amplitudeSpectrum', frame) as unknown as Float32Array;
    for (let k = 1; k < 256; k++) {
      expect(Math.abs(Math.sqrt(power[k]) - amp[k])).toBeLessThan(1e-4 * Math.max(1, amp[k]));
    }
  });

  it('adds regression deltas and normalizes each dimension per utterance', () => {
    const f = computeFeatures(x, mfccFeatureConfig);
    const s = computeFeatures(x, raw(mfccFeatureConfig));
    for (let j = 0; j < f.dim; j++) {
      let mean = 0;
      let sq = 0;
      for (let t = 0; t < f.frames; t++) {
        mean += f.data[t * f.dim + j] / f.frames;
        sq += f.data[t * f.dim + j] ** 2 / f.frames;
      }
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(Math.abs(sq - mean * mean - 1)).toBeLessThan(1e-3);
    }
    // Δ of c1 at t = 10 before normalization: Σ n (c[t+n] − c[t−n]) / 10
    const u = computeFeatures(x, { ...mfccFeatureConfig, normalize: 'none' });
    const c1 = (t: number) => s.data[t * 13 + 1];
    const expected = (1 * (c1(11) - c1(9)) + 2 * (c1(12) - c1(8))) / 10;
    expect(u.data[10 * 39 + 13 + 1]).toBeCloseTo(expected, 4);
  });

  it('is level-invariant after normalization (FSDD speakers differ 10× in level)', () => {
    const loud = computeFeatures(x, logMelFeatureConfig);
    const quiet = computeFeatures(
      x.map((v) => v * 0.1),
      logMelFeatureConfig,
    );
    for (let i = 0; i < loud.data.length; i++) expect(quiet.data[i]).toBeCloseTo(loud.data[i], 2);
  });
});

describe('dither', () => {
  // A tone with nothing above 4 kHz, as audio upsampled from 8 kHz is.
  const tone = Float32Array.from(
    { length: 8000 },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000),
  );
  const raw = { ...logMelFeatureConfig, normalize: 'none' as const };
  const topBand = (f: { data: Float32Array; dim: number }) => f.data[f.dim - 1];

  it('lifts empty bands off the log floor to the level of 16-bit rounding noise', () => {
    expect(topBand(computeFeatures(tone, raw))).toBeCloseTo(Math.log(raw.logFloor), 3);
    const dithered = topBand(computeFeatures(tone, { ...raw, dither: 1 }));
    expect(dithered).toBeGreaterThan(Math.log(raw.logFloor) + 2);
    const rounded = Float32Array.from(tone, (v) => Math.round(v * 32767) / 32767);
    expect(Math.abs(dithered - topBand(computeFeatures(rounded, raw)))).toBeLessThan(2.5);
  });

  it('is reproducible and leaves the bands that hold the signal as they were', () => {
    const a = computeFeatures(tone, { ...raw, dither: 1 });
    expect(Array.from(computeFeatures(tone, { ...raw, dither: 1 }).data)).toEqual(
      Array.from(a.data),
    );
    const plain = computeFeatures(tone, raw);
    const band440 = 6; // a low band, where the tone is
    expect(a.data[band440]).toBeCloseTo(plain.data[band440], 3);
  });

  it('is validated', () => {
    expect(() => computeFeatures(tone, { ...raw, dither: -1 })).toThrow(/dither/);
  });
});
