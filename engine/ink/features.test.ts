import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapInkPoints, type Ink } from './ink';
import {
  DEFAULT_INK_FEATURE_CONFIG,
  extractInkFeatures,
  inkFeatureNames,
  parseInkFeatureConfig,
  type InkFeatureConfig,
} from './features';
import { normalizeInk } from './normalize';
import { inkArcLength, resampleInk } from './resample';

/** Handwriting-like ink: integer tablet coordinates, 1-4 strokes of 2-30 points. */
const realisticInk: fc.Arbitrary<Ink> = fc
  .array(
    fc.array(
      fc.record({
        x: fc.integer({ min: -2000, max: 2000 }),
        y: fc.integer({ min: -2000, max: 2000 }),
      }),
      { minLength: 2, maxLength: 30 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((strokes) => ({ strokes: strokes.map((points) => ({ points })) }));

const config: InkFeatureConfig = { ...DEFAULT_INK_FEATURE_CONFIG, time: true };

/** A circle of radius r (a '0'), sampled densely or sparsely. */
function circle(r: number, n: number, cx = 0, cy = 0): Ink {
  const points = Array.from({ length: n + 1 }, (_, i) => ({
    x: cx + r * Math.cos((2 * Math.PI * i) / n),
    y: cy + r * Math.sin((2 * Math.PI * i) / n),
    t: i * 10,
  }));
  return { strokes: [{ points }] };
}

describe('ink features', () => {
  it('names its channels from the config', () => {
    expect(inkFeatureNames(config)).toEqual([
      'dx',
      'dy',
      'penUp',
      'cosDirection',
      'sinDirection',
      'cosTurn',
      'sinTurn',
      'dt',
    ]);
    const minimal = {
      ...config,
      direction: false,
      curvature: false,
      time: false,
    };
    expect(extractInkFeatures(circle(5, 20), minimal).channels).toBe(3);
  });

  it('translation and scaling of the ink leave the features unchanged (property)', () => {
    const transform = fc.record({
      dx: fc.integer({ min: -1e5, max: 1e5 }),
      dy: fc.integer({ min: -1e5, max: 1e5 }),
      scale: fc.double({ min: 0.05, max: 50, noNaN: true }),
    });
    fc.assert(
      fc.property(realisticInk, transform, (ink, { dx, dy, scale }) => {
        const a = extractInkFeatures(ink, config);
        const moved = mapInkPoints(ink, (p) => ({ x: p.x * scale + dx, y: p.y * scale + dy }));
        const b = extractInkFeatures(moved, config);
        expect(b.frames).toBe(a.frames);
        for (let i = 0; i < a.data.length; i++) {
          expect(Math.abs(a.data[i] - b.data[i])).toBeLessThan(
            1e-3 * Math.max(1, Math.abs(a.data[i])),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the number of frames per unit of normalized arc length is ~1/spacing', () => {
    for (const spacing of [0.05, 0.1, 0.2]) {
      const c = { ...config, spacing };
      for (const [r, n] of [
        [10, 12],
        [300, 400],
        [1, 7],
      ]) {
        const ink = circle(r, n);
        const length = inkArcLength(normalizeInk(ink, c).ink);
        const frames = extractInkFeatures(ink, c).frames;
        expect(Math.abs(frames - 1 - length / spacing)).toBeLessThanOrEqual(0.5 + 1e-9);
      }
    }
    // Sampling density of the device does not change the count.
    const dense = extractInkFeatures(circle(50, 500), config).frames;
    const sparse = extractInkFeatures(circle(50, 60), config).frames;
    expect(Math.abs(dense - sparse)).toBeLessThanOrEqual(1);
  });

  it('marks stroke starts, gives the pen-up jump as dx/dy, unit directions, no turn on a line', () => {
    const ink: Ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0 },
            { x: 0, y: 10 },
          ],
        },
        {
          points: [
            { x: 5, y: 0 },
            { x: 5, y: 10 },
          ],
        },
      ],
    };
    const f = extractInkFeatures(ink, { ...config, time: false });
    const rows = Array.from({ length: f.frames }, (_, i) =>
      Array.from(f.data.subarray(i * f.channels, (i + 1) * f.channels)),
    );
    const penUps = rows.map((r) => r[2]);
    expect(penUps.filter((v) => v === 1)).toHaveLength(2);
    expect(penUps[0]).toBe(1);
    const second = penUps.indexOf(1, 1);
    // Heights are 10 units (5th..95th percentile: 9), spacing 0.1: the jump right is +5/9/0.1 wide and back up.
    expect(rows[second][0]).toBeCloseTo(5 / 9 / 0.1, 1);
    expect(rows[second][1]).toBeLessThan(0);
    for (const r of rows) {
      expect(Math.hypot(r[3], r[4])).toBeCloseTo(1, 5); // direction: straight down
      expect(r[4]).toBeCloseTo(1, 5);
      expect(r[5]).toBeCloseTo(1, 5); // no turn
      expect(r[6]).toBeCloseTo(0, 5);
    }
  });

  it('a circle turns the same way at every inner point; time is kept as dt', () => {
    const f = extractInkFeatures(circle(10, 100), config);
    const turns = [];
    for (let i = 1; i < f.frames - 1; i++) turns.push(f.data[i * f.channels + 6]);
    expect(Math.min(...turns)).toBeGreaterThan(0);
    const dts = [];
    for (let i = 1; i < f.frames; i++) dts.push(f.data[i * f.channels + 7]);
    expect(Math.min(...dts)).toBeGreaterThan(0);
  });

  it('flat ink (a dash) and a single dot give finite features', () => {
    const dash: Ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0 },
            { x: 100, y: 1 },
          ],
        },
      ],
    };
    const dot: Ink = { strokes: [{ points: [{ x: 3, y: 3 }] }] };
    // an extent so small that its fractions underflow (found by a property test)
    const speck: Ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0 },
            { x: 0, y: 5e-324 },
          ],
        },
      ],
    };
    const empty: Ink = { strokes: [] };
    for (const ink of [dash, dot, speck, empty]) {
      const f = extractInkFeatures(ink, config);
      expect(f.data.every(Number.isFinite)).toBe(true);
    }
    // The width floor: a 100-wide dash is at most 1/0.1 = 10 heights long, 100 frames + 1.
    expect(extractInkFeatures(dash, config).frames).toBeLessThanOrEqual(101);
    expect(extractInkFeatures(dot, config).frames).toBe(1);
    expect(extractInkFeatures(speck, config).frames).toBe(1);
    expect(extractInkFeatures(empty, config).frames).toBe(0);
  });

  it('normalizes to the left edge and the baseline, one unit per robust height', () => {
    // An 'l'-like stroke 0..100 high with a short flat tail along its baseline (y = 100).
    const ink: Ink = {
      strokes: [
        {
          points: [
            { x: 10, y: 0 },
            { x: 10, y: 100 },
          ],
        },
        {
          points: [
            { x: 10, y: 100 },
            { x: 20, y: 100 },
          ],
        },
      ],
    };
    const { ink: out, scale, originX, originY } = normalizeInk(ink, config);
    expect(originX).toBe(10);
    expect(originY).toBe(100);
    expect(scale).toBeGreaterThan(80);
    expect(scale).toBeLessThan(100);
    expect(Math.min(...out.strokes.flatMap((s) => s.points.map((p) => p.x)))).toBe(0);
    expect(Math.max(...out.strokes.flatMap((s) => s.points.map((p) => p.y)))).toBe(0);
  });

  it('resampling keeps both stroke ends and interpolates time', () => {
    const ink: Ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0, t: 0 },
            { x: 1, y: 0, t: 100 },
          ],
        },
      ],
    };
    const out = resampleInk(ink, 0.25).strokes[0].points;
    expect(out.map((p) => [p.x, p.t])).toEqual([
      [0, 0],
      [0.25, 25],
      [0.5, 50],
      [0.75, 75],
      [1, 100],
    ]);
  });

  it('the config survives JSON and bad configs are refused with the field named', () => {
    expect(parseInkFeatureConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(() => parseInkFeatureConfig({ ...config, spacing: 0 })).toThrow(
      /'spacing' must be a positive number/,
    );
    expect(() => parseInkFeatureConfig({ ...config, heightPercentiles: [90, 10] })).toThrow(
      /heightPercentiles/,
    );
    expect(() => parseInkFeatureConfig({ ...config, time: 'yes' })).toThrow(
      /'time' must be true or false/,
    );
  });
});
