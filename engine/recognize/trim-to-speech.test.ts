import { describe, expect, it } from 'vitest';
import { SPEECH_MARGIN_MS, trimToSpeech } from './speech';

const RATE = 16000;
const tone = (seconds: number) =>
  Float32Array.from(
    { length: seconds * RATE },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / RATE),
  );

describe('trimToSpeech', () => {
  it('keeps the margin of silence around the speech and says where it starts', () => {
    const audio = new Float32Array(3 * RATE);
    audio.set(tone(1), RATE); // speech from 1 s to 2 s
    const { samples, offset } = trimToSpeech(audio);
    const margin = (SPEECH_MARGIN_MS / 1000) * RATE;
    expect(offset).toBeCloseTo(1 - SPEECH_MARGIN_MS / 1000, 2);
    expect(samples.length).toBeCloseTo(RATE + 2 * margin, -2);
    expect(trimToSpeech(audio, 50).samples.length).toBeCloseTo(RATE + 0.1 * RATE, -2);
  });

  it('leaves a clip cut tight as it is', () => {
    const clip = tone(0.5);
    const { samples, offset } = trimToSpeech(clip);
    expect(offset).toBe(0);
    expect(samples.length).toBe(clip.length);
  });
});
