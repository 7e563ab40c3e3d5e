import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOLDABLE_WORDS,
  inverseNormalize,
  inverseNormalizeText,
  isSpelled,
  type TimedWord,
} from './inverse-normalize';
import { NUMBER_WORDS, ordinalSuffix, readNumber, spokenOrdinal } from './number-words';

describe('inverse text normalization', () => {
  it.each([
    // one spoken number → its value
    ['seventy three', '73'],
    ['ten', '10'],
    ['nineteen', '19'],
    ['one hundred', '100'],
    ['one hundred and five', '105'],
    ['three hundred twenty one', '321'],
    ['two thousand twenty six', '2026'],
    ['two thousand and five', '2005'],
    ['nineteen hundred', '1900'],
    ['ten thousand', '10,000'],
    ['one hundred thousand', '100,000'],
    ['three million two hundred thousand', '3,200,000'],
    ['twenty-one', 'twenty-one'], // hyphenated words are not split
    // digit groups said one after the other → one digit string
    ['seven three', '73'],
    ['one two three four', '1234'],
    ['oh seven', '07'],
    ['zero zero seven', '007'],
    ['nineteen eighty four', '1984'],
    ['twenty twenty six', '2026'],
    ['three fifty four', '354'],
    ['one oh one', '101'],
    ['twenty two hundred', '2200'],
    ['one hundred twelve thirteen', '112 13'],
    // lone numbers below ten stay words in running text
    ['one idea', 'one idea'],
    ['i have two cats', 'i have two cats'],
    ['zero', 'zero'],
    ['oh no', 'oh no'],
    ['a hundred people', 'a hundred people'],
    ['seven people and twelve dogs', 'seven people and 12 dogs'],
    // ordinals
    ['the first time', 'the first time'],
    ['the tenth time', 'the 10th time'],
    ['twenty first century', '21st century'],
    ['eleventh twelfth thirteenth', '11th 12th 13th'],
    ['one hundred and second', '102nd'],
    ['the fifth of march', 'the 5th of March'],
    // dates
    ['march fifth', 'March 5'],
    ['march five', 'March 5'],
    ['on july twenty first', 'on July 21'],
    ['march fifth twenty twenty six', 'March 5, 2026'],
    ['december thirty first nineteen ninety nine', 'December 31, 1999'],
    ['may i come', 'may i come'],
    ['march forty', 'march 40'],
    // times
    ['three thirty p m', '3:30 PM'],
    ['three p m', '3 PM'],
    ['twelve fifteen a m', '12:15 AM'],
    ['nine oh five am', '9:05 AM'],
    ["seven o'clock", '7:00'],
    ['meet at three thirty', 'meet at 3:30'],
    ['at three', 'at three'],
    ['thirteen p m', '13 p m'],
    // money, percent, decimals
    ['five dollars', '$5'],
    ['one dollar', '$1'],
    ['five dollars and twenty cents', '$5.20'],
    ['twenty five dollars and five cents', '$25.05'],
    ['ten thousand dollars', '$10,000'],
    ['twenty five cents', '25¢'],
    ['three euros', '€3'],
    ['ten percent', '10%'],
    ['five percent', '5%'],
    ['three point one four', '3.14'],
    ['two point five percent', '2.5%'],
    ['point blank', 'point blank'],
    // spoken commands are not numbers
    ['seven three period new line', '73 period new line'],
    ['scratch that', 'scratch that'],
  ])('%s → %s', (said, written) => {
    expect(inverseNormalizeText(said)).toBe(written);
  });

  it('leaves spelled utterances as said', () => {
    for (const spelled of ['b seven three', 'e m i l y', 'a b c', 'r u b o u t', 'one x two']) {
      expect(isSpelled(spelled.split(' '))).toBe(true);
      expect(inverseNormalizeText(spelled)).toBe(spelled);
    }
    for (const dictated of ['seven three', 'three thirty p m', 'i have a dog', 'a m']) {
      expect(isSpelled(dictated.split(' '))).toBe(false);
    }
  });

  it('gives a merged token the span of its words and their lowest confidence', () => {
    const words: TimedWord[] = [
      { word: 'at', start: 0, end: 0.2, confidence: 0.9 },
      { word: 'three', start: 0.3, end: 0.6, confidence: 0.8 },
      { word: 'thirty', start: 0.7, end: 1.0, confidence: 0.5 },
      { word: 'p', start: 1.1, end: 1.2, confidence: 0.9 },
      { word: 'm', start: 1.2, end: 1.4, confidence: 0.95 },
      { word: 'march', start: 2, end: 2.4, confidence: 0.9 },
      { word: 'fifth', start: 2.5, end: 2.9, confidence: 0.7 },
    ];
    expect(inverseNormalize(words)).toEqual([
      { word: 'at', start: 0, end: 0.2, confidence: 0.9 },
      { word: '3:30 PM', start: 0.3, end: 1.4, confidence: 0.5 },
      { word: 'March', start: 2, end: 2.4, confidence: 0.9 },
      { word: '5', start: 2.5, end: 2.9, confidence: 0.7 },
    ]);
  });

  it('reads one number at a time and suffixes ordinals', () => {
    expect(readNumber(['seven', 'three'], 0)).toMatchObject({ value: 7, length: 1, group: true });
    expect(readNumber(['twenty', 'first', 'x'], 0)).toMatchObject({ value: 21, ordinal: true });
    expect(readNumber(['and', 'five'], 0)).toBeNull();
    expect(readNumber(['hundred'], 0)).toBeNull();
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinalSuffix)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
    ]);
  });

  it('spells ordinals 1 to 99 as words readNumber reads back', () => {
    expect([5, 12, 30, 21, 99].map(spokenOrdinal)).toEqual([
      'fifth',
      'twelfth',
      'thirtieth',
      'twenty first',
      'ninety ninth',
    ]);
    for (let n = 1; n <= 99; n++) {
      const words = spokenOrdinal(n).split(' ');
      expect(readNumber(words, 0)).toMatchObject({ value: n, length: words.length, ordinal: true });
    }
    expect(() => spokenOrdinal(0)).toThrow(/1 to 99/);
    expect(() => spokenOrdinal(100)).toThrow(/1 to 99/);
  });
});

// Words from everything the normalizer reacts to, and words it must leave alone.
const CONTEXT = ['of', 'at', 'the', 'march', 'may', 'june', 'new', 'line', 'period', 'comma'];
const wordArb = fc.oneof(
  fc.constantFrom(...NUMBER_WORDS, ...FOLDABLE_WORDS, ...CONTEXT),
  fc.stringMatching(/^[a-z]{1,7}$/),
);
const timedArb = fc
  .array(wordArb, { maxLength: 30 })
  .map((words) =>
    words.map((word, i) => ({ word, start: i, end: i + 0.5, confidence: ((i * 7) % 10) / 10 })),
  );

describe('inverse text normalization, for any words', () => {
  it('never loses, reorders or changes a word that is not part of a number', () => {
    fc.assert(
      fc.property(timedArb, (words) => {
        const kept = words.map((w) => w.word).filter((w) => !FOLDABLE_WORDS.has(w));
        const out = inverseNormalize(words).flatMap((w) =>
          w.word.split(' ').map((x) => x.replace(/,$/, '').toLowerCase()),
        );
        let at = 0;
        for (const word of kept) {
          at = out.indexOf(word, at);
          expect(at, `"${word}" kept`).toBeGreaterThanOrEqual(0);
          at += 1;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps timings in order, spanning exactly the input, and is idempotent', () => {
    fc.assert(
      fc.property(timedArb, (words) => {
        const out = inverseNormalize(words);
        expect(out.length).toBeLessThanOrEqual(words.length);
        if (words.length) {
          expect(out[0]!.start).toBe(words[0]!.start);
          expect(out.at(-1)!.end).toBe(words.at(-1)!.end);
        }
        for (let i = 0; i < out.length; i++) {
          expect(out[i]!.start).toBeLessThanOrEqual(out[i]!.end);
          if (i > 0) expect(out[i]!.start).toBeGreaterThan(out[i - 1]!.end);
        }
        expect(inverseNormalize(out)).toEqual(out);
      }),
      { numRuns: 500 },
    );
  });
});
