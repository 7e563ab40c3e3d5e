import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/index';
import { englishLmText, normalizeSentence, wordNetExamples } from './english-lm';
import { parseWordList } from './text';

// Two synsets as WordNet 3.0's data.noun writes them, after its licence header.
const DATA = [
  '  1 This software and database is being provided to you, the LICENSEE, by  ',
  '  2 Princeton University under the following license.',
  '00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived to exist; "the team is a unit"',
  '00002137 03 n 02 abstraction 0 abstract_entity 0 | a concept; "it was full of rackets, balls and other objects"; "he was born in 1990"; "O\'Neill\'s well-known café"',
  '',
].join('\n');

describe('English LM text', () => {
  it('turns written sentences into spoken lower-case words, or refuses them', () => {
    expect(normalizeSentence('How big is that part compared to the whole?')).toBe(
      'how big is that part compared to the whole',
    );
    expect(normalizeSentence("a well-known 'quote' isn't (it?)")).toBe(
      "a well known quote isn't it",
    );
    expect(normalizeSentence('born in 1990')).toBeNull(); // digits are said as words
    expect(normalizeSentence('salt & pepper')).toBeNull();
    expect(normalizeSentence('a café')).toBeNull();
    expect(normalizeSentence('alone')).toBeNull(); // fewer than two words
    expect(normalizeSentence('alone', 1)).toBe('alone');
  });

  it("takes WordNet's quoted examples from the glosses, not its licence or definitions", () => {
    expect(wordNetExamples(DATA)).toEqual([
      'the team is a unit',
      'it was full of rackets balls and other objects',
    ]);
  });

  it('joins examples, generated utterances and every listed word, reproducibly', () => {
    const lists = parseWordList('apple\nbanana\ncherry\nBoston\nAaron');
    const make = () =>
      englishLmText({ wordNet: [DATA, DATA], lists, generated: 50, rng: seededRandom(3) });
    const text = make();
    expect(text.counts).toEqual({ wordNet: 2, generated: 50, listWords: 5 });
    expect(text.sentences).toHaveLength(2 + 50 + 5);
    expect(text.sentences.slice(-5)).toEqual([
      ['apple'],
      ['banana'],
      ['cherry'],
      ['aaron'],
      ['boston'],
    ]);
    for (const s of text.sentences) for (const w of s) expect(w).toMatch(/^[a-z]+('[a-z]+)*$/);
    expect(make()).toEqual(text);
  });
});
