import { inkBounds, mapInkPoints, type Ink } from './ink';
import { resampleInk } from './resample';

export interface InkNormalization {
  /** Lower and upper percentiles (0..100) of the arc-length-uniform y values whose gap is the ink's size. */
  heightPercentiles: [number, number];
  /** The size is at least this fraction of the width, so flat ink such as '-' does not explode. */
  minHeightToWidth: number;
}

export interface NormalizedInk {
  ink: Ink;
  /** Device units per normalized unit. */
  scale: number;
  originX: number;
  originY: number;
}

/** Sorted-array percentile with linear interpolation, p in 0..100. */
function percentile(sorted: Float64Array, p: number): number {
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Per-sample size and position normalization. The size is the gap between
 * two percentiles of y over the ink resampled uniformly by arc length (so it
 * does not depend on how densely the device sampled, and stray ascenders,
 * descenders or a slanted baseline move it little), floored by a fraction of
 * the width. The origin is the ink's left edge and its baseline estimate
 * (the upper y percentile: y grows downwards). Every step commutes with
 * translation and scaling, so the result does not depend on either.
 */
export function normalizeInk(ink: Ink, options: InkNormalization): NormalizedInk {
  const bounds = inkBounds(ink);
  if (!bounds) return { ink: { strokes: [] }, scale: 1, originX: 0, originY: 0 };
  const extent = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY);
  // A dot, or ink so small (subnormal extents) that the fractions of its
  // extent used below underflow to zero: all of it maps to one point.
  if (!(extent * 1e-3 > 0)) {
    return {
      ink: mapInkPoints(ink, (p) => ({ ...p, x: 0, y: 0 })),
      scale: 1,
      originX: bounds.minX,
      originY: bounds.minY,
    };
  }
  // A fine uniform resampling (1/64 of the extent) to weigh y by arc length.
  const fine = resampleInk(ink, extent / 64);
  const ys = Float64Array.from(fine.strokes.flatMap((s) => s.points.map((p) => p.y))).sort();
  const [lo, hi] = options.heightPercentiles;
  const height = percentile(ys, hi) - percentile(ys, lo);
  const scale = Math.max(
    height,
    options.minHeightToWidth * (bounds.maxX - bounds.minX),
    extent * 1e-3,
  );
  const originX = bounds.minX;
  const originY = percentile(ys, hi);
  return {
    ink: mapInkPoints(ink, (p) => ({
      ...p,
      x: (p.x - originX) / scale,
      y: (p.y - originY) / scale,
    })),
    scale,
    originX,
    originY,
  };
}
