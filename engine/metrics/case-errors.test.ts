import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCaseErrors } from './case-errors';

describe('countCaseErrors', () => {
  it('counts words right but for their capitalisation', () => {
    expect(countCaseErrors('Paris', 'paris')).toBe(1);
    expect(countCaseErrors('Paris', 'Paris')).toBe(0);
    expect(countCaseErrors('Paris', 'Parts')).toBe(0);
    expect(countCaseErrors('The cat In', 'the cat in')).toBe(2);
    expect(countCaseErrors('The cat', 'the cat sat')).toBe(0);
  });

  it('never exceeds the word count, and is zero for a hypothesis equal to the reference', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z]{1,5}$/), { maxLength: 6 }), (words) => {
        const ref = words.join(' ');
        expect(countCaseErrors(ref, ref)).toBe(0);
        expect(countCaseErrors(ref, ref.toLowerCase())).toBe(
          words.filter((w) => w !== w.toLowerCase()).length,
        );
      }),
    );
  });
});
