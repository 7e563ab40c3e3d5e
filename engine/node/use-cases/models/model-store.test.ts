import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCharNgramLm, trainNgramLm } from 'ctc-decode-ts';
import {
  createDecoder,
  defaultDecodeParams,
  NO_DECODE_RESOURCES,
} from '../../../recognize/decode-params';
import {
  CHAR_LM_BONUS,
  MIXED_CASE_SCORE,
  OPEN_VOCABULARY_CHAR_LM,
  decodeParamsFor,
  decodeResourcesFor,
  decodingWordsFor,
  OUT_OF_LEXICON_PENALTY,
  type ModelEntry,
} from './model-store';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decode parameters of a model entry', () => {
  mkdirSync(join(dir, 'lm'));
  const charLm = trainCharNgramLm(['cab', 'cab', 'cab', 'dab'], 3).toArpa();
  writeFileSync(join(dir, 'lm', 'chars.arpa'), charLm);
  writeFileSync(join(dir, 'lm', 'words.arpa'), 'not read unless asked for');
  writeFileSync(join(dir, 'words.txt'), '# a word list\ncab\ndab\n');
  const entry: ModelEntry = {
    name: 'ink-words',
    role: 'words',
    path: join(dir, 'ink-words.vbm'),
    shipped: true,
    lm: join(dir, 'lm', 'words.arpa'),
    lexicon: join(dir, 'words.txt'),
    charLm: join(dir, 'lm', 'chars.arpa'),
    charset: 'a-z',
  };

  it('takes the word LM and lexicon by default, the character LM for open vocabulary', () => {
    expect(decodeParamsFor(entry)).toEqual({ ...defaultDecodeParams(), charset: 'a-z' });
    expect(decodeResourcesFor(entry)).toEqual({
      lexicon: ['cab', 'dab'],
      lmUnit: 'word',
      lmArpa: 'not read unless asked for',
    });
    expect(decodeParamsFor(entry, 'open')).toEqual({
      ...defaultDecodeParams(),
      ...OPEN_VOCABULARY_CHAR_LM,
      mixedCaseScore: MIXED_CASE_SCORE,
      charset: 'a-z',
    });
    expect(decodeResourcesFor(entry, 'open')).toEqual({
      lexicon: null,
      lmUnit: 'char',
      lmArpa: charLm,
    });
    expect(decodeParamsFor(entry, 'none')).toEqual({ ...defaultDecodeParams(), charset: 'a-z' });
    expect(decodeResourcesFor(entry, 'none')).toEqual(NO_DECODE_RESOURCES);
    const noCharLm = { ...entry, charLm: undefined };
    expect(decodeResourcesFor(noCharLm, 'open').lmArpa).toBeNull();
    expect(decodeParamsFor(noCharLm, 'open').alpha).toBe(defaultDecodeParams().alpha);
  });

  it('reads no file for the knobs', () => {
    const gone = { ...entry, lm: join(dir, 'gone.arpa'), lexicon: join(dir, 'gone.txt') };
    expect(decodeParamsFor(gone).charset).toBe('a-z');
    expect(() => decodeResourcesFor(gone)).toThrow(/gone/);
  });

  it('backs a lexicon without a word LM with the character LM, words outside it penalised', () => {
    const hybrid = { ...entry, lm: undefined };
    expect(decodeParamsFor(hybrid)).toMatchObject({
      lexiconMode: 'open',
      alpha: defaultDecodeParams().alpha,
      beta: CHAR_LM_BONUS,
      unkScoreOffset: OUT_OF_LEXICON_PENALTY,
      mixedCaseScore: MIXED_CASE_SCORE,
    });
    expect(decodeResourcesFor(hybrid)).toEqual({
      lexicon: ['cab', 'dab'],
      lmUnit: 'char',
      lmArpa: charLm,
    });
    const bare = { ...entry, lm: undefined, charLm: undefined };
    expect(decodeResourcesFor(bare).lmArpa).toBeNull();
    expect(decodeParamsFor(bare).beta).toBe(defaultDecodeParams().beta);
  });

  it('lists the words decoded against: the lexicon, else the word LM, reading only that file', () => {
    const hybrid = { ...entry, lm: undefined, charLm: join(dir, 'gone.arpa') };
    expect(decodingWordsFor(hybrid)).toEqual(['cab', 'dab']);
    writeFileSync(join(dir, 'lm', 'few.arpa'), trainNgramLm([['cab', 'dab']], 1).toArpa());
    const wordLm = { ...entry, lexicon: undefined, lm: join(dir, 'lm', 'few.arpa') };
    expect([...decodingWordsFor(wordLm)!].sort()).toEqual(['cab', 'dab']);
    expect(decodingWordsFor(hybrid, 'open')).toBeNull();
    expect(decodingWordsFor({ ...entry, lm: undefined, lexicon: undefined })).toBeNull();
  });

  it('a character LM steers open-vocabulary decoding toward its spellings', () => {
    // Frames where c and d are equally likely, then a, then b.
    const labels = ['', 'a', 'b', 'c', 'd'];
    const rows = [
      [0.02, 0.02, 0.02, 0.47, 0.47],
      [0.9, 0.025, 0.025, 0.025, 0.025],
      [0.04, 0.84, 0.04, 0.04, 0.04],
      [0.04, 0.04, 0.84, 0.04, 0.04],
    ];
    const logProbs = Float32Array.from(rows.flat().map(Math.log));
    const decode = (lmArpa: string) =>
      createDecoder(labels, defaultDecodeParams(), {
        lmArpa,
        lmUnit: 'char',
        lexicon: null,
      }).decode(logProbs, rows.length)[0].text;
    expect(decode(charLm)).toBe('cab');
    expect(decode(trainCharNgramLm(['dab', 'dab', 'dab', 'cab'], 3).toArpa())).toBe('dab');
  });
});
