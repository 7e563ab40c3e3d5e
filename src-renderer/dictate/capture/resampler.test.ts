import { describe, expect, it } from 'vitest';
import { StreamingResampler } from './resampler';

describe('StreamingResampler', () => {
  it('passes 16 kHz through unchanged', () => {
    const r = new StreamingResampler(16_000, 16_000);
    expect([...r.process(Float32Array.of(1, 2, 3))]).toEqual([1, 2, 3]);
  });

  it('averages each output period (48 kHz → 16 kHz)', () => {
    const r = new StreamingResampler(48_000, 16_000);
    expect([...r.process(Float32Array.of(1, 1, 1, 3, 3, 3, 5))]).toEqual([1, 3]);
  });

  it('gives the same output however the input is chunked (44.1 kHz)', () => {
    const input = Float32Array.from({ length: 4410 }, (_, i) => Math.sin(i / 7));
    const whole = new StreamingResampler(44_100, 16_000).process(input);
    const chunked = new StreamingResampler(44_100, 16_000);
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 128) {
      parts.push(...chunked.process(input.subarray(i, i + 128)));
    }
    expect(parts.length).toBe(whole.length);
    parts.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 5));
    expect(whole.length).toBe(1600);
  });

  it('refuses to upsample', () => {
    expect(() => new StreamingResampler(8_000, 16_000)).toThrow(/down only/);
  });
});
