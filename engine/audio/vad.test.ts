import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussian, seededRandom } from '../util/rng';
import { resample } from './resample';
import { detectSpeech, splitUtterances, trimSilence, VoiceActivityDetector } from './vad';
import { decodeWav } from './wav-decode';

const rate = 16000;
const rng = seededRandom(42);
const noise = (seconds: number, db: number) => {
  const a = 10 ** (db / 20);
  return Float32Array.from({ length: Math.round(seconds * rate) }, () => a * gaussian(rng));
};
/** A voiced-speech stand-in: 120 Hz pulse-like harmonics with a slowly moving formant. */
const voiced = (seconds: number, amp = 0.3) =>
  Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    const t = i / rate;
    let v = 0;
    for (let h = 1; h <= 20; h++)
      v +=
        Math.sin(2 * Math.PI * 120 * h * t) /
        (1 + Math.abs(h * 120 - 700 - 300 * Math.sin(5 * t)) / 200);
    return (amp * v) / 5;
  });
const concat = (parts: Float32Array[]) => Float32Array.from(parts.flatMap((p) => Array.from(p)));
const add = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + (b[i] ?? 0));

describe('VoiceActivityDetector (synthetic voiced bursts)', () => {
  it('streams start/end events with hangover, ignoring clicks and short gaps', () => {
    const signal = concat([
      noise(0.5, -60),
      add(voiced(0.03), noise(0.03, -60)), // a 30 ms click: shorter than minSpeechMs
      noise(0.5, -60),
      voiced(0.6),
      noise(0.15, -60), // a short pause inside the utterance: bridged by the hangover
      voiced(0.4),
      noise(1, -60),
    ]);
    const vad = new VoiceActivityDetector();
    const events = [];
    for (let at = 0; at < signal.length; at += 320)
      events.push(...vad.push(signal.subarray(at, at + 320)));
    events.push(...vad.finish());
    expect(events.map((e) => e.type)).toEqual(['start', 'end']);
    expect(events[0].time).toBeCloseTo(1.03 - 0.1, 1);
    expect(events[1].time).toBeCloseTo(1.03 + 1.15 + 0.1, 1);
  });

  it('cuts long utterances at their quietest frames when asked', () => {
    // 12 s of "speech" with a 60 ms dip (still speech for the detector) every 2.5 s
    const parts: Float32Array[] = [noise(0.5, -60)];
    for (let i = 0; i < 5; i++) parts.push(voiced(2.44), voiced(0.06, 0.003));
    parts.push(voiced(0.2), noise(0.5, -60));
    const signal = concat(parts);
    expect(detectSpeech(signal)).toHaveLength(1);
    const pieces = detectSpeech(signal, { maxSegmentSeconds: 4 });
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    for (const p of pieces) expect(p.end - p.start).toBeLessThanOrEqual(4 + 1e-9);
    for (let i = 1; i < pieces.length; i++) {
      expect(pieces[i].start).toBe(pieces[i - 1].end);
      // each cut lands inside one of the dips (0.5 + 2.5·k + 2.44 … + 2.5)
      const inDip = (pieces[i].start - 0.5 - 2.44) % 2.5;
      expect(inDip).toBeGreaterThan(-0.02);
      expect(inDip).toBeLessThan(0.08);
    }
  });

  it('does not mistake a rise of flat (white) noise for speech', () => {
    const signal = concat([noise(0.5, -60), noise(1, -45), noise(0.5, -60)]);
    expect(detectSpeech(signal)).toEqual([]);
    expect(detectSpeech(new Float32Array(100))).toEqual([]);
    expect(trimSilence(signal)).toBe(signal);
  });
});

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasEspeak)
  console.warn('vad.test: espeak-ng not installed — skipping the synthetic-speech VAD test');

describe.skipIf(!hasEspeak)('VAD on espeak-ng speech + silence + noise', () => {
  function speak(text: string): Float32Array {
    const dir = mkdtempSync(join(tmpdir(), 'vad-'));
    try {
      const file = join(dir, 'say.wav');
      execFileSync('espeak-ng', ['-v', 'en-us', '-w', file, text]);
      const audio = decodeWav(readFileSync(file));
      return resample(audio.samples, audio.sampleRate, rate);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  /** Where the synthesiser's output is actually non-silent. */
  const active = (x: Float32Array) => {
    let a = 0;
    let b = x.length - 1;
    while (a < x.length && Math.abs(x[a]) < 0.01) a++;
    while (b > 0 && Math.abs(x[b]) < 0.01) b--;
    return [a / rate, (b + 1) / rate];
  };

  it('finds both utterances and their boundaries', () => {
    const one = speak('seven three nine');
    const two = speak('erase that and go');
    const lead = noise(1, -55);
    const gap = noise(1.2, -55);
    const tail = noise(0.8, -55);
    const signal = concat([
      lead,
      add(one, noise(one.length / rate, -55)),
      gap,
      add(two, noise(two.length / rate, -55)),
      tail,
    ]);
    const [a1, b1] = active(one).map((t) => t + lead.length / rate);
    const offset2 = (lead.length + one.length + gap.length) / rate;
    const [a2, b2] = active(two).map((t) => t + offset2);
    const segments = detectSpeech(signal);
    expect(segments).toHaveLength(2);
    expect(Math.abs(segments[0].start - a1)).toBeLessThan(0.2);
    expect(Math.abs(segments[0].end - b1)).toBeLessThan(0.35);
    expect(Math.abs(segments[1].start - a2)).toBeLessThan(0.2);
    expect(Math.abs(segments[1].end - b2)).toBeLessThan(0.35);
    const pieces = splitUtterances(signal);
    expect(pieces.map((p) => p.samples.length)).toEqual(
      segments.map((s) => Math.ceil(s.end * rate) - Math.floor(s.start * rate)),
    );
    const trimmed = trimSilence(signal);
    expect(trimmed.length).toBeLessThan(signal.length - 1.5 * rate);
  });
});
