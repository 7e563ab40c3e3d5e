import { describe, expect, it } from 'vitest';
import { Alphabet } from './alphabet.js';

describe('Alphabet', () => {
  const a = Alphabet.fromChars("_ 'abc");

  it('maps text to indices and back', () => {
    expect(a.size).toBe(6);
    expect(a.delimiterIndex).toBe(1);
    expect(a.encode("ab c'")).toEqual([3, 4, 1, 5, 2]);
    expect(a.decode([0, 3, 0, 4, 1, 5])).toBe('ab c');
  });

  it('encodes multi-character tokens longest first', () => {
    const bpe = new Alphabet(['<b>', 'th', 't', 'h', 'e', '|'], { wordDelimiter: '|' });
    expect(bpe.encode('the|th')).toEqual([1, 4, 5, 1]);
  });

  it('builds masks and rejects bad input with a clear message', () => {
    expect(Array.from(a.mask('ab'))).toEqual([1, 1, 0, 1, 1, 0]);
    expect(Array.from(a.mask('ab', false))).toEqual([1, 0, 0, 1, 1, 0]);
    expect(() => a.encode('abz')).toThrow(/"z" at position 2 is not in the alphabet/);
    expect(() => a.mask('z')).toThrow(/not a token/);
    expect(() => new Alphabet(['_', 'a', 'a'])).toThrow(/tokens\[2\] "a" repeats tokens\[1\]/);
    expect(() => new Alphabet(['_', ''])).toThrow(/tokens\[1\]/);
    expect(() => new Alphabet(['_', 'a'], { blank: 2 })).toThrow(/options.blank/);
  });
});
