import { describe, expect, it } from 'vitest';
import { wordRanges } from './word-cuts';

describe('wordRanges', () => {
  // "to be": t o ␣ b e aligned at frames 2, 3, 6, 9, 10-11 of 14; 10 samples a frame.
  const aligned = [
    { token: 1, start: 2, end: 2 },
    { token: 2, start: 3, end: 3 },
    { token: 3, start: 6, end: 6 },
    { token: 4, start: 9, end: 9 },
    { token: 5, start: 10, end: 11 },
  ];

  it('cuts halfway between neighbouring words and keeps the ends of the recording', () => {
    // Boundary between "to" (last letter ends after frame 3) and "be" (starts at 9): frame 6.5.
    expect(wordRanges('to be', aligned, 10, 140)).toEqual([
      { word: 'to', start: 0, end: 65 },
      { word: 'be', start: 65, end: 140 },
    ]);
  });

  it('stays inside the recording', () => {
    const ranges = wordRanges('to be', aligned, 10, 100);
    expect(ranges[1].end).toBe(100);
    expect(ranges.every((r) => r.start <= r.end && r.end <= 100)).toBe(true);
  });
});
