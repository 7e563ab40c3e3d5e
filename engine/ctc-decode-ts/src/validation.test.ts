// Fuzzing the boundaries: arbitrary arguments either work or throw a
// RangeError/TypeError; they never crash elsewhere or produce NaN.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { BeamSearchDecoder } from './beam-search.js';
import { greedyDecode } from './greedy.js';
import { ctcLoss, ctcLossBatch } from './loss.js';

const anyNumber = fc.oneof(
  fc.integer({ min: -3, max: 8 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 2.5),
);
const values = fc.array(fc.oneof(fc.double({ min: -20, max: 0 }), anyNumber), { maxLength: 40 });

function expectBoundaryError(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    expect(e instanceof RangeError || e instanceof TypeError, String(e)).toBe(true);
    return undefined;
  }
}

describe('argument fuzzing', () => {
  it('ctcLoss, ctcLossBatch and greedyDecode', () => {
    fc.assert(
      fc.property(
        values,
        anyNumber,
        anyNumber,
        fc.array(anyNumber, { maxLength: 5 }),
        anyNumber,
        (raw, T, V, target, blank) => {
          const lp = Float32Array.from(raw);
          const r = expectBoundaryError(() => ctcLoss(lp, T, V, target, { blank })) as
            { loss: number; grad: Float32Array } | undefined;
          if (r) {
            expect(Number.isNaN(r.loss)).toBe(false);
            expect(r.grad.every((g) => !Number.isNaN(g))).toBe(true);
          }
          expectBoundaryError(() => ctcLossBatch(lp, [T, T], T, V, [target, target], { blank }));
          expectBoundaryError(() => greedyDecode(lp, T, V, { blank }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('BeamSearchDecoder options and inputs', () => {
    const alphabet = Alphabet.fromChars('_ ab');
    fc.assert(
      fc.property(
        values,
        fc.record(
          {
            beamWidth: anyNumber,
            beamPruneLogProb: anyNumber,
            tokenMinLogProb: anyNumber,
            nbest: anyNumber,
            alpha: anyNumber,
            hotwordWeight: anyNumber,
            hotwords: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
            lexicon: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
            lexiconMode: fc.constantFrom('open', 'constrained', 'other'),
          },
          { requiredKeys: [] },
        ),
        (raw, options) => {
          const decoder = expectBoundaryError(
            () => new BeamSearchDecoder(alphabet, options as never),
          ) as BeamSearchDecoder | undefined;
          if (!decoder) return;
          const results = expectBoundaryError(() => decoder.decode(Float32Array.from(raw))) as
            { score: number }[] | undefined;
          for (const r of results ?? []) expect(Number.isNaN(r.score)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
