import { describe, expect, it } from 'vitest';
import {
  addNoise,
  applyGain,
  augmentWaveform,
  cropSpeech,
  padSilence,
  specAugment,
  speedPerturb,
} from './augment';
import { gaussian, seededRandom } from '../util/rng';

const tone = (freq: number, seconds: number) =>
  Float32Array.from(
    { length: seconds * 16000 },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / 16000),
  );
const power = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0) / x.length;
const crossings = (x: Float32Array) => {
  let n = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1] < 0 && x[i] >= 0) n++;
  return n;
};

describe('waveform augmentation', () => {
  it('speed perturbation changes duration and pitch together', () => {
    const x = tone(500, 1);
    const fast = speedPerturb(x, 1.1);
    expect(fast.length).toBe(Math.ceil((16000 * 16000) / 17600));
    // the same number of cycles in a shorter time: 550 Hz
    expect(Math.abs(crossings(fast) - crossings(x))).toBeLessThanOrEqual(1);
    expect(speedPerturb(x, 0.9).length).toBe(Math.ceil((16000 * 16000) / 14400));
    expect(() => speedPerturb(x, 3)).toThrow(/factor/);
  });

  it('gain and noise hit the requested levels', () => {
    const x = tone(300, 1);
    expect(10 * Math.log10(power(applyGain(x, -6)) / power(x))).toBeCloseTo(-6, 5);
    const noisy = addNoise(x, 10, seededRandom(1));
    const n = noisy.map((v, i) => v - x[i]);
    expect(10 * Math.log10(power(x) / power(n))).toBeCloseTo(10, 5);
    const background = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const mixed = addNoise(x, 20, seededRandom(2), background);
    expect(10 * Math.log10(power(x) / power(mixed.map((v, i) => v - x[i])))).toBeCloseTo(20, 1);
  });

  it('is reproducible for a seed and varies across seeds', () => {
    const x = tone(200, 1);
    const a = augmentWaveform(x, seededRandom(5));
    const b = augmentWaveform(x, seededRandom(5));
    const c = augmentWaveform(x, seededRandom(6));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.length === c.length && a.every((v, i) => v === c[i])).toBe(false);
    let g = 0;
    const rng = seededRandom(9);
    for (let i = 0; i < 10000; i++) g += gaussian(rng) ** 2;
    expect(g / 10000).toBeCloseTo(1, 1);
  });

  it('band-limits when asked (nothing left of a 6 kHz tone)', () => {
    const x = tone(6000, 1);
    const y = augmentWaveform(x, seededRandom(1), {
      speed: null,
      gainDb: null,
      noiseProbability: 0,
      bandLimitProbability: 1,
    });
    expect(10 * Math.log10(power(y.subarray(2000, 14000)) / power(x))).toBeLessThan(-60);
  });
});

describe('cropping into the speech', () => {
  // 0.2 s silence, 0.5 s of a tone, 0.3 s silence
  const clip = () => {
    const x = new Float32Array(16000);
    x.set(tone(400, 1).subarray(0, 8000), 3200);
    return x;
  };

  it('drops the silence around the speech and cuts the requested time into it', () => {
    expect(cropSpeech(clip(), 0, 0).length).toBe(8000);
    expect(cropSpeech(clip(), 100, 50).length).toBe(8000 - 1600 - 800);
  });

  it('never leaves less than half of the speech', () => {
    expect(cropSpeech(clip(), 400, 400).length).toBe(4000);
    expect(cropSpeech(new Float32Array(800), 50, 50).length).toBe(400);
  });

  it('augmentWaveform crops only when asked', () => {
    const plain = { speed: null, gainDb: null, noiseProbability: 0, bandLimitProbability: 0 };
    expect(augmentWaveform(clip(), seededRandom(3), plain).length).toBe(16000);
    const cropped = augmentWaveform(clip(), seededRandom(3), {
      ...plain,
      cropProbability: 1,
      cropMs: [100, 60],
    });
    expect(cropped.length).toBeLessThanOrEqual(8000);
    expect(cropped.length).toBeGreaterThanOrEqual(8000 - 1600 - 960);
  });
});

describe('padding with silence', () => {
  it('adds the requested pauses and keeps the clip between them', () => {
    const x = tone(300, 1);
    const y = padSilence(x, 250, 100);
    expect(y.length).toBe(4000 + 16000 + 1600);
    expect(y.subarray(0, 4000).every((v) => v === 0)).toBe(true);
    expect(Array.from(y.subarray(4000, 20000))).toEqual(Array.from(x));
    expect(y.subarray(20000).every((v) => v === 0)).toBe(true);
  });

  it('augmentWaveform pads only when asked, within the limits', () => {
    const plain = { speed: null, gainDb: null, noiseProbability: 0, bandLimitProbability: 0 };
    expect(augmentWaveform(tone(300, 1), seededRandom(4), plain).length).toBe(16000);
    const lengths = Array.from(
      { length: 20 },
      (_, i) =>
        augmentWaveform(tone(300, 1), seededRandom(i), {
          ...plain,
          padProbability: 1,
          padMs: [500, 200],
        }).length,
    );
    for (const n of lengths) {
      expect(n).toBeGreaterThanOrEqual(16000);
      expect(n).toBeLessThanOrEqual(16000 + 8000 + 3200);
    }
    expect(new Set(lengths).size).toBeGreaterThan(10);
  });
});

describe('specAugment', () => {
  it('masks bands (in every Δ block) and frame spans within the limits', () => {
    const frames = 100;
    const dim = 39;
    const data = new Float32Array(frames * dim).fill(1);
    specAugment(
      { data, frames, dim },
      seededRandom(3),
      { freqMasks: 1, timeMasks: 1, maxFreqWidth: 4 },
      13,
    );
    const maskedCols = new Set<number>();
    const maskedRows = new Set<number>();
    for (let t = 0; t < frames; t++) {
      const row = data.subarray(t * dim, (t + 1) * dim);
      if (row.every((v) => v === 0)) maskedRows.add(t);
      else row.forEach((v, j) => v === 0 && maskedCols.add(j));
    }
    expect(maskedRows.size).toBeLessThanOrEqual(20);
    const bands = [...maskedCols].filter((j) => j < 13);
    expect(bands.length).toBeLessThanOrEqual(4);
    for (const j of bands) expect(maskedCols.has(j + 13) && maskedCols.has(j + 26)).toBe(true);
    expect(maskedRows.size + maskedCols.size).toBeGreaterThan(0);
  });
});
