import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import { readAudioFile } from '../../engine/node/index';
import { ENGLISH_DIGITS, RESPELLINGS } from '../synth-accents';
import { digitCorpusExamples, digitPlan } from './digit-corpus';
import { ShardWriter } from './shards';
import { buildVoices, HELD_OUT_FAMILY } from './voices';

const listing = (rows: string[]) =>
  `Pty Language Age/Gender VoiceName File Other\n${rows.map((r) => ` 5 ${r} --/M name ${r === 'variant' ? '' : 'x/'}${r}`).join('\n')}\n`;

const voices = buildVoices({
  espeakEnglish: listing(['en-gb', 'en-us']),
  espeakAll: listing(['de', 'es', 'sv', 'el']),
  espeakVariants: `Pty Language Age/Gender VoiceName File\n 0 variant --/M m1 !v/m1\n 0 variant --/F f2 !v/f2\n`,
  flite: 'Voices available: kal awb slt',
  festival: ['kal_diphone'],
});

describe('digit corpus plan', () => {
  const plan = digitPlan(voices);
  const rng = seededRandom(3);
  const utterances = Array.from({ length: 2000 }, (_, i) => plan(rng, i));

  it('says every digit equally often, one word per clip, cut close and mostly band-limited', () => {
    for (const [i, u] of utterances.entries()) {
      expect(u.text).toBe(ENGLISH_DIGITS[i % 10]);
      expect(u.kind).toBe('digits');
      expect(u.params.padMs.every((ms) => ms >= 0 && ms <= 150)).toBe(true);
    }
    const telephone = utterances.filter((u) => u.params.telephone).length / utterances.length;
    expect(telephone).toBeGreaterThan(0.5);
    expect(telephone).toBeLessThan(0.7);
  });

  it('draws English, accent and Kal voices, never the held-out family', () => {
    const families = new Set(utterances.map((u) => u.voice.family));
    expect([...families].sort()).toEqual(['espeak-accent', 'espeak-en', 'kal-diphone']);
    expect(utterances.some((u) => u.voice.family === HELD_OUT_FAMILY)).toBe(false);
    expect(utterances.some((u) => u.voice.name === 'awb' || u.voice.name === 'slt')).toBe(false);
  });

  it('gives foreign voices respellings: always for a non-Latin script, never where there is none', () => {
    const language = (name: string) => name.replace(/\+.*$/, '');
    const greek = utterances.filter((u) => language(u.voice.name) === 'el');
    expect(greek.length).toBeGreaterThan(0);
    for (const u of greek) expect(u.spoken).toBe(RESPELLINGS.el[ENGLISH_DIGITS.indexOf(u.text)]);
    const swedish = utterances.filter((u) => language(u.voice.name) === 'sv');
    expect(swedish.length).toBeGreaterThan(0);
    expect(swedish.every((u) => u.spoken === undefined)).toBe(true);
    const german = utterances.filter((u) => language(u.voice.name) === 'de');
    expect(german.some((u) => u.spoken === undefined)).toBe(true);
    expect(german.some((u) => u.spoken !== undefined)).toBe(true);
    // Bulgarian and Russian are not installed accents here but have respellings.
    expect(utterances.some((u) => language(u.voice.name) === 'ru' && u.spoken)).toBe(true);
  });

  it('is the same plan from the same seed', () => {
    const again = digitPlan(voices);
    const r = seededRandom(3);
    expect(Array.from({ length: 50 }, (_, i) => again(r, i))).toEqual(utterances.slice(0, 50));
  });
});

describe('digit corpus as recordings', () => {
  it('cuts each utterance of a shard into its own clip, once', () => {
    const root = mkdtempSync(join(tmpdir(), 'digit-clips-'));
    const writer = new ShardWriter(join(root, 'train', 'shard-000000'));
    const plan = digitPlan(voices);
    const rng = seededRandom(1);
    for (const [i, n] of [1600, 2400].entries()) {
      const { voice, kind, text, params } = plan(rng, i);
      writer.add({
        samples: new Float32Array(n).map((_, k) => (i + 1) * 0.1 * Math.sin(k / 7)),
        features: new Float32Array(4 * 40),
        frames: 4,
        dim: 40,
        entry: {
          text,
          kind,
          engine: voice.engine,
          voice: voice.name,
          family: voice.family,
          params,
        },
      });
    }
    writer.finish();
    const clips = digitCorpusExamples(root, 1);
    expect(clips.map((c) => [c.text, c.duration])).toEqual([
      ['zero', 0.1],
      ['one', 0.15],
    ]);
    const second = readAudioFile(clips[1].audio).samples;
    expect(second.length).toBe(2400);
    expect(Math.max(...second)).toBeCloseTo(0.2, 3);
    expect(digitCorpusExamples(root, 1)).toEqual(clips);
    expect(() => digitCorpusExamples(root, 2)).toThrow(
      /lacks 1 of 2 shards \(first: 1\); run scripts\/speech-corpus\/digit-corpus.ts --shards 2/,
    );
  });
});
