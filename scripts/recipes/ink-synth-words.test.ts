import { describe, expect, it } from 'vitest';
import { inkBounds, type UnipenSegment } from '../../engine/index';
import { synthesizeWordInk } from './ink-synth-words';

/** An isolated character segment: one stroke of the given size. */
const char = (lab: string, writer: string, label: string, size = 10): UnipenSegment => ({
  ink: {
    strokes: [
      {
        points: [
          { x: 0, y: 0 },
          { x: size / 2, y: size },
        ],
      },
    ],
  },
  label,
  rawLabel: label,
  type: 'CHARACTER',
  quality: 'GOOD',
  category: '1c',
  lab,
  writer,
  penFile: 'p',
  delineation: '0',
  segmentFile: 's',
  line: 1,
});

describe('synthetic words from isolated characters', () => {
  const writerA = [...'abc'].map((c) => char('lab1', 'a', c));
  const writerB = [...'xyzXYZ0123456789'].map((c) => char('lab2', 'b', c));

  it("writes each word with one writer's characters only", () => {
    const made = synthesizeWordInk([...writerA, ...writerB], ['cab', 'zyx', 'dog'], 200, 1);
    expect(made.length).toBe(200);
    const labels = new Set(made.map((m) => m.label));
    // "dog" has no writer; "Cab" needs writer A's missing capital
    expect([...labels].some((l) => /[dgo]/i.test(l))).toBe(false);
    expect(labels.has('cab') && labels.has('zyx') && labels.has('ZYX')).toBe(true);
    expect(labels.has('Cab')).toBe(false);
    // numbers come from the writer who wrote digits
    expect(made.some((m) => /^\d{2,5}$/.test(m.label))).toBe(true);
    for (const m of made) expect(m.ink.strokes).toHaveLength(m.label.length);
  });

  it('joins the letters of a share of the words when asked', () => {
    const made = synthesizeWordInk(writerA, ['cab'], 100, 3, { cursive: 0.5 });
    const joined = made.filter((m) => m.label === 'cab' && m.ink.strokes.length < 3).length;
    expect(joined).toBeGreaterThan(25);
    expect(joined).toBeLessThan(75);
  });

  it('is reproducible for a seed', () => {
    const run = (seed: number) =>
      synthesizeWordInk([...writerA, ...writerB], ['cab', 'zyx'], 20, seed).map((m) => m.label);
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });

  it("leaves out glyphs far larger than the writer's hand", () => {
    const huge = char('lab1', 'a', 'b', 400);
    const made = synthesizeWordInk([...writerA, huge], ['cab'], 30, 2);
    for (const m of made) expect(inkBounds(m.ink)!.maxY - inkBounds(m.ink)!.minY).toBeLessThan(40);
  });

  it("ends a share of the words in the writer's own punctuation, when asked", () => {
    const marks = ['.', '!'].map((c) => char('lab1', 'a', c, 2));
    const made = synthesizeWordInk([...writerA, ...marks], ['cab'], 200, 6, { punctuation: 0.5 });
    const ended = made.filter((m) => /[.!]$/.test(m.label));
    expect(ended.length).toBeGreaterThan(60);
    expect(ended.length).toBeLessThan(140);
    expect(new Set(ended.map((m) => m.label.toLowerCase()))).toEqual(new Set(['cab.', 'cab!']));
    for (const m of made) expect(m.ink.strokes).toHaveLength(m.label.length);
    // a writer without marks writes plain words; without the option, nothing changes
    expect(
      synthesizeWordInk(writerA, ['cab'], 50, 6, { punctuation: 1 }).every((m) =>
        /^[a-z]+$/i.test(m.label),
      ),
    ).toBe(true);
    const plain = (extra: UnipenSegment[]) =>
      synthesizeWordInk([...writerA, ...extra], ['cab'], 50, 7).map((m) => m.label);
    expect(plain(marks)).toEqual(plain([]));
  });

  it('makes nothing without characters or words', () => {
    expect(synthesizeWordInk([], ['cab'], 5, 1)).toEqual([]);
    expect(synthesizeWordInk(writerA, ['a-b'], 5, 1)).toEqual([]);
  });
});
