import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import { pickVoice, sampleRenderParams, soxEffects } from './params';
import { buildVoices, HELD_OUT_FAMILY, parseEspeakVariants, parseFliteVoices } from './voices';

const ESPEAK_EN = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)
 9  en              --/F      en-german-1        mb/mb-de1-en
`;
const ESPEAK_ALL = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  de              --/M      German             gmw/de
 5  el              --/M      Greek              grk/el
 5  en-us           --/M      English_(America)  gmw/en-US            (en 3)
`;
const VARIANTS = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 0  variant         --/M      m1                 !v/m1
 0  variant         --/F      f2                 !v/f2
`;

const voices = buildVoices({
  espeakEnglish: ESPEAK_EN,
  espeakAll: ESPEAK_ALL,
  espeakVariants: VARIANTS,
  flite: 'Voices available: kal awb_time kal16 awb rms slt ',
  festival: ['kal_diphone'],
});

describe('voice inventory', () => {
  it('parses the synthesisers listings', () => {
    expect(parseEspeakVariants(VARIANTS)).toEqual(['m1', 'f2']);
    expect(parseFliteVoices('Voices available: kal awb ')).toEqual(['kal', 'awb']);
  });

  it('crosses English voices with every variant, adds Latin-script accents, skips MBROLA and limited-domain voices', () => {
    const names = (family: string) => voices.filter((v) => v.family === family).map((v) => v.name);
    expect(names('espeak-en')).toEqual([
      'en-gb',
      'en-gb+m1',
      'en-gb+f2',
      'en-us',
      'en-us+m1',
      'en-us+f2',
    ]);
    // Greek is installed but not Latin-script: only German reads English here.
    expect(names('espeak-accent')).toEqual(['de', 'de+m1', 'de+f2']);
    expect(names('kal-diphone')).toEqual(['kal', 'kal16', 'kal_diphone']);
    expect(names('flite-cg')).toEqual(['awb', 'rms', 'slt']);
  });

  it('never draws the held-out family for training, and only it when asked', () => {
    const rng = seededRandom(3);
    const drawn = Array.from({ length: 3000 }, () => pickVoice(voices, rng));
    expect(drawn.some((v) => v.family === HELD_OUT_FAMILY)).toBe(false);
    expect(new Set(drawn.map((v) => v.family))).toEqual(
      new Set(['espeak-en', 'espeak-accent', 'kal-diphone']),
    );
    for (let i = 0; i < 100; i++)
      expect(pickVoice(voices, rng, HELD_OUT_FAMILY).family).toBe(HELD_OUT_FAMILY);
    expect(() => pickVoice([], rng)).toThrow(/no training voice/);
  });
});

describe('rendering parameters', () => {
  it('stay in their ranges for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const p = sampleRenderParams(seededRandom(seed));
        expect(p.speed).toBeGreaterThanOrEqual(0.8);
        expect(p.speed).toBeLessThanOrEqual(1.25);
        expect(p.vtlp).toBeGreaterThanOrEqual(0.88);
        expect(p.vtlp).toBeLessThanOrEqual(1.14);
        expect(p.rate).toBeGreaterThanOrEqual(130);
        expect(p.rate).toBeLessThanOrEqual(210);
        expect(p.pitch).toBeGreaterThanOrEqual(15);
        expect(p.pitch).toBeLessThanOrEqual(85);
        expect(p.gainDb).toBeGreaterThanOrEqual(-18);
        expect(p.gainDb).toBeLessThanOrEqual(4);
        for (const ms of p.padMs) expect(ms).toBeGreaterThanOrEqual(0);
        if (p.noise) expect(p.noise.snrDb).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: 200 },
    );
  });

  it('draw each effect sometimes and reproducibly', () => {
    const draw = (seed: number) => {
      const rng = seededRandom(seed);
      return Array.from({ length: 1000 }, () => sampleRenderParams(rng));
    };
    const ps = draw(9);
    expect(draw(9)).toEqual(ps);
    const share = (f: (p: (typeof ps)[number]) => boolean) => ps.filter(f).length / ps.length;
    expect(share((p) => p.reverb !== null)).toBeGreaterThan(0.3);
    expect(share((p) => p.reverb !== null)).toBeLessThan(0.5);
    expect(share((p) => p.telephone)).toBeGreaterThan(0.18);
    expect(share((p) => p.telephone)).toBeLessThan(0.32);
    for (const kind of ['white', 'pink', 'babble'])
      expect(share((p) => p.noise?.kind === kind)).toBeGreaterThan(0.1);
    expect(share((p) => p.noise === null)).toBeGreaterThan(0.35);
  });

  it('become a sox chain ending at 16 kHz mono', () => {
    const p = sampleRenderParams(seededRandom(1));
    const full = soxEffects({
      ...p,
      vtlp: 2 ** (100 / 1200),
      speed: 0.9,
      telephone: true,
      reverb: { reverberance: 50, hfDamping: 40, roomScale: 60, preDelayMs: 5, wetGainDb: -3 },
    });
    expect(full).toEqual([
      'pitch',
      '100',
      'speed',
      '0.9',
      'reverb',
      '50',
      '40',
      '60',
      '100',
      '5',
      '-3',
      'rate',
      '8000',
      'rate',
      '16000',
      'channels',
      '1',
    ]);
    expect(soxEffects({ ...p, vtlp: 1, speed: 1, telephone: false, reverb: null })).toEqual([
      'rate',
      '16000',
      'channels',
      '1',
    ]);
  });
});
