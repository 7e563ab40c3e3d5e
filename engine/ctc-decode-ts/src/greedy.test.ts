import { describe, expect, it } from 'vitest';
import { greedyDecode } from './greedy.js';

const lp = (rows: number[][]) => Float32Array.from(rows.flat().map(Math.log));

describe('greedyDecode', () => {
  it('merges repeats, drops blanks and keeps repeats separated by a blank', () => {
    // argmax path: 1 1 0 1 2 2 0 -> tokens 1 1 2
    const x = lp([
      [0.1, 0.8, 0.1],
      [0.1, 0.6, 0.3],
      [0.7, 0.2, 0.1],
      [0.2, 0.7, 0.1],
      [0.1, 0.1, 0.8],
      [0.1, 0.2, 0.7],
      [0.9, 0.05, 0.05],
    ]);
    const r = greedyDecode(x, 7, 3);
    expect(r.tokens).toEqual([1, 1, 2]);
    // frames at each run's peak: token 1 peaks at t=0 (0.8 > 0.6), then t=3, token 2 at t=4
    expect(r.frames).toEqual([0, 3, 4]);
  });

  it('honours blank and an allowed-token mask', () => {
    const x = lp([
      [0.1, 0.6, 0.3],
      [0.6, 0.1, 0.3],
    ]);
    expect(greedyDecode(x, 2, 3, { blank: 1 }).tokens).toEqual([0]);
    expect(greedyDecode(x, 2, 3, { allowedTokens: [2] }).tokens).toEqual([2]);
    expect(greedyDecode(x, 2, 3, { allowedTokens: new Uint8Array([1, 0, 1]) }).tokens).toEqual([2]);
  });

  it('handles T = 0 and validates shapes', () => {
    expect(greedyDecode(new Float32Array(0), 0, 3)).toEqual({ tokens: [], frames: [] });
    expect(() => greedyDecode(new Float32Array(5), 2, 3)).toThrow(/expected \[T=2, V=3\]/);
    expect(() => greedyDecode(new Float32Array(6), 2, 3, { allowedTokens: [3] })).toThrow(
      /allowedTokens\[0\]/,
    );
  });
});
