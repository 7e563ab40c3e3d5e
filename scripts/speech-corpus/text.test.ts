import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import {
  createTextSampler,
  mergeWordLists,
  ordinalWords,
  parseWordList,
  timeWords,
  wordCycle,
  yearWords,
  type TextKind,
} from './text';

const lists = parseWordList(
  [
    'apple',
    "apple's",
    'Aaron',
    'Zürich',
    'banana',
    'b',
    'a',
    'NASA',
    'cherry',
    'Boston',
    'x-ray',
  ].join('\n'),
);

describe('word lists', () => {
  it('keeps plain lower-case words and capitalised names, nothing else', () => {
    expect(lists.words).toEqual(['a', 'apple', 'banana', 'cherry']);
    expect(lists.names).toEqual(['aaron', 'boston']);
  });

  it('merges lists without a name that is also a word', () => {
    const merged = mergeWordLists([lists, parseWordList('Cherry\nDate\ndate')]);
    expect(merged.words).toEqual(['a', 'apple', 'banana', 'cherry', 'date']);
    expect(merged.names).toEqual(['aaron', 'boston']);
  });
});

describe('numbers as spoken', () => {
  it('says ordinals, years and times', () => {
    expect([1, 2, 3, 11, 12, 20, 21, 30, 31].map(ordinalWords)).toEqual([
      'first',
      'second',
      'third',
      'eleventh',
      'twelfth',
      'twentieth',
      'twenty first',
      'thirtieth',
      'thirty first',
    ]);
    expect(yearWords(1984)).toBe('nineteen eighty four');
    expect(yearWords(1905)).toBe('nineteen oh five');
    expect(yearWords(1900)).toBe('nineteen hundred');
    expect(yearWords(2005)).toBe('two thousand five');
    expect(yearWords(2024)).toBe('twenty twenty four');
    const never = () => 0.99;
    expect(timeWords(7, 5, never)).toBe('seven oh five');
    expect(timeWords(12, 45, never)).toBe('twelve forty five');
    expect(() => timeWords(13, 0, never)).toThrow(RangeError);
  });
});

describe('utterance texts', () => {
  it('are lower-case words of the speech alphabet, of every kind, reproducibly', () => {
    const draw = (seed: number) => {
      const next = createTextSampler(lists, seededRandom(seed));
      return Array.from({ length: 2000 }, next);
    };
    const texts = draw(5);
    expect(draw(5)).toEqual(texts);
    expect(draw(6)).not.toEqual(texts);
    for (const t of texts) expect(t.text).toMatch(/^[a-z']+( [a-z']+)*$/);
    const kinds = new Set<TextKind>(texts.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(
      [
        'command',
        'date',
        'digits',
        'letters',
        'name',
        'number',
        'sentence',
        'time',
        'word',
        'words',
        'year',
      ].sort(),
    );
    // Single words come from the word list.
    for (const t of texts.filter((x) => x.kind === 'word')) expect(lists.words).toContain(t.text);
  });

  it('holds for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const next = createTextSampler(lists, seededRandom(seed));
        for (let i = 0; i < 50; i++) expect(next().text).toMatch(/^[a-z']+( [a-z']+)*$/);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an empty word list', () => {
    expect(() => createTextSampler({ words: [], names: [] }, seededRandom(1))).toThrow(/empty/);
    expect(() => wordCycle([], 1, 0)).toThrow(/empty/);
  });

  it('take dictionary words from a word cycle when given one', () => {
    const next = createTextSampler(lists, seededRandom(2), () => 'banana');
    const texts = Array.from({ length: 300 }, next);
    for (const t of texts.filter((x) => x.kind === 'word')) expect(t.text).toBe('banana');
  });
});

describe('the word cycle', () => {
  const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
  const take = (seed: number, start: number, n: number) => {
    const next = wordCycle(words, seed, start);
    return Array.from({ length: n }, next);
  };

  it('gives shards reading from consecutive windows all the words once before any repeats', () => {
    const shards = [0, 1, 2, 3].map((i) => take(7, i * 250, 250));
    expect(new Set(shards.flat()).size).toBe(1000);
    // A shard's words depend only on the seed and its start.
    expect(take(7, 500, 250)).toEqual(shards[2]);
    expect(take(8, 500, 250)).not.toEqual(shards[2]);
  });

  it('wraps around the list', () => {
    expect(take(7, 1000, 5)).toEqual(take(7, 0, 5));
    expect(take(7, 998, 4)).toEqual([...take(7, 998, 2), ...take(7, 0, 2)]);
  });
});
