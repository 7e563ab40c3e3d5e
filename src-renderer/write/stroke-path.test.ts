import { describe, expect, it } from 'vitest';
import { strokeSegments, widthFor } from './stroke-path';

const pt = (x: number, y: number, p = 0.5) => ({ x, y, t: 0, p });

describe('stroke smoothing', () => {
  it('draws a dot for a single point', () => {
    const [dot] = strokeSegments([pt(3, 4)], 2);
    expect(dot!.from).toEqual(dot!.to);
  });

  it('joins segments end to start, through midpoints, from the first to the last point', () => {
    const segments = strokeSegments([pt(0, 0), pt(2, 0), pt(2, 2), pt(4, 2)], 2);
    expect(segments[0]!.from).toMatchObject({ x: 0, y: 0 });
    expect(segments[0]!.to).toEqual({ x: 2, y: 1 });
    expect(segments[0]!.control).toMatchObject({ x: 2, y: 0 });
    for (let i = 1; i < segments.length; i++)
      expect(segments[i]!.from).toEqual(segments[i - 1]!.to);
    expect(segments.at(-1)!.to).toMatchObject({ x: 4, y: 2 });
  });

  it('thickens with pressure within bounds', () => {
    expect(widthFor(0, 2)).toBe(1);
    expect(widthFor(1, 2)).toBe(3);
    expect(widthFor(5, 2)).toBe(3);
  });
});
