import { describe, expect, it } from 'vitest';
import { defaultDecodeParams } from '../../../recognize/decode-params';
import {
  CHAR_LM_BONUS,
  decodeParamsFor,
  OUT_OF_LEXICON_PENALTY,
  type ModelSource,
} from './model-store';

// decodeParamsFor reads no file: the paths only say which resources a model has.
const broad: ModelSource = {
  path: '/m/broad.vbm',
  lm: '/m/english.arpa',
  decode: { lmWeight: 0.6, wordBonus: 1.5 },
};
const defaults = defaultDecodeParams();

describe("a model entry's tuned decoding (decode) between the role's defaults and the user's flags", () => {
  it("takes the entry's weights over the defaults, and only those it sets", () => {
    expect(decodeParamsFor(broad)).toEqual({ ...defaults, alpha: 0.6, beta: 1.5 });
    const beamOnly = { ...broad, decode: { beamWidth: 32 } };
    expect(decodeParamsFor(beamOnly)).toEqual({ ...defaults, beamWidth: 32 });
    expect(decodeParamsFor({ ...broad, decode: undefined })).toEqual(defaults);
  });

  it('gives the user’s explicit knobs the last word', () => {
    expect(decodeParamsFor(broad, 'lexicon', { alpha: 0.2, beamWidth: 4 })).toEqual({
      ...defaults,
      alpha: 0.2,
      beta: 1.5,
      beamWidth: 4,
    });
    // A flag not given leaves the entry's value.
    expect(decodeParamsFor(broad, 'lexicon', { beta: undefined, nbest: 2 })).toMatchObject({
      beta: 1.5,
      nbest: 2,
    });
  });

  it("overrides a role's own tuned weights (a words model behind its character LM)", () => {
    const words: ModelSource = { path: '/m/w.vbm', lexicon: '/m/w.txt', charLm: '/m/c.arpa' };
    expect(decodeParamsFor(words)).toMatchObject({
      beta: CHAR_LM_BONUS,
      unkScoreOffset: OUT_OF_LEXICON_PENALTY,
    });
    expect(decodeParamsFor({ ...words, decode: { wordBonus: 1 } })).toMatchObject({
      beta: 1,
      unkScoreOffset: OUT_OF_LEXICON_PENALTY,
    });
  });

  it('keeps the defaults where the model decodes without the LM the weights were tuned with', () => {
    expect(decodeParamsFor(broad, 'none')).toEqual(defaults);
    expect(decodeParamsFor(broad, 'open')).toEqual(defaults);
    expect(decodeParamsFor(broad, 'none', { beamWidth: 8 }).beamWidth).toBe(8);
  });
});
