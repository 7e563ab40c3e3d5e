import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorRate, cer, editDistance, wer } from './edit-distance';

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance(['go', 'stop'], ['go', 'stop'])).toBe(0);
  });

  it('is a metric: symmetric, zero only for equal, triangle inequality', () => {
    const s = fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        const ab = editDistance(a, b);
        expect(ab).toBe(editDistance(b, a));
        expect(ab === 0).toBe(a === b);
        expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('error rates', () => {
  it('computes CER and WER of single pairs', () => {
    expect(cer('abcd', 'abed')).toBeCloseTo(0.25);
    expect(wer('one two three four', 'one too three')).toBeCloseTo(0.5);
    expect(wer('', '')).toBe(0);
  });

  it('pools a corpus as totals', () => {
    const r = new ErrorRate();
    r.add('yes', 'yes');
    r.add('go stop', 'go');
    expect(r.wer).toBeCloseTo(1 / 3);
    expect(r.ser).toBeCloseTo(0.5);
    expect(r.accuracy).toBeCloseTo(0.5);
  });
});
