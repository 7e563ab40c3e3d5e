import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinySpeechModel } from '../../test-support/tiny-speech-model';
import { modelDomain } from './model-domain';
import { listModels } from './model-store';

const dir = mkdtempSync(join(tmpdir(), 'model-domain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tinySpeechModel = (training: Record<string, unknown>) =>
  writeTinySpeechModel(join(dir, `m${Object.keys(training).length}.vbm`), { training });

describe('modelDomain', () => {
  it("states the shipped speech model's domain and lists its words", () => {
    const entry = listModels().find((m) => m.name === 'speech-en' && m.shipped);
    if (!entry) return expect.fail('the shipped speech-en model is missing from assets/');
    const domain = modelDomain(entry);
    expect(domain.description).toMatch(/AN4/);
    expect(domain.words).toContain('repeat');
    expect(domain.words).toHaveLength(106);
    expect(domain.broad).toBe(false);
  });

  it("reads a model's own domain from its header; a model without a word list is broad", () => {
    const path = tinySpeechModel({ domain: 'Kitchen timer commands' });
    expect(modelDomain({ name: 'mine', role: 'speech', path, shipped: false })).toEqual({
      description: 'Kitchen timer commands',
      words: null,
      broad: true,
    });
    const lexicon = join(dir, 'words.txt');
    writeFileSync(lexicon, '# words\nstart\nstop\n');
    const plain = tinySpeechModel({});
    expect(
      modelDomain({
        name: 'other',
        role: 'speech',
        path: plain,
        shipped: false,
        lexicon,
        description: 'My voice',
      }),
    ).toEqual({ description: 'My voice', words: ['start', 'stop'], broad: false });
  });

  it("lists a word LM's vocabulary when there is no lexicon (the decoder's word list then); broad if the entry says so", () => {
    const lm = join(dir, 'english.arpa');
    writeFileSync(
      lm,
      [
        '\\data\\',
        'ngram 1=5',
        'ngram 2=1',
        '',
        '\\1-grams:',
        '-99\t<s>\t-0.3',
        '-0.5\t</s>',
        '-1.2\t<unk>',
        '-0.7\tzebra\t-0.2',
        '-0.6\tapple\t-0.1',
        '',
        '\\2-grams:',
        '-0.1\tapple zebra',
        '',
        '\\end\\',
        '',
      ].join('\n'),
    );
    const path = tinySpeechModel({});
    const entry = { name: 'broad', role: 'speech' as const, path, shipped: false, lm };
    expect(modelDomain({ ...entry, broad: true })).toEqual({
      description: '',
      words: ['apple', 'zebra'],
      broad: true,
    });
    expect(modelDomain(entry).broad).toBe(false);
    writeFileSync(lm, 'not an LM');
    expect(() => modelDomain(entry)).toThrow(/not an ARPA language model/);
  });
});
