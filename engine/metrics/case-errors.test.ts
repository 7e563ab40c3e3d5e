import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseErrorKinds, countCaseErrors, letterCase } from './case-errors';

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

describe('caseErrorKinds', () => {
  it('names each case error by how the reference and the reading are cased', () => {
    expect(letterCase('to')).toBe('lower');
    expect(letterCase("Isn't")).toBe('Capitalised');
    expect(letterCase('I')).toBe('Capitalised');
    expect(letterCase("ISN'T")).toBe('CAPITALS');
    expect(letterCase('TaKE')).toBe('mixed');
    expect(letterCase('42.')).toBe('none');
    expect(
      caseErrorKinds([
        { reference: 'TO', hypothesis: 'To' },
        { reference: 'IT is', hypothesis: 'It Is' },
        { reference: 'TAKE', hypothesis: 'TaKE' },
        { reference: 'to', hypothesis: 'to' },
        { reference: 'to be', hypothesis: 'To' },
      ]),
    ).toEqual({ 'CAPITALS -> Capitalised': 2, 'lower -> Capitalised': 1, 'CAPITALS -> mixed': 1 });
  });

  it('counts as many errors as countCaseErrors', () => {
    const word = fc.stringMatching(/^[a-zA-Z']{1,4}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 5 }), (pairs) => {
        const d = {
          reference: pairs.map(([r]) => r).join(' '),
          hypothesis: pairs.map(([r, h]) => (h.length % 2 ? r.toUpperCase() : h)).join(' '),
        };
        const total = Object.values(caseErrorKinds([d])).reduce((a, b) => a + b, 0);
        expect(total).toBe(countCaseErrors(d.reference, d.hypothesis));
      }),
    );
  });
});
