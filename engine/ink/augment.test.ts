import { describe, expect, it } from 'vitest';
import { augmentInk, DEFAULT_INK_AUGMENT, type InkAugmentOptions } from './augment';
import { inkBounds, inkPointCount, type Ink } from './ink';
import { seededRandom } from '../util/rng';
import { inkToSvgPath, inkViewBox } from './svg-path';

const NONE: InkAugmentOptions = {
  scale: 0,
  aspect: 0,
  shear: 0,
  rotation: 0,
  jitter: 0,
  speed: 0,
  dropout: 0,
};

function timedInk(): Ink {
  return {
    strokes: [0, 1, 2].map((s) => ({
      points: Array.from({ length: 40 }, (_, i) => ({
        x: s * 50 + i,
        y: Math.sin(i / 5) * 20,
        t: s * 1000 + i * 10,
      })),
    })),
  };
}

describe('ink augmentation', () => {
  it('is reproducible from the seed and differs between seeds', () => {
    const ink = timedInk();
    const a = augmentInk(ink, seededRandom(7));
    expect(augmentInk(ink, seededRandom(7))).toEqual(a);
    expect(augmentInk(ink, seededRandom(8))).not.toEqual(a);
  });

  it('with every range at 0 it returns the same ink', () => {
    const ink = timedInk();
    const out = augmentInk(ink, seededRandom(1), NONE);
    out.strokes.forEach((s, i) =>
      s.points.forEach((p, j) => {
        const q = ink.strokes[i].points[j];
        expect(p.x).toBeCloseTo(q.x, 9);
        expect(p.y).toBeCloseTo(q.y, 9);
        expect(p.t).toBeCloseTo(q.t as number, 9);
      }),
    );
  });

  it('affine distortions stay within their ranges', () => {
    const ink = timedInk();
    const b0 = inkBounds(ink)!;
    for (let seed = 0; seed < 50; seed++) {
      const b = inkBounds(augmentInk(ink, seededRandom(seed), { ...NONE, scale: 0.2 }))!;
      const ratio = (b.maxX - b.minX) / (b0.maxX - b0.minX);
      expect(ratio).toBeGreaterThanOrEqual(0.8 - 1e-9);
      expect(ratio).toBeLessThanOrEqual(1.2 + 1e-9);
    }
  });

  it('dropout keeps stroke ends and point order; speed keeps time increasing', () => {
    const ink = timedInk();
    for (let seed = 0; seed < 30; seed++) {
      const out = augmentInk(ink, seededRandom(seed), {
        ...DEFAULT_INK_AUGMENT,
        dropout: 0.5,
        speed: 0.5,
      });
      expect(out.strokes).toHaveLength(3);
      expect(inkPointCount(out)).toBeLessThan(inkPointCount(ink));
      const times = out.strokes.flatMap((s) => s.points.map((p) => p.t as number));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
      for (const s of out.strokes) expect(s.points.length).toBeGreaterThanOrEqual(2);
    }
  });
  it('runs strokes backwards and swaps neighbours with the same shapes, times in order', () => {
    const ink = timedInk();
    const key = (points: { x: number; y: number }[]) =>
      points.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`);
    let reversed = 0;
    let swapped = 0;
    for (let seed = 0; seed < 40; seed++) {
      const out = augmentInk(ink, seededRandom(seed), { ...NONE, reverse: 0.3, reorder: 0.3 });
      const originals = ink.strokes.map((s) => key(s.points).join(' '));
      out.strokes.forEach((stroke, i) => {
        const forward = key(stroke.points).join(' ');
        const backward = key([...stroke.points].reverse()).join(' ');
        const at = originals.includes(forward)
          ? originals.indexOf(forward)
          : originals.indexOf(backward);
        expect(at).toBeGreaterThanOrEqual(0); // every stroke is an original, either way round
        if (!originals.includes(forward)) reversed++;
        if (at !== i) swapped++;
      });
      const times = out.strokes.flatMap((s) => s.points.map((p) => p.t as number));
      for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThan(times[k - 1]);
    }
    expect(reversed).toBeGreaterThan(0);
    expect(swapped).toBeGreaterThan(0);
  });

  it('draws nothing more from the generator when reverse and reorder are 0', () => {
    const ink = timedInk();
    expect(
      augmentInk(ink, seededRandom(3), {
        ...DEFAULT_INK_AUGMENT,
        reverse: 0,
        reorder: 0,
      }),
    ).toEqual(augmentInk(ink, seededRandom(3)));
  });
});

describe('SVG rendering helpers', () => {
  it('draws one subpath per stroke, a dot as a zero-length segment', () => {
    const ink: Ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0 },
            { x: 1.234, y: 2 },
          ],
        },
        { points: [{ x: 5, y: 5 }] },
      ],
    };
    expect(inkToSvgPath(ink)).toBe('M0 0 L1.23 2 M5 5 l0 0');
    expect(inkViewBox(ink, 0.1)).toBe('-0.5 -0.5 6 6');
  });
});
