import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import {
  createTextSampler,
  mergeWordLists,
  ordinalWords,
  parseWordList,
  timeWords,
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
  });
});
