import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import { ENGLISH_DIGITS, RESPELLINGS } from '../synth-accents';
import { digitPlan } from './digit-corpus';
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
