import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { InkPoint } from '../ink/index';
import { tinyInkModelBytes } from '../test-support/tiny-networks';
import { defaultDecodeParams, type DecodeParams } from './decode-params';
import { readsLineByWordGaps, recognizeInk } from './ink';
import { InkSession, type StrokeEvent } from './ink-session';
import { loadRecognizer, type Recognizer } from './recognizer';

/** A tiny seeded ink model over these labels (blank first). */
const inkModel = (alphabet: string[], seed: number): Recognizer =>
  loadRecognizer(tinyInkModelBytes({ alphabet, seed, hidden: 6 }));

const digits = inkModel(['', ...'0123456789'], 5);
// Letters and digits without a space: a line is read word by word.
const words = inkModel(['', ...'abcdeo01'], 7);
// With a space label: ink on several lines is read line by line.
const spaced = inkModel(['', ' ', ...'abcdeo01.,'], 9);
const params: DecodeParams = { ...defaultDecodeParams(), beamWidth: 4, nbest: 3 };

/** A short stroke: a hook at (x, y), `size` tall. */
const hook = (x: number, y: number, size = 10): InkPoint[] =>
  Array.from({ length: 8 }, (_, i) => ({
    x: x + (size * Math.sin(i / 2)) / 2,
    y: y + (size * i) / 7,
  }));

/** The strokes the events leave, applied to a plain list. */
function replay(events: StrokeEvent[]): InkPoint[][] {
  let strokes: InkPoint[][] = [];
  for (const e of events) {
    if (e.type === 'add') strokes.push(e.points);
    else if (e.type === 'undo') strokes.pop();
    else strokes = [];
  }
  return strokes;
}

const once = (rec: Recognizer, strokes: InkPoint[][]) =>
  recognizeInk(rec, { strokes: strokes.map((points) => ({ points })) }, params);

describe('InkSession', () => {
  it('the words model reads a line word by word (the pieces the session keeps)', () => {
    expect(readsLineByWordGaps(words.labels)).toBe(true);
    expect(readsLineByWordGaps(digits.labels)).toBe(false);
  });

  it('adds, undoes and clears: each result equals recognizing those strokes at once', () => {
    const s = new InkSession(digits, params);
    const a = hook(0, 0);
    const b = hook(6, 0);
    expect(s.apply([{ type: 'add', points: a }])).toEqual(once(digits, [a]));
    expect(s.apply([{ type: 'add', points: b }])).toEqual(once(digits, [a, b]));
    expect(s.apply([{ type: 'undo' }])).toEqual(once(digits, [a]));
    expect(s.apply([{ type: 'clear' }, { type: 'add', points: b }])).toEqual(once(digits, [b]));
    expect(s.strokeCount).toBe(1);
    expect(s.apply([{ type: 'undo' }, { type: 'undo' }]).text).toBe('');
    expect(() => s.apply([{ type: 'add', points: [] }])).toThrow(/at least one point/);
  });

  it('decodes nothing when nothing changed or after an undo', () => {
    const [a, b] = [hook(0, 0), hook(6, 0)];
    const one = once(digits, [a]);
    const s = new InkSession(digits, params);
    const runs = vi.spyOn(digits.network, 'recognize');
    s.apply([{ type: 'add', points: a }]);
    s.apply([{ type: 'add', points: b }]);
    expect(runs).toHaveBeenCalledTimes(2);
    expect(s.apply([])).toEqual(s.current());
    expect(s.undoStroke()).toEqual(one);
    expect(s.apply([{ type: 'add', points: b }, { type: 'undo' }])).toEqual(one);
    expect(runs).toHaveBeenCalledTimes(2);
    runs.mockRestore();
  });

  it('decodes nothing when nothing changed or after an undo, and not again the words it read', () => {
    const line = [hook(0, 0), hook(5, 0), hook(60, 0), hook(65, 0)];
    const other = hook(120, 0);
    const runs = vi.spyOn(words.network, 'recognize');
    const runsOf = <T>(f: () => T): [T, number] => {
      runs.mockClear();
      const value = f();
      return [value, runs.mock.calls.length];
    };
    const [four, fourAtOnce] = runsOf(() => once(words, line));
    const [three] = runsOf(() => once(words, line.slice(0, 3)));
    const [withOther, otherAtOnce] = runsOf(() => once(words, [...line.slice(0, 3), other]));

    const s = new InkSession(words, params);
    s.apply(line.slice(0, 3).map((points) => ({ type: 'add', points })));
    expect(runsOf(() => s.apply([]))).toEqual([three, 0]);
    // The fourth stroke joins the second word: the first word is not read again.
    const [result, added] = runsOf(() => s.pushStroke(line[3]!));
    expect(result).toEqual(four);
    expect(added).toBeLessThan(fourAtOnce);
    expect(runsOf(() => s.undoStroke())).toEqual([three, 0]);
    // A different fourth stroke after the undo is read (the kept result was for another stroke).
    const [again, readAgain] = runsOf(() => s.pushStroke(other));
    expect(again).toEqual(withOther);
    expect(readAgain).toBeGreaterThan(0);
    expect(readAgain).toBeLessThan(otherAtOnce);
    runs.mockRestore();
  });

  it('a model with a space label does not read the first line again for a stroke on the second', () => {
    const first = [hook(0, 0), hook(8, 0), hook(40, 0), hook(48, 0)];
    const second = [hook(0, 30), hook(8, 30)];
    const both = once(spaced, [...first, ...second]);
    const runs = vi.spyOn(spaced.network, 'recognize');
    const s = new InkSession(spaced, params);
    s.apply([...first, second[0]].map((points) => ({ type: 'add' as const, points })));
    expect(runs).toHaveBeenCalledTimes(2);
    runs.mockClear();
    expect(s.pushStroke(second[1])).toEqual(both);
    expect(runs).toHaveBeenCalledTimes(1);
    runs.mockRestore();
  });

  it('any sequence of events gives what recognizing the final strokes at once gives', () => {
    const point = fc.record({
      x: fc.double({ min: -200, max: 200, noNaN: true }),
      y: fc.double({ min: -50, max: 50, noNaN: true }),
    });
    const stroke = fc.oneof(
      fc.array(point, { minLength: 1, maxLength: 12 }),
      fc
        .record({ x: fc.integer({ min: 0, max: 300 }), y: fc.integer({ min: -20, max: 20 }) })
        .map(({ x, y }) => hook(x, y)),
    );
    const event: fc.Arbitrary<StrokeEvent> = fc.oneof(
      { weight: 5, arbitrary: stroke.map((points) => ({ type: 'add' as const, points })) },
      { weight: 2, arbitrary: fc.constant({ type: 'undo' as const }) },
      { weight: 1, arbitrary: fc.constant({ type: 'clear' as const }) },
    );
    const batches = fc.array(fc.array(event, { maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(digits, words, spaced), batches, (rec, bs) => {
        const s = new InkSession(rec, params);
        const seen: StrokeEvent[] = [];
        for (const batch of bs) {
          seen.push(...batch);
          expect(s.apply(batch)).toEqual(once(rec, replay(seen)));
        }
        expect(s.strokeCount).toBe(replay(seen).length);
      }),
      { numRuns: 60 },
    );
  });
});
