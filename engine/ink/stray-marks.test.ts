import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapInkPoints, type Ink, type InkPoint } from './ink';
import { dropStrayMarks } from './stray-marks';
import { extractInkFeatures } from './features';

const line = (x0: number, y0: number, x1: number, y1: number, n = 8): { points: InkPoint[] } => ({
  points: Array.from({ length: n + 1 }, (_, i) => ({
    x: x0 + ((x1 - x0) * i) / n,
    y: y0 + ((y1 - y0) * i) / n,
  })),
});
const dot = (x: number, y: number) => ({ points: [{ x, y }] });

/** "ill": three down strokes 100 high, 40 apart, with the i's dot. */
const word = (): Ink => ({
  strokes: [line(0, 0, 0, 100), dot(0, -40), line(40, -60, 40, 100), line(80, -60, 80, 100)],
});

describe('dropStrayMarks', () => {
  it('drops a tap far to the side of the word and keeps every stroke of the word', () => {
    const ink = word();
    ink.strokes.push(dot(900, -300));
    expect(dropStrayMarks(ink)).toEqual(word());
  });

  it('keeps marks that belong to the writing: dots, periods and a lone letter', () => {
    const withPeriod: Ink = { strokes: [...word().strokes, dot(110, 100)] };
    expect(dropStrayMarks(withPeriod)).toBe(withPeriod);
    // the dot of a lone "i" may float far above its short stem
    const i: Ink = { strokes: [line(0, 0, 0, 20), dot(2, -80)] };
    expect(dropStrayMarks(i)).toBe(i);
    const single: Ink = { strokes: [line(0, 0, 50, 50)] };
    expect(dropStrayMarks(single)).toBe(single);
    // two dots (":") are both the body
    const colon: Ink = { strokes: [dot(0, 0), dot(0, 30)] };
    expect(dropStrayMarks(colon)).toBe(colon);
  });

  it('gives the same result wherever and at whatever size the ink is written', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 200, max: 2000 }).filter((x) => x !== 400), // 400: on the edge
        (dx, dy, scale, markX) => {
          const ink: Ink = { strokes: [...word().strokes, dot(markX, 50)] };
          const move = (i: Ink) =>
            mapInkPoints(i, (p) => ({ ...p, x: p.x * scale + dx, y: p.y * scale + dy }));
          const kept = dropStrayMarks(ink).strokes.length;
          expect(dropStrayMarks(move(ink)).strokes.length).toBe(kept);
          // 2 × the body's height (160) past its right edge (80)
          expect(kept).toBe(markX > 80 + 2 * 160 ? 4 : 5);
        },
      ),
    );
  });

  it('keeps the features of a word from changing when a stray tap is added', () => {
    const ink = word();
    const tapped: Ink = { strokes: [...word().strokes, dot(-2000, 400)] };
    expect(extractInkFeatures(tapped)).toEqual(extractInkFeatures(ink));
  });
});
