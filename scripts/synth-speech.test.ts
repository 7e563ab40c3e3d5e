import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom, trimSilence } from '../engine/index';
import { readAudioFile } from '../engine/node/index';
import {
  availableEngines,
  planSynthesis,
  requestHash,
  synthesize,
  type SynthRequest,
} from './synth-speech';
import { an4StyleSentences, numberWords, speakableText } from './synth-vocabulary';

const engines = availableEngines();
for (const missing of ['espeak-ng', 'flite', 'festival'].filter(
  (e) => !engines.includes(e as never),
)) {
  console.warn(`synth-speech.test: ${missing} not installed — its synthesis test is skipped`);
}
const dir = mkdtempSync(join(tmpdir(), 'synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synthetic speech planning', () => {
  it('plans varied requests in the AN4 domain, reproducibly', () => {
    const sentences = an4StyleSentences(20, seededRandom(1));
    expect(an4StyleSentences(20, seededRandom(1))).toEqual(sentences);
    for (const s of sentences) expect(s).toMatch(/^[a-z]+( [a-z]+)*$/);
    const plan = planSynthesis(['Seven 3', 'go'], {
      variants: 4,
      rng: seededRandom(2),
      engines: ['espeak-ng', 'flite'],
    });
    expect(plan).toHaveLength(8);
    expect(plan[0].text).toBe('seven three');
    for (const r of plan) {
      expect(r.rate).toBeGreaterThanOrEqual(120);
      expect(r.rate).toBeLessThanOrEqual(200);
      expect(r.pitch).toBeGreaterThanOrEqual(30);
      expect(r.pitch).toBeLessThanOrEqual(70);
    }
    expect(new Set(plan.map(requestHash)).size).toBe(8);
    expect(numberWords(1981)).toBe('one thousand nine hundred eighty one');
    expect(numberWords(40)).toBe('forty');
    expect(speakableText('a b six', 'espeak-ng')).toBe('eigh b six');
    expect(speakableText('a b six', 'flite')).toBe('A B six');
  });
});

const cases: SynthRequest[] = [
  { engine: 'espeak-ng', voice: 'en-us+f2', rate: 160, pitch: 60, text: 'seven three' },
  { engine: 'flite', voice: 'slt', rate: 150, pitch: 50, text: 'erase that' },
  { engine: 'festival', voice: 'kal_diphone', rate: 180, pitch: 40, text: 'seven three' },
];

describe('synthesize', () => {
  const runnable = cases.filter((c) => engines.includes(c.engine));
  it.skipIf(runnable.length === 0)(
    'writes 16 kHz WAVs with a manifest entry each, then reuses the cache',
    async () => {
      const first = await synthesize(runnable, { outDir: dir });
      expect(first.failures).toEqual([]);
      expect(first.entries).toHaveLength(runnable.length);
      for (const [i, entry] of first.entries.entries()) {
        expect(entry.text).toBe(runnable[i].text);
        expect(entry.speaker).toBe(`${runnable[i].engine}:${runnable[i].voice}`);
        const audio = readAudioFile(entry.audio_filepath);
        expect(audio.source).toEqual({ sampleRate: 16000, channels: 1, encoding: 's16le' });
        expect(audio.duration).toBeCloseTo(entry.duration, 3);
        expect(trimSilence(audio.samples).length / 16000).toBeGreaterThan(0.3); // there is speech in it
      }
      const mtimes = first.entries.map((e) => statSync(e.audio_filepath).mtimeMs);
      // With no synthesiser reachable the second run can only succeed from the cache.
      const path = process.env.PATH;
      process.env.PATH = '';
      const second = await synthesize(runnable, { outDir: dir }).finally(() => {
        process.env.PATH = path;
      });
      expect(second.failures).toEqual([]);
      expect(second.entries).toEqual(first.entries);
      expect(second.entries.map((e) => statSync(e.audio_filepath).mtimeMs)).toEqual(mtimes);
    },
  );

  it.skipIf(!engines.includes('flite'))(
    'reports a failing request without stopping the others',
    async () => {
      const bad: SynthRequest = {
        engine: 'flite',
        voice: 'no-such-voice',
        rate: 150,
        pitch: 50,
        text: 'go',
      };
      const { entries, failures } = await synthesize([bad, cases[1]], { outDir: dir });
      expect(entries).toHaveLength(1);
      expect(failures).toHaveLength(1);
      expect(failures[0].request).toBe(bad);
      expect(failures[0].error).toMatch(/unknown flite voice 'no-such-voice' \(installed: .*slt/);
    },
  );
});
