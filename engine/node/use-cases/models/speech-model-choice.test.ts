import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from './model-store';
import { chooseSpeechModel, type ModelLookup, wordsOutside } from './speech-model-choice';

const dir = mkdtempSync(join(tmpdir(), 'speech-model-choice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lexicon = join(dir, 'domain.txt');
writeFileSync(lexicon, '# the domain model\nyes\nno\nstart\nstop\nnew\nyork\n');
const arpa = join(dir, 'english.arpa');
writeFileSync(arpa, '\\data\\\nngram 1=3\n\n\\1-grams:\n-1 <s>\n-1 zebra\n-1 quantum\n\n\\end\\\n');

const domainModel: ModelEntry = {
  name: 'speech-en',
  role: 'speech',
  path: join(dir, 'speech-en.vbm'),
  shipped: true,
  lexicon,
};
const broadModel: ModelEntry = {
  name: 'speech-broad',
  role: 'speech',
  path: join(dir, 'speech-broad.vbm'),
  shipped: true,
  lm: arpa,
  broad: true,
};
const inkWords: ModelEntry = {
  name: 'ink-words',
  role: 'words',
  path: join(dir, 'ink-words.vbm'),
  shipped: true,
  broad: true,
};

/** A store whose active speech model is `active` (default: the first speech model listed). */
const store = (models: ModelEntry[], active?: ModelEntry): ModelLookup => ({
  activeModel: (role) => (role === 'speech' && active) || models.find((m) => m.role === role),
  listModels: () => models,
});
const installed = store([domainModel, broadModel, inkWords]);
const vocabulary = (...phrases: string[]) => phrases.map((phrase) => ({ phrase, weight: 0 }));

describe('chooseSpeechModel', () => {
  it('uses the default model without a vocabulary, or when every listed word is in its domain', () => {
    expect(chooseSpeechModel({ requested: null, vocabulary: null }, installed)).toEqual({
      entry: domainModel,
      outsideDomain: null,
      note: null,
    });
    // Words of phrases count one by one, in any case.
    const inside = vocabulary('Yes', 'no', 'new york', 'STOP');
    expect(chooseSpeechModel({ requested: null, vocabulary: inside }, installed)).toEqual({
      entry: domainModel,
      outsideDomain: null,
      note: null,
    });
  });

  it('uses the installed broad model when listed words are outside the default domain, and says so', () => {
    const choice = chooseSpeechModel(
      { requested: null, vocabulary: vocabulary('yes', 'zebra crossing', 'quantum') },
      installed,
    );
    expect(choice?.entry).toBe(broadModel);
    expect(choice?.outsideDomain).toEqual({
      model: domainModel,
      words: ['zebra', 'crossing', 'quantum'],
    });
    expect(choice?.note).toBe(
      "Using speech-broad: your list has words outside speech-en's domain (zebra, crossing, quantum).",
    );
  });

  it('names five outside words and counts the rest', () => {
    const many = vocabulary('a', 'b', 'c', 'd', 'e', 'f', 'g', 'yes');
    expect(chooseSpeechModel({ requested: null, vocabulary: many }, installed)?.note).toMatch(
      /\(a, b, c, d, e and 2 more\)\.$/,
    );
  });

  it('always uses the model asked for; says so when the list leaves its domain', () => {
    const outside = vocabulary('zebra', 'yes');
    expect(chooseSpeechModel({ requested: domainModel, vocabulary: outside }, installed)).toEqual({
      entry: domainModel,
      outsideDomain: { model: domainModel, words: ['zebra'] },
      note: 'Using speech-en as chosen, though your list has words outside its domain (zebra): those words may come out as others.',
    });
    const inside = vocabulary('yes', 'stop');
    expect(chooseSpeechModel({ requested: domainModel, vocabulary: inside }, installed)).toEqual({
      entry: domainModel,
      outsideDomain: null,
      note: null,
    });
    // A broad model has no domain to leave.
    expect(
      chooseSpeechModel({ requested: broadModel, vocabulary: outside }, installed)?.note,
    ).toBeNull();
  });

  it('keeps the default, with a warning, when no broad speech model is installed', () => {
    // A broad model of another role (handwriting) does not count.
    const choice = chooseSpeechModel(
      { requested: null, vocabulary: vocabulary('zebra') },
      store([domainModel, inkWords]),
    );
    expect(choice?.entry).toBe(domainModel);
    expect(choice?.note).toBe(
      "Using speech-en, though your list has words outside speech-en's domain (zebra): no broad speech model is installed, so those words may come out as others.",
    );
  });

  it('keeps a default that is broad or has no word list: it has no domain to leave', () => {
    const outside = vocabulary('zebra', 'aardvark');
    const broadActive = store([domainModel, broadModel], broadModel);
    expect(chooseSpeechModel({ requested: null, vocabulary: outside }, broadActive)).toEqual({
      entry: broadModel,
      outsideDomain: null,
      note: null,
    });
    const spelling: ModelEntry = { ...domainModel, name: 'mine', lexicon: undefined };
    const choice = chooseSpeechModel(
      { requested: null, vocabulary: outside },
      store([spelling, broadModel]),
    );
    expect(choice?.entry).toBe(spelling);
    expect(choice?.note).toBeNull();
  });

  it('notes hotwords a domain model will hardly write, and never changes the model for them', () => {
    const hot = (hotwords: string[], requested: ModelEntry | null = null, s = installed) =>
      chooseSpeechModel({ requested, vocabulary: null, hotwords }, s);
    expect(hot(['yes', 'New York'])).toEqual({
      entry: domainModel,
      outsideDomain: null,
      note: null,
    });
    const outside = hot(['yes', 'zebra crossing']);
    expect(outside?.entry).toBe(domainModel);
    expect(outside?.note).toBe(
      "Hotwords outside speech-en's domain (zebra, crossing) will rarely come out: it writes the words of its own list. Put them in a vocabulary, or use speech-broad.",
    );
    // Asked for by name: the same note; without a broad model, no model to point to.
    expect(hot(['zebra'], domainModel)?.note).toMatch(/^Hotwords outside speech-en's domain/);
    expect(hot(['zebra'], null, store([domainModel]))?.note).toMatch(
      /own list\. Put them in a vocabulary\.$/,
    );
    // A broad model writes any word; with a vocabulary set, the vocabulary decides.
    expect(hot(['zebra'], broadModel)?.note).toBeNull();
    const listed = chooseSpeechModel(
      { requested: null, vocabulary: vocabulary('yes'), hotwords: ['zebra'] },
      installed,
    );
    expect(listed?.note).toBeNull();
  });

  it('finds nothing when no speech model is installed', () => {
    expect(
      chooseSpeechModel({ requested: null, vocabulary: vocabulary('yes') }, store([inkWords])),
    ).toBeUndefined();
  });
});

describe('wordsOutside', () => {
  it('lists each missing word once, in the order of the list', () => {
    expect(wordsOutside(vocabulary('b a', 'a', 'yes', 'B'), ['yes'])).toEqual(['b', 'a']);
  });
});
