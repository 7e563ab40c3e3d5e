import { describe, expect, it } from 'vitest';
import { unsureMark } from './unsure-marks';

describe('unsureMark', () => {
  it('marks a word by its first reason, and leaves a word to trust unmarked', () => {
    expect(unsureMark(['low-confidence', 'spelled-as-heard'])).toEqual({
      note: ' (low: check this word)',
      className: 'word low-confidence',
    });
    expect(unsureMark(['spelled-as-heard'])?.className).toBe('word spelled');
    expect(unsureMark(['spelled-as-heard'])?.note).toMatch(/not in the model's words/);
    expect(unsureMark([])).toBeUndefined();
    expect(unsureMark(undefined)).toBeUndefined();
  });
});
