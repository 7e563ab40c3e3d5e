import { inkBounds, type Ink, type InkPoint } from './ink';
import { gaussian } from '../util/rng';

/** Ranges for random training distortions; 0 turns one off. */
export interface InkAugmentOptions {
  /** Uniform scale factor in [1 - scale, 1 + scale]. */
  scale: number;
  /** Extra horizontal stretch in [1 - aspect, 1 + aspect] (writers differ in width). */
  aspect: number;
  /** Slant: x += shear * (y - centre), shear uniform in [-shear, shear]. */
  shear: number;
  /** Rotation in radians, uniform in [-rotation, rotation]. */
  rotation: number;
  /** Gaussian noise added to every point, standard deviation as a fraction of the ink's height. */
  jitter: number;
  /** Timed ink only: global speed factor in [1 - speed, 1 + speed], varied again per stroke. */
  speed: number;
  /** Probability of dropping each interior point (stroke ends and order are kept). */
  dropout: number;
  /** Probability that a stroke runs backwards (a 0 drawn the other way round); default 0. */
  reverse?: number;
  /** Probability that a stroke swaps places with the next (a 7's bar drawn first); default 0. */
  reorder?: number;
}

export const DEFAULT_INK_AUGMENT: Readonly<InkAugmentOptions> = Object.freeze({
  scale: 0.15,
  aspect: 0.15,
  shear: 0.3,
  rotation: 0.1,
  jitter: 0.005,
  speed: 0.25,
  dropout: 0.1,
});

const uniform = (random: () => number, range: number) => (2 * random() - 1) * range;

/**
 * A randomly distorted copy of the ink: affine (scale, aspect, slant,
 * rotation about the ink's centre), jitter, speed variation and point
 * dropout. `random` is a seeded uniform [0, 1) generator, so a seed fixes
 * the result.
 */
export function augmentInk(
  ink: Ink,
  random: () => number,
  options: InkAugmentOptions = DEFAULT_INK_AUGMENT,
): Ink {
  const bounds = inkBounds(ink);
  if (!bounds) return { strokes: ink.strokes.map(() => ({ points: [] })) };
  ink = rearrangeStrokes(ink, random, options.reverse ?? 0, options.reorder ?? 0);
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  // Jitter scales with the writing's height (floored for flat ink), not a word's width.
  const size = Math.max(bounds.maxY - bounds.minY, 0.1 * (bounds.maxX - bounds.minX));
  const s = 1 + uniform(random, options.scale);
  const sx = s * (1 + uniform(random, options.aspect));
  const shear = uniform(random, options.shear);
  const angle = uniform(random, options.rotation);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const speed = 1 + uniform(random, options.speed);
  const noise = options.jitter * size;

  // Time is remapped over the whole ink so strokes never overlap in time.
  let lastIn: number | undefined;
  let lastOut: number | undefined;
  const strokes = ink.strokes.map((stroke) => {
    const strokeSpeed = speed * (1 + uniform(random, options.speed / 2));
    const kept = stroke.points.filter(
      (_, i, all) => i === 0 || i === all.length - 1 || random() >= options.dropout,
    );
    const points = kept.map((p, i): InkPoint => {
      const x0 = p.x - cx;
      const y0 = p.y - cy;
      const xs = (x0 + shear * y0) * sx;
      const ys = y0 * s;
      const q: InkPoint = {
        x: cx + cos * xs - sin * ys + (noise > 0 ? gaussian(random) * noise : 0),
        y: cy + sin * xs + cos * ys + (noise > 0 ? gaussian(random) * noise : 0),
      };
      if (p.t !== undefined) {
        // Divide every time gap by a speed factor (the global one between strokes): order kept.
        const factor = i === 0 ? speed : strokeSpeed;
        q.t =
          lastIn === undefined || lastOut === undefined ? p.t : lastOut + (p.t - lastIn) / factor;
        lastIn = p.t;
        lastOut = q.t;
      }
      if (p.pressure !== undefined) q.pressure = p.pressure;
      return q;
    });
    return { points };
  });
  return { strokes };
}

/**
 * Writers draw the same shape in other orders: some strokes run backwards and
 * some adjacent strokes swap. The timestamps keep their original sequence
 * (reassigned point by point), so timed ink stays in time order. Draws
 * nothing from `random` when both probabilities are 0.
 */
function rearrangeStrokes(ink: Ink, random: () => number, reverse: number, reorder: number): Ink {
  if (!(reverse > 0) && !(reorder > 0)) return ink;
  const strokes = ink.strokes.map((s) =>
    reverse > 0 && random() < reverse ? [...s.points].reverse() : s.points,
  );
  if (reorder > 0) {
    for (let i = 0; i + 1 < strokes.length; i++) {
      if (random() < reorder) {
        [strokes[i], strokes[i + 1]] = [strokes[i + 1], strokes[i]];
        i++; // a stroke moves at most one place
      }
    }
  }
  const times = ink.strokes.flatMap((s) => s.points.map((p) => p.t));
  let k = 0;
  return {
    strokes: strokes.map((points) => ({
      points: points.map((p) => {
        const t = times[k++];
        return t === undefined ? p : { ...p, t };
      }),
    })),
  };
}
