import { describe, expect, it } from 'vitest';
import { resample } from './resample';
import { lowPass } from './kaiser-sinc';

const tone = (freq: number, rate: number, seconds: number, amp = 0.5) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate),
  );

/** RMS over the middle of the signal (the kernel's edge effects are excluded). */
const rms = (x: Float32Array) => {
  const a = Math.floor(x.length * 0.1);
  const b = Math.floor(x.length * 0.9);
  let s = 0;
  for (let i = a; i < b; i++) s += x[i] * x[i];
  return Math.sqrt(s / (b - a));
};

/** Frequency of the strongest DFT bin between 0 and Nyquist, refined by zero crossings. */
function dominantFrequency(x: Float32Array, rate: number): number {
  const a = Math.floor(x.length * 0.1);
  const b = Math.floor(x.length * 0.9);
  let crossings = 0;
  let first = -1;
  let last = -1;
  for (let i = a + 1; i < b; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      // linear interpolation of the crossing time
      const t = i - 1 + -x[i - 1] / (x[i] - x[i - 1]);
      if (first < 0) first = t;
      last = t;
      crossings++;
    }
  }
  return ((crossings - 1) * rate) / (last - first);
}

function dftMagnitude(x: Float32Array, rate: number, freq: number): number {
  let re = 0;
  let im = 0;
  const a = Math.floor(x.length * 0.1);
  const b = Math.floor(x.length * 0.9);
  for (let i = a; i < b; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i - a)) / (b - a - 1));
    re += w * x[i] * Math.cos((2 * Math.PI * freq * i) / rate);
    im -= w * x[i] * Math.sin((2 * Math.PI * freq * i) / rate);
  }
  return Math.hypot(re, im);
}

describe('resample', () => {
  for (const from of [8000, 44100, 48000, 22050]) {
    it(`keeps a tone's frequency and level from ${from} Hz to 16 kHz`, () => {
      for (const freq of [440, 1000, 3000]) {
        const x = tone(freq, from, 0.5);
        const y = resample(x, from, 16000);
        expect(y.length).toBe(Math.ceil((x.length * 16000) / from));
        expect(Math.abs(dominantFrequency(y, 16000) - freq)).toBeLessThan(freq * 0.002);
        const db = 20 * Math.log10(rms(y) / rms(x));
        expect(Math.abs(db)).toBeLessThan(0.5);
      }
    });
  }

  it('attenuates tones above the new Nyquist frequency by more than 40 dB', () => {
    for (const [from, freq] of [
      [48000, 10000],
      [44100, 12000],
      [48000, 20000],
    ]) {
      const x = tone(freq, from, 0.5);
      const y = resample(x, from, 16000);
      // a 10 kHz tone would alias to 6 kHz, 12 kHz to 4 kHz, 20 kHz to 4 kHz
      const alias = Math.abs(16000 - freq);
      const leaked = 20 * Math.log10(rms(y) / rms(x));
      expect(leaked).toBeLessThan(-40);
      expect(dftMagnitude(y, 16000, alias)).toBeLessThan(dftMagnitude(x, from, freq) * 0.01);
    }
  });

  it('handles awkward ratios (speed perturbation) and empty input', () => {
    const x = tone(500, 17600, 0.3);
    const y = resample(x, 17600, 16000);
    expect(Math.abs(dominantFrequency(y, 16000) - 500)).toBeLessThan(1);
    expect(y.length).toBe(Math.ceil((x.length * 10) / 11));
    expect(resample(new Float32Array(0), 8000, 16000).length).toBe(0);
    expect(() => resample(x, 0, 16000)).toThrow(/positive integer/);
  });
});

describe('lowPass', () => {
  it('keeps 1 kHz and removes 6 kHz at a 4 kHz cutoff', () => {
    const keep = lowPass(tone(1000, 16000, 0.3), 4000, 16000);
    const cut = lowPass(tone(6000, 16000, 0.3), 4000, 16000);
    expect(Math.abs(20 * Math.log10(rms(keep) / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
    expect(20 * Math.log10(rms(cut) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
  });
});
