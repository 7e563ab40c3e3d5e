import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCharNgramLm } from 'ctc-decode-ts';
import { createDecoder, defaultDecodeParams } from '../../../recognize/decode-params';
import {
  CHAR_LM_BONUS,
  OPEN_VOCABULARY_CHAR_LM,
  decodeParamsFor,
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
    const lexicon = decodeParamsFor(entry);
    expect(lexicon).toMatchObject({ lexicon: ['cab', 'dab'], lmUnit: 'word', charset: 'a-z' });
    expect(lexicon.lmArpa).toBe('not read unless asked for');
    const open = decodeParamsFor(entry, 'open');
    expect(open).toMatchObject({
      lexicon: null,
      lmUnit: 'char',
      lmArpa: charLm,
      ...OPEN_VOCABULARY_CHAR_LM,
      charset: 'a-z',
    });
    expect(decodeParamsFor(entry, 'none')).toMatchObject({ lexicon: null, lmArpa: null });
    expect(decodeParamsFor({ ...entry, charLm: undefined }, 'open').lmArpa).toBeNull();
  });

  it('backs a lexicon without a word LM with the character LM, words outside it penalised', () => {
    const hybrid = decodeParamsFor({ ...entry, lm: undefined });
    expect(hybrid).toMatchObject({
      lexicon: ['cab', 'dab'],
      lexiconMode: 'open',
      lmUnit: 'char',
      lmArpa: charLm,
      alpha: defaultDecodeParams().alpha,
      beta: CHAR_LM_BONUS,
      unkScoreOffset: OUT_OF_LEXICON_PENALTY,
    });
    expect(decodeParamsFor({ ...entry, lm: undefined, charLm: undefined }).lmArpa).toBeNull();
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
    const decode = (params: ReturnType<typeof defaultDecodeParams>) =>
      createDecoder(labels, params).decode(logProbs, rows.length)[0].text;
    const open = { ...defaultDecodeParams(), lmArpa: charLm, lmUnit: 'char' as const };
    expect(decode(open)).toBe('cab');
    const dabLm = trainCharNgramLm(['dab', 'dab', 'dab', 'cab'], 3).toArpa();
    expect(decode({ ...open, lmArpa: dabLm })).toBe('dab');
  });
});
