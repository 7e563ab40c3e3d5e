import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ctcLoss, ctcLossBatch } from './loss.js';
import { labellingProbabilities, logSoftmax } from '../test/brute-force.js';

/** A random tiny problem: logits [T, V] and a target of any length up to T. */
const tinyCase = fc
  .record({ T: fc.integer({ min: 1, max: 6 }), V: fc.integer({ min: 2, max: 4 }) })
  .chain(({ T, V }) =>
    fc.record({
      T: fc.constant(T),
      V: fc.constant(V),
      blank: fc.integer({ min: 0, max: V - 1 }),
      logits: fc.array(fc.double({ min: -4, max: 4, noNaN: true }), {
        minLength: T * V,
        maxLength: T * V,
      }),
      labels: fc.array(fc.integer({ min: 0, max: V - 2 }), { maxLength: T }),
    }),
  )
  .map(({ T, V, blank, logits, labels }) => ({
    T,
    V,
    blank,
    logProbs: logSoftmax(logits, T, V),
    // Map 0..V-2 onto the non-blank labels.
    target: labels.map((k) => (k >= blank ? k + 1 : k)),
  }));

describe('ctcLoss', () => {
  it('equals the brute-force sum over all alignments (T <= 6, V <= 4)', () => {
    fc.assert(
      fc.property(tinyCase, ({ T, V, blank, logProbs, target }) => {
        const p = labellingProbabilities(logProbs, T, V, blank).get(target.join(',')) ?? 0;
        const { loss, grad } = ctcLoss(logProbs, T, V, target, { blank });
        if (p === 0) {
          expect(loss).toBe(Infinity);
          expect(grad.every((g) => g === 0)).toBe(true);
        } else {
          expect(Math.abs(loss - -Math.log(p))).toBeLessThanOrEqual(
            1e-5 * Math.max(1, -Math.log(p)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gradient w.r.t. the logits matches central finite differences', () => {
    fc.assert(
      fc.property(tinyCase, fc.nat(), ({ T, V, blank, logProbs, target }, seed) => {
        const { loss, grad } = ctcLoss(logProbs, T, V, target, { blank });
        if (loss === Infinity) return;
        // Treat logProbs as logits: log-softmax is idempotent, so they are valid logits.
        const h = 1e-5;
        const i = seed % (T * V);
        const plus = Float64Array.from(logProbs);
        const minus = Float64Array.from(logProbs);
        plus[i] += h;
        minus[i] -= h;
        const numeric =
          (ctcLoss(logSoftmax(plus, T, V), T, V, target, { blank }).loss -
            ctcLoss(logSoftmax(minus, T, V), T, V, target, { blank }).loss) /
          (2 * h);
        expect(Math.abs(grad[i] - numeric)).toBeLessThan(1e-4 + 1e-3 * Math.abs(numeric));
      }),
      { numRuns: 200 },
    );
  });

  it('every gradient row sums to zero (softmax folded in)', () => {
    fc.assert(
      fc.property(tinyCase, ({ T, V, blank, logProbs, target }) => {
        const { loss, grad } = ctcLoss(logProbs, T, V, target, { blank });
        if (loss === Infinity) return;
        for (let t = 0; t < T; t++) {
          let sum = 0;
          for (let k = 0; k < V; k++) sum += grad[t * V + k];
          expect(Math.abs(sum)).toBeLessThan(1e-5);
        }
      }),
    );
  });

  it('hand-computed case: T=2, V=2, target [1]', () => {
    // Paths giving "1": (1,1), (0,1), (1,0). p = .6*.3 + .4*.3 + .6*.7 = 0.72
    const lp = Float32Array.from([0.4, 0.6, 0.7, 0.3].map(Math.log));
    const { loss, grad } = ctcLoss(lp, 2, 2, [1]);
    expect(loss).toBeCloseTo(-Math.log(0.72), 6);
    // Occupancy of label 1 at t=0: (.6*.3 + .6*.7) / .72; grad = y - occupancy.
    expect(grad[1]).toBeCloseTo(0.6 - 0.6 / 0.72, 6);
  });

  it('empty target is the all-blank labelling', () => {
    const lp = Float32Array.from([0.5, 0.5, 0.25, 0.75].map(Math.log));
    expect(ctcLoss(lp, 2, 2, []).loss).toBeCloseTo(-Math.log(0.5 * 0.25), 6);
  });

  it('T = 0 and too-short inputs give +Infinity with a zero gradient, or 0 with zeroInfinity', () => {
    const lp = new Float32Array(3 * 3).fill(Math.log(1 / 3));
    for (const [T, target] of [
      [0, [1]],
      [0, []],
      [2, [1, 2, 1]],
      [2, [1, 1]], // repeated labels need a blank between them: 3 frames
    ] as const) {
      const r = ctcLoss(lp, T, 3, target);
      expect(r.loss).toBe(Infinity);
      expect(r.grad.every((g) => g === 0)).toBe(true);
      expect(ctcLoss(lp, T, 3, target, { zeroInfinity: true }).loss).toBe(0);
    }
    expect(ctcLoss(lp, 3, 3, [1, 1]).loss).toBeCloseTo(-Math.log(1 / 27), 5);
  });

  it('stays finite with -Infinity log-probabilities where a path still exists', () => {
    const lp = Float32Array.from([0, -Infinity, -Infinity, 0]);
    const r = ctcLoss(lp, 2, 2, [1]);
    expect(r.loss).toBeCloseTo(0, 6);
    expect(r.grad.every(Number.isFinite)).toBe(true);
  });

  it('validates its arguments, naming them', () => {
    const lp = new Float32Array(6).fill(Math.log(1 / 3));
    expect(() => ctcLoss(lp, 3, 3, [1])).toThrow(/logProbs has 6 values, expected \[T=3, V=3\]/);
    expect(() => ctcLoss(lp, 2, 3, [3])).toThrow(RangeError);
    expect(() => ctcLoss(lp, 2, 3, [0])).toThrow(/target\[0\] is the blank/);
    expect(() => ctcLoss(lp, 2.5, 3, [1])).toThrow(TypeError);
    expect(() => ctcLoss(lp, 2, 3, [1], { blank: 3 })).toThrow(/options.blank/);
    const nan = lp.slice();
    nan[4] = NaN;
    expect(() => ctcLoss(nan, 2, 3, [1])).toThrow(/logProbs\[4\] \(row 1, column 1\) is NaN/);
    expect(() => ctcLoss([0, 0] as unknown as Float32Array, 1, 2, [1])).toThrow(TypeError);
  });
});

describe('ctcLossBatch', () => {
  it('equals per-sequence ctcLoss and zeroes the padding', () => {
    fc.assert(
      fc.property(fc.array(tinyCase, { minLength: 1, maxLength: 4 }), (cases) => {
        const V = 4;
        const Tmax = 6;
        const blank = 0;
        const padded = new Float32Array(cases.length * Tmax * V).fill(-1);
        const lengths: number[] = [];
        const targets: number[][] = [];
        const singles = cases.map(({ T, logProbs }, b) => {
          // Re-embed each case in V = 4 with blank 0 (extra labels get log 0).
          const lp = new Float32Array(T * V).fill(-Infinity);
          for (let t = 0; t < T; t++) {
            for (let k = 0; k < cases[b].V; k++) lp[t * V + k] = logProbs[t * cases[b].V + k];
          }
          padded.set(lp, b * Tmax * V);
          lengths.push(T);
          // Swap labels 0 and the case's blank so that blank is 0 here.
          const target = cases[b].target.map((k) => (k === 0 ? cases[b].blank : k));
          targets.push(target);
          return ctcLoss(lp, T, V, target, { blank });
        });
        const { losses, grad } = ctcLossBatch(padded, lengths, Tmax, V, targets, { blank });
        singles.forEach((single, b) => {
          expect(losses[b]).toBe(single.loss);
          const g = grad.subarray(b * Tmax * V, (b + 1) * Tmax * V);
          expect(Array.from(g.subarray(0, lengths[b] * V))).toEqual(Array.from(single.grad));
          expect(g.subarray(lengths[b] * V).every((x) => x === 0)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('validates lengths against the batch', () => {
    const lp = new Float32Array(2 * 3 * 2);
    expect(() => ctcLossBatch(lp, [3], 3, 2, [[1], [1]])).toThrow(/lengths must have one entry/);
    expect(() => ctcLossBatch(lp, [3, 4], 3, 2, [[1], [1]])).toThrow(/lengths\[1\]/);
  });
});
