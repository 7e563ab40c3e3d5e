import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ink, Stroke } from './ink';
import { splitInkAtWordGaps, splitInkIntoLines } from './word-gaps';

/** A vertical bar of height 10 at x (a "letter"), written top to bottom. */
const bar = (x: number, y = 0, h = 10): Stroke => ({
  points: [
    { x, y },
    { x: x + 2, y: y + h },
  ],
});
const texts = (ink: Ink, gap?: number) =>
  splitInkAtWordGaps(ink, gap === undefined ? {} : { gap }).map((w) => w.strokes);

describe('splitInkAtWordGaps', () => {
  it('cuts at gaps wider than the threshold in stroke heights, keeps letters together', () => {
    // "ab cd": letters 3 apart (0.3 heights), words 15 apart (1.5 heights).
    const ink = { strokes: [bar(0), bar(5), bar(22), bar(27)] };
    expect(texts(ink)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(texts(ink, 2)).toEqual([[0, 1, 2, 3]]);
  });

  it('a stroke written later over an earlier word (an i dot, a t bar) joins that word', () => {
    const ink = { strokes: [bar(0), bar(5), bar(22), { points: [{ x: 3, y: -4 }] }] };
    expect(texts(ink)).toEqual([[0, 1, 3], [2]]);
  });

  it('reads a second line of text after the first', () => {
    // Line 1 at y 0..10: two words; line 2 at y 30..40 starting back at the left.
    const ink = { strokes: [bar(0), bar(5), bar(30), bar(35), bar(0, 30), bar(30, 30)] };
    expect(texts(ink)).toEqual([[0, 1], [2, 3], [4], [5]]);
  });

  it('a page written over the last (back to the top left) starts a line; a late i dot does not', () => {
    // Line 1 at y 0..10 and line 2 at 30..40, then a page over them: line 3 at 0..10 again.
    const dot = { points: [{ x: 12, y: -3 }] };
    const ink = {
      strokes: [bar(0), bar(5), bar(40), dot, bar(0, 30), bar(40, 30), bar(0), bar(40)],
    };
    expect(splitInkIntoLines(ink).map((l) => l.strokes)).toEqual([
      [0, 1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(texts(ink)).toEqual([[0, 1, 3], [2], [4], [5], [6], [7]]);
  });

  it('an i dot or t bar added to a line once the next is written joins that line', () => {
    // Line 1 at y 0..10, line 2 at 30..40, then a dot and a bar over line 1's second
    // word, and a mark at the left below both lines (a new line that starts with it).
    const dot = { points: [{ x: 41, y: -3 }] };
    const tBar = {
      points: [
        { x: 38, y: 2 },
        { x: 46, y: 2 },
      ],
    };
    const below = { points: [{ x: 0, y: 60 }] };
    const ink = {
      strokes: [bar(0), bar(40), bar(0, 30), bar(40, 30), dot, tBar, below, bar(5, 60)],
    };
    expect(splitInkIntoLines(ink).map((l) => l.strokes)).toEqual([
      [0, 1, 4, 5],
      [2, 3],
      [6, 7],
    ]);
    expect(texts(ink)).toEqual([[0], [1, 4, 5], [2], [3], [6, 7]]);
  });

  it('gives no words for empty ink, and every stroke to exactly one word', () => {
    expect(splitInkAtWordGaps({ strokes: [] })).toEqual([]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        (xy, gap) => {
          const ink = { strokes: xy.map(([x, y]) => bar(x, y)) };
          const words = splitInkAtWordGaps(ink, { gap });
          expect(words.flatMap((w) => w.strokes).sort((a, b) => a - b)).toEqual(
            xy.map((_, i) => i),
          );
          for (const w of words)
            expect(w.ink.strokes).toEqual(w.strokes.map((i) => ink.strokes[i]));
        },
      ),
    );
  });
});
