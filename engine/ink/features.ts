import type { Ink } from './ink';
import { normalizeInk } from './normalize';
import { resampleInk } from './resample';
import { dropStrayMarks } from './stray-marks';

/**
 * Per-point ink features for the recognizer. Serialisable: it is stored in
 * the model header so inference computes exactly what training did.
 */
export interface InkFeatureConfig {
  version: 1;
  /** Resampling step in normalized units (1 = the ink's height, see normalizeInk). */
  spacing: number;
  heightPercentiles: [number, number];
  minHeightToWidth: number;
  /** Add sin/cos of the writing direction. */
  direction: boolean;
  /** Add sin/cos of the turn between the incoming and outgoing step. */
  curvature: boolean;
  /** Add the time since the previous point (tenths of a second, 0..10); 0 when the ink has no time. */
  time: boolean;
}

export const DEFAULT_INK_FEATURE_CONFIG: Readonly<InkFeatureConfig> = Object.freeze({
  version: 1,
  spacing: 0.1,
  heightPercentiles: [5, 95] as [number, number],
  minHeightToWidth: 0.1,
  direction: true,
  curvature: true,
  time: false,
});

/** Features row-major: `data[frame * channels + channel]`. */
export interface InkFeatures {
  frames: number;
  channels: number;
  data: Float32Array;
}

/** Channel names in order, e.g. for the model header and debugging. */
export function inkFeatureNames(config: InkFeatureConfig): string[] {
  const names = ['dx', 'dy', 'penUp'];
  if (config.direction) names.push('cosDirection', 'sinDirection');
  if (config.curvature) names.push('cosTurn', 'sinTurn');
  if (config.time) names.push('dt');
  return names;
}

/** Checks a config read from a file; throws a message naming the bad field. */
export function parseInkFeatureConfig(value: unknown): InkFeatureConfig {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`ink feature config: '${field}' must be ${expected}`);
  };
  if (typeof value !== 'object' || value === null) return fail('(root)', 'an object');
  const v = value as Record<string, unknown>;
  if (v.version !== 1) fail('version', '1');
  if (typeof v.spacing !== 'number' || !(v.spacing > 0) || !Number.isFinite(v.spacing)) {
    fail('spacing', 'a positive number');
  }
  const hp = v.heightPercentiles;
  if (
    !Array.isArray(hp) ||
    hp.length !== 2 ||
    !hp.every((p) => typeof p === 'number' && p >= 0 && p <= 100) ||
    !(hp[0] < hp[1])
  ) {
    fail('heightPercentiles', 'two increasing numbers in 0..100');
  }
  if (typeof v.minHeightToWidth !== 'number' || !(v.minHeightToWidth >= 0)) {
    fail('minHeightToWidth', 'a number >= 0');
  }
  for (const flag of ['direction', 'curvature', 'time']) {
    if (typeof v[flag] !== 'boolean') fail(flag, 'true or false');
  }
  return {
    version: 1,
    spacing: v.spacing as number,
    heightPercentiles: [(hp as number[])[0], (hp as number[])[1]],
    minHeightToWidth: v.minHeightToWidth as number,
    direction: v.direction as boolean,
    curvature: v.curvature as boolean,
    time: v.time as boolean,
  };
}

/**
 * Drops stray marks far from the writing (dropStrayMarks), normalizes the
 * ink, resamples it by arc length and computes per point
 * (following the online-handwriting features of NPen++, Jaeger et al. 2001):
 * - dx, dy: step from the previous point in units of `spacing` (so a step
 *   inside a stroke has length ~1; the first point gets 0, 0; the first point
 *   of a later stroke gets the pen-up jump);
 * - penUp: 1 where a new stroke starts;
 * - cos/sin of the writing direction (centred difference inside the stroke,
 *   0, 0 for a single-point stroke);
 * - cos/sin of the turn angle between the incoming and outgoing step
 *   (1, 0 at stroke ends: no turn);
 * - dt: time since the previous point when configured.
 */
export function extractInkFeatures(
  ink: Ink,
  config: InkFeatureConfig = DEFAULT_INK_FEATURE_CONFIG,
): InkFeatures {
  const normalized = normalizeInk(dropStrayMarks(ink), config).ink;
  const strokes = resampleInk(normalized, config.spacing).strokes;
  const channels = inkFeatureNames(config).length;
  let frames = 0;
  for (const s of strokes) frames += s.points.length;
  const data = new Float32Array(frames * channels);
  const inv = 1 / config.spacing;
  let row = 0;
  let prev: { x: number; y: number; t?: number } | undefined;
  for (const stroke of strokes) {
    const pts = stroke.points;
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i];
      let c = row * channels;
      data[c++] = prev ? (p.x - prev.x) * inv : 0;
      data[c++] = prev ? (p.y - prev.y) * inv : 0;
      data[c++] = i === 0 ? 1 : 0;
      if (config.direction) {
        const a = pts[Math.max(0, i - 1)];
        const b = pts[Math.min(pts.length - 1, i + 1)];
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy);
        data[c++] = len > 0 ? dx / len : 0;
        data[c++] = len > 0 ? dy / len : 0;
      }
      if (config.curvature) {
        let cos = 1;
        let sin = 0;
        if (i > 0 && i < pts.length - 1) {
          const ax = p.x - pts[i - 1].x;
          const ay = p.y - pts[i - 1].y;
          const bx = pts[i + 1].x - p.x;
          const by = pts[i + 1].y - p.y;
          const norm = Math.hypot(ax, ay) * Math.hypot(bx, by);
          if (norm > 0) {
            cos = (ax * bx + ay * by) / norm;
            sin = (ax * by - ay * bx) / norm;
          }
        }
        data[c++] = cos;
        data[c++] = sin;
      }
      if (config.time) {
        const dt = prev && prev.t !== undefined && p.t !== undefined ? (p.t - prev.t) / 100 : 0;
        data[c++] = Math.min(10, Math.max(0, dt));
      }
      prev = p;
      row++;
    }
  }
  return { frames, channels, data };
}
