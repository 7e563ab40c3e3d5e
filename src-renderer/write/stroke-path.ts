// Smooth strokes: quadratic Bézier segments through the midpoints of
// successive points (the usual trick for freehand ink), each with a width
// from the pen pressure. Pure geometry; the canvas component draws it.
import type { InkPoint } from '../../src-common/api';

export interface Segment {
  from: { x: number; y: number };
  control: { x: number; y: number };
  to: { x: number; y: number };
  width: number;
}

const mid = (a: InkPoint, b: InkPoint) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** Line width for a pressure 0..1: thinner for light touches, never invisible. */
export function widthFor(pressure: number, base: number): number {
  return base * (0.5 + Math.min(1, Math.max(0, pressure)));
}

export function strokeSegments(points: readonly InkPoint[], baseWidth: number): Segment[] {
  if (points.length === 0) return [];
  if (points.length === 1) {
    const p = points[0]!;
    return [{ from: p, control: p, to: p, width: widthFor(p.p, baseWidth) }];
  }
  const segments: Segment[] = [];
  let from: { x: number; y: number } = points[0]!;
  for (let i = 1; i < points.length - 1; i++) {
    const to = mid(points[i]!, points[i + 1]!);
    segments.push({ from, control: points[i]!, to, width: widthFor(points[i]!.p, baseWidth) });
    from = to;
  }
  const last = points.at(-1)!;
  segments.push({ from, control: from, to: last, width: widthFor(last.p, baseWidth) });
  return segments;
}
