import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writerKey } from './unipen-writers';
import { splitByWriter } from './writer-split';

interface Sample {
  lab: string;
  writer: string;
  id: number;
}

const samples = fc
  .array(
    fc.record({
      lab: fc.constantFrom('cea', 'ceb', 'ced', 'cee', 'tos', 'apa', 'pri'),
      writer: fc.constantFrom('a', 'B', 'c', 'd.dat', 'e', 'f', 'g'),
    }),
    {
      maxLength: 200,
    },
  )
  .map((list) => list.map((s, id): Sample => ({ ...s, id })));

describe('splitByWriter', () => {
  it('never puts one person on both sides, holds out whole labs, is deterministic (property)', () => {
    fc.assert(
      fc.property(
        samples,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (list, fraction, seed) => {
          const options = { validationFraction: fraction, heldOutLabs: ['ced'], seed };
          const split = splitByWriter(list, options);
          expect(split.train.length + split.validation.length).toBe(list.length);
          const trainKeys = new Set(split.train.map((s) => writerKey(s.lab, s.writer)));
          for (const s of split.validation)
            expect(trainKeys.has(writerKey(s.lab, s.writer))).toBe(false);
          expect(split.train.some((s) => s.lab === 'ced')).toBe(false);
          // ced shares its people with cee: those cee samples are held out too.
          const cedWriters = new Set(
            list.filter((s) => s.lab === 'ced').map((s) => s.writer.toLowerCase()),
          );
          expect(
            split.train.some((s) => s.lab === 'cee' && cedWriters.has(s.writer.toLowerCase())),
          ).toBe(false);
          // Order of the input does not change who is chosen.
          const again = splitByWriter([...list].reverse(), options);
          expect(again.validationWriters).toEqual(split.validationWriters);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes about the requested fraction when writers are many', () => {
    const list = Array.from({ length: 2000 }, (_, i) => ({ lab: 'apa', writer: `w${i % 100}` }));
    const { validation } = splitByWriter(list, { validationFraction: 0.2, seed: 3 });
    expect(validation.length).toBe(400);
    const other = splitByWriter(list, { validationFraction: 0.2, seed: 4 });
    expect(other.validationWriters).not.toEqual(
      splitByWriter(list, { validationFraction: 0.2, seed: 3 }).validationWriters,
    );
  });

  it('refuses a fraction outside [0, 1]', () => {
    expect(() => splitByWriter([], { validationFraction: 1.5, seed: 0 })).toThrow(
      /validationFraction/,
    );
  });
});
