import type { Ink, InkPoint, Stroke } from './ink';

/**
 * Resamples every stroke uniformly by arc length: a stroke of length L becomes
 * n = max(1, round(L / spacing)) equal steps (n + 1 points, both ends kept),
 * so the actual step is within a factor 2/3..2 of `spacing` for short strokes
 * and tends to it for long ones. Rounding (not flooring) keeps the point count
 * stable under the tiny floating-point changes a translation or scaling
 * causes. A stroke of zero length becomes its first point. Time and pressure,
 * when present, are interpolated linearly.
 */
export function resampleInk(ink: Ink, spacing: number): Ink {
  if (!(spacing > 0) || !Number.isFinite(spacing)) {
    throw new RangeError(`resampling spacing must be a positive number, got ${spacing}`);
  }
  return {
    strokes: ink.strokes.filter((s) => s.points.length > 0).map((s) => resampleStroke(s, spacing)),
  };
}

function resampleStroke(stroke: Stroke, spacing: number): Stroke {
  const pts = stroke.points;
  const cumulative = new Float64Array(pts.length);
  for (let i = 1; i < pts.length; i++) {
    cumulative[i] =
      cumulative[i - 1] + Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
  }
  const length = cumulative[pts.length - 1];
  if (!(length > 0)) return { points: [{ ...pts[0] }] };
  const steps = Math.max(1, Math.round(length / spacing));
  const out: InkPoint[] = [];
  let j = 0;
  for (let k = 0; k <= steps; k++) {
    const target = k === steps ? length : (length * k) / steps;
    while (j < pts.length - 2 && cumulative[j + 1] < target) j++;
    const span = cumulative[j + 1] - cumulative[j];
    const f = span > 0 ? Math.min(1, Math.max(0, (target - cumulative[j]) / span)) : 0;
    out.push(interpolate(pts[j], pts[j + 1], f));
  }
  return { points: out };
}

function interpolate(a: InkPoint, b: InkPoint, f: number): InkPoint {
  const p: InkPoint = { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
  if (a.t !== undefined && b.t !== undefined) p.t = a.t + (b.t - a.t) * f;
  if (a.pressure !== undefined && b.pressure !== undefined) {
    p.pressure = a.pressure + (b.pressure - a.pressure) * f;
  }
  return p;
}

/** Total pen-down arc length of the ink. */
export function inkArcLength(ink: Ink): number {
  let total = 0;
  for (const s of ink.strokes) {
    for (let i = 1; i < s.points.length; i++) {
      total += Math.hypot(s.points[i].x - s.points[i - 1].x, s.points[i].y - s.points[i - 1].y);
    }
  }
  return total;
}
