import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng';
import { composeLine } from './compose-line';
import type { Ink } from './ink';
import { splitInkAtWordGaps, WORD_GAP } from './word-gaps';

/** A word of `letters` bars of height 10, 3 apart, somewhere on the page. */
const word = (letters: number, x0: number, y0: number): Ink => ({
  strokes: Array.from({ length: letters }, (_, i) => ({
    points: [
      { x: x0 + 5 * i, y: y0, t: 100 * i },
      { x: x0 + 5 * i + 2, y: y0 + 10, t: 100 * i + 50 },
    ],
  })),
});

describe('composeLine', () => {
  it('lays words left to right on one line with gaps the word splitter finds again', () => {
    const words = [word(3, 500, 80), word(2, -40, 0), word(4, 7, 300)];
    const line = composeLine(words, seededRandom(1));
    expect(line.strokes).toHaveLength(9);
    const split = splitInkAtWordGaps(line, { gap: WORD_GAP });
    expect(split.map((w) => w.strokes)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6, 7, 8],
    ]);
    // One line: every stroke within the first word's vertical span.
    for (const s of line.strokes) for (const p of s.points) expect(p.y).toBeGreaterThanOrEqual(80);
    // Time runs on across words.
    const times = line.strokes.flatMap((s) => s.points.map((p) => p.t as number));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('gives empty ink for no words', () => {
    expect(composeLine([], seededRandom(1))).toEqual({ strokes: [] });
  });
});
