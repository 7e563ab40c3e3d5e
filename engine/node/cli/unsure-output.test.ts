import { describe, expect, it } from 'vitest';
import { bracketUnsure, unsureFlagger, type FlaggedWord } from './unsure-output';

const word = (w: string, confidence = 0.9) => ({ word: w, start: 0, end: 0.3, confidence });
const flagged = (w: string, unsure: boolean): FlaggedWord => ({ ...word(w), unsure });

describe('unsureFlagger', () => {
  const resources = { lmArpa: null, lmUnit: 'word' as const, lexicon: ['call', 'me'] };

  it('flags low confidence and words outside the lexicon, the vocabulary and the hotwords', () => {
    const flag = unsureFlagger(resources, [{ phrase: 'jon', weight: 0, written: 'John' }], ['now']);
    expect(flag([word('call'), word('John'), word('now'), word('me', 0.3), word('santo')])).toEqual(
      [
        { ...word('call'), unsure: false },
        { ...word('John'), unsure: false },
        { ...word('now'), unsure: false },
        { ...word('me', 0.3), unsure: true, why: ['low-confidence'] },
        { ...word('santo'), unsure: true, why: ['spelled-as-heard'] },
      ],
    );
  });

  it('judges by confidence alone for a decoder without a word list', () => {
    const flag = unsureFlagger({ lmArpa: null, lmUnit: 'word', lexicon: null }, null, []);
    expect(flag([word('santo'), word('x', 0.1)]).map((w) => w.unsure)).toEqual([false, true]);
  });
});

describe('bracketUnsure', () => {
  it("brackets the unsure words in the text's own spacing", () => {
    expect(
      bracketUnsure('call  me santo', [
        flagged('call', false),
        flagged('me', true),
        flagged('santo', true),
      ]),
    ).toBe('call  [me] [santo]');
  });

  it('finds each word after the one before (a word inside another is not taken)', () => {
    expect(
      bracketUnsure('at cat at', [
        flagged('at', false),
        flagged('cat', false),
        flagged('at', true),
      ]),
    ).toBe('at cat [at]');
  });

  it('leaves a word it cannot find unmarked, and the text whole', () => {
    expect(bracketUnsure('call me', [flagged('nope', true), flagged('me', true)])).toBe(
      'call [me]',
    );
    expect(bracketUnsure('', [])).toBe('');
  });
});
