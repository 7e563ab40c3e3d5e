import { describe, expect, it } from 'vitest';
import { composeWord, glyphZone, writerXHeight, type Glyph } from './compose-word';
import { inkBounds, inkHasTime, type Ink } from './ink';
import { seededRandom } from '../util/rng';

/** A glyph drawn as one vertical stroke of the given height, somewhere on the page. */
const bar = (char: string, height: number, at = 500, withTime = true): Glyph => ({
  char,
  ink: {
    strokes: [
      {
        points: [0, 1, 2].map((k) => ({
          x: at + k,
          y: at + (k * height) / 2,
          ...(withTime ? { t: 1000 + k * 10 } : {}),
        })),
      },
    ],
  },
});
const still = { baselineJitter: 0, scaleJitter: 0, gap: [0.2, 0.2] as [number, number] };
const boundsOf = (ink: Ink, stroke: number) => inkBounds({ strokes: [ink.strokes[stroke]] })!;

describe('composing words from isolated characters', () => {
  it('knows where letters sit on the line', () => {
    expect(['a', 'b', 'g', 'A', '7'].map(glyphZone)).toEqual([
      'x',
      'ascender',
      'descender',
      'cap',
      'cap',
    ]);
  });

  it("estimates the writer's x-height from x-zone glyphs, else from tall ones", () => {
    expect(writerXHeight([bar('a', 10), bar('c', 12), bar('e', 11), bar('T', 30)])).toBe(11);
    expect(writerXHeight([bar('T', 30), bar('H', 20)])).toBeCloseTo(18);
  });

  it('puts glyphs left to right on one baseline, descenders below it', () => {
    const ink = composeWord(
      [bar('T', 20), bar('a', 10, 90), bar('g', 16, 7)],
      10,
      seededRandom(1),
      still,
    );
    const [t, a, g] = [0, 1, 2].map((k) => boundsOf(ink, k));
    expect(t.maxY).toBeCloseTo(0);
    expect(a.maxY).toBeCloseTo(0);
    expect(a.minY).toBeCloseTo(-10);
    expect(g.minY).toBeCloseTo(-10);
    expect(g.maxY).toBeCloseTo(6);
    // each glyph starts a 0.2 x-height gap after the previous one ends
    expect(a.minX).toBeCloseTo(t.maxX + 2);
    expect(g.minX).toBeCloseTo(a.maxX + 2);
  });

  it('keeps time running forward only when every glyph has it', () => {
    const timed = composeWord([bar('a', 10), bar('b', 20)], 10, seededRandom(2), {
      pauseMs: 100,
    });
    const times = timed.strokes.flatMap((s) => s.points.map((p) => p.t!));
    expect(times).toEqual([0, 10, 20, 120, 130, 140]);
    const mixed = composeWord([bar('a', 10), bar('b', 20, 0, false)], 10, seededRandom(2));
    expect(inkHasTime(mixed)).toBe(false);
    expect(mixed.strokes).toHaveLength(2);
  });

  it('joins lower-case letters into one stroke when asked, as cursive does', () => {
    const glyphs = [bar('T', 20), bar('a', 10), bar('c', 10), bar('e', 10)];
    const joined = composeWord(glyphs, 10, seededRandom(4), { ...still, join: 1 });
    // T stays apart (a capital); a, c and e become one stroke of 9 points.
    expect(joined.strokes.map((s) => s.points.length)).toEqual([3, 9]);
    const xs = joined.strokes[1].points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    const ts = joined.strokes.flatMap((s) => s.points.map((p) => p.t!));
    expect(ts).toEqual([...ts].sort((p, q) => p - q));
    // Without join every glyph keeps its stroke.
    expect(composeWord(glyphs, 10, seededRandom(4), still).strokes).toHaveLength(4);
  });

  it('skips empty glyphs', () => {
    const empty: Glyph = { char: 'o', ink: { strokes: [{ points: [] }] } };
    expect(composeWord([empty, bar('a', 10)], 10, seededRandom(3)).strokes).toHaveLength(1);
  });
});
