import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forcedAlign } from './align.js';
import { ctcLoss } from './loss.js';
import { collapse, forEachPath, logSoftmax } from '../test/brute-force.js';

const lp = (rows: number[][]) => Float32Array.from(rows.flat().map(Math.log));

/** Log-probability of the best path collapsing to target, by enumerating all V^T paths. */
function bruteBestPath(logProbs: ArrayLike<number>, T: number, V: number, target: number[]) {
  let best = -Infinity;
  forEachPath(logProbs, T, V, (path, logP) => {
    if (logP > best && collapse(path, 0).join(',') === target.join(',')) best = logP;
  });
  return best;
}

describe('forcedAlign', () => {
  it('gives each label the frames of its run on the best path', () => {
    // Best path _ a a _ b b _ : "a" on frames 1-2, "b" on 4-5.
    const x = lp([
      [0.8, 0.1, 0.1],
      [0.1, 0.8, 0.1],
      [0.2, 0.7, 0.1],
      [0.8, 0.1, 0.1],
      [0.1, 0.1, 0.8],
      [0.1, 0.2, 0.7],
      [0.9, 0.05, 0.05],
    ]);
    const r = forcedAlign(x, 7, 3, [1, 2]);
    expect(r.tokens).toEqual([
      { token: 1, start: 1, end: 2 },
      { token: 2, start: 4, end: 5 },
    ]);
    expect(r.logProb).toBeCloseTo(Math.log(0.8 * 0.8 * 0.7 * 0.8 * 0.8 * 0.7 * 0.9), 5);
  });

  it('separates a repeated label by a blank even where the network did not', () => {
    const x = lp([
      [0.1, 0.8, 0.1],
      [0.3, 0.6, 0.1],
      [0.1, 0.8, 0.1],
    ]);
    const r = forcedAlign(x, 3, 3, [1, 1]);
    expect(r.tokens).toEqual([
      { token: 1, start: 0, end: 0 },
      { token: 1, start: 2, end: 2 },
    ]);
  });

  it('reports an impossible alignment instead of inventing one', () => {
    const x = lp([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(forcedAlign(x, 2, 2, [1, 1, 1])).toEqual({ tokens: [], logProb: -Infinity });
    expect(forcedAlign(new Float32Array(0), 0, 2, [])).toEqual({ tokens: [], logProb: -Infinity });
    expect(forcedAlign(x, 2, 2, []).tokens).toEqual([]);
  });

  it('validates its arguments', () => {
    expect(() => forcedAlign(new Float32Array(5), 2, 3, [1])).toThrow(/expected \[T=2, V=3\]/);
    expect(() => forcedAlign(new Float32Array(6), 2, 3, [0])).toThrow(/blank/);
    expect(() => forcedAlign(new Float32Array(6), 2, 3, [3])).toThrow(/label index/);
  });

  it('finds the best path of exhaustive search, no likelier than the CTC total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 3 }),
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 15, maxLength: 15 }),
        (T, V, rawTarget, logits) => {
          const target = rawTarget.filter((k) => k < V);
          const x = logSoftmax(logits.slice(0, T * V), T, V);
          const r = forcedAlign(x, T, V, target);
          const best = bruteBestPath(x, T, V, target);
          if (best === -Infinity) return r.logProb === -Infinity;
          expect(r.logProb).toBeCloseTo(best, 9);
          expect(r.logProb).toBeLessThanOrEqual(-ctcLoss(x, T, V, target).loss + 1e-9);
          // Spans are in order, disjoint, and each frame of a span is its label on some best path.
          r.tokens.forEach((tok, i) => {
            expect(tok.token).toBe(target[i]);
            expect(tok.start).toBeLessThanOrEqual(tok.end);
            if (i > 0) expect(tok.start).toBeGreaterThan(r.tokens[i - 1].end);
          });
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
