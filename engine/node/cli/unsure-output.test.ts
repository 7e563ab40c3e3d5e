import { describe, expect, it } from 'vitest';
import type { FlaggedWord } from '../../index';
import { bracketUnsure } from './unsure-output';

const word = (w: string, confidence = 0.9) => ({ word: w, start: 0, end: 0.3, confidence });
const flagged = (w: string, unsure: boolean): FlaggedWord => ({ ...word(w), unsure });

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
