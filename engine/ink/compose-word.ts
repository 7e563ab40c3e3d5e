import { inkBounds, inkHasTime, type Ink, type InkPoint } from './ink';

/**
 * Synthetic word ink from one writer's isolated characters (UNIPEN 1a/1b/1c),
 * laid side by side on a common baseline. Word data comes from a few dozen
 * writers; character data from many more, so words "written" with their
 * characters show the model far more hands.
 */

/** How a character sits on the line: between baseline and x-line, above it, below it, or cap height. */
export type GlyphZone = 'x' | 'ascender' | 'descender' | 'cap';

const ASCENDERS = new Set('bdfhklt');
const DESCENDERS = new Set('gjpqy');

export function glyphZone(char: string): GlyphZone {
  if (ASCENDERS.has(char)) return 'ascender';
  if (DESCENDERS.has(char)) return 'descender';
  if (/[a-z]/.test(char)) return 'x';
  return 'cap';
}

/** One isolated character of a writer. */
export interface Glyph {
  char: string;
  ink: Ink;
}

/**
 * The writer's x-height in ink units: the median height of their x-zone
 * glyphs (a, c, e, …), or 0.6 × the median cap/ascender height without them.
 */
export function writerXHeight(glyphs: readonly Glyph[]): number {
  const heights = (zones: GlyphZone[]) =>
    glyphs
      .filter((g) => zones.includes(glyphZone(g.char)))
      .map((g) => {
        const b = inkBounds(g.ink);
        return b ? b.maxY - b.minY : 0;
      })
      .filter((h) => h > 0)
      .sort((a, b) => a - b);
  const median = (v: number[]) => v[Math.floor(v.length / 2)];
  const x = heights(['x']);
  if (x.length) return median(x);
  const tall = heights(['cap', 'ascender']);
  return tall.length ? 0.6 * median(tall) : 1;
}

export interface ComposeOptions {
  /** Gap between glyphs as a fraction of the x-height, drawn uniformly (default [0.1, 0.4]). */
  gap?: [number, number];
  /** Random vertical offset of each glyph, fraction of the x-height (default 0.08). */
  baselineJitter?: number;
  /** Random scale of each glyph around 1 (default 0.08). */
  scaleJitter?: number;
  /** Pause between glyphs in ms when the glyphs carry time (default 150). */
  pauseMs?: number;
  /**
   * Probability that a lower-case letter is joined to the lower-case letter
   * before it, as in cursive: the pen stays down from the end of one to the
   * start of the next (one stroke), and they sit closer (default 0).
   */
  join?: number;
}

/**
 * Lays the glyphs out left to right: each glyph keeps its own shape and
 * stroke order, its bottom on the baseline (descenders: its top on the
 * x-line), a random gap after the previous one. y grows downwards.
 * Time stamps are kept, shifted to follow each other, only when every glyph has them.
 */
export function composeWord(
  glyphs: readonly Glyph[],
  xHeight: number,
  random: () => number,
  options: ComposeOptions = {},
): Ink {
  const [gapLo, gapHi] = options.gap ?? [0.1, 0.4];
  const jitter = options.baselineJitter ?? 0.08;
  const scaleJitter = options.scaleJitter ?? 0.08;
  const pause = options.pauseMs ?? 150;
  const join = options.join ?? 0;
  const timed = glyphs.every((g) => inkHasTime(g.ink));
  const strokes: Ink['strokes'] = [];
  let penX = 0;
  let clock = 0;
  let previous: Glyph | undefined;
  for (const glyph of glyphs) {
    const b = inkBounds(glyph.ink);
    if (!b) continue;
    const joined =
      join > 0 &&
      previous !== undefined &&
      /^[a-z]$/.test(previous.char) &&
      /^[a-z]$/.test(glyph.char) &&
      random() < join;
    previous = glyph;
    if (joined) {
      // Cursive letters nearly touch: take back most of the gap drawn after the last one.
      penX -= (gapLo + (gapHi - gapLo) * 0.75) * xHeight;
      clock -= pause * 0.8;
    }
    const s = 1 + (2 * random() - 1) * scaleJitter;
    const height = (b.maxY - b.minY) * s;
    // Where the glyph's top goes, with the baseline at y = 0 and the x-line at y = −xHeight.
    const top =
      (glyphZone(glyph.char) === 'descender' ? -xHeight : -height) +
      (2 * random() - 1) * jitter * xHeight;
    const left = penX;
    const t0 = timed ? (glyph.ink.strokes.find((st) => st.points.length)?.points[0].t ?? 0) : 0;
    let lastT = clock;
    let first = joined;
    for (const stroke of glyph.ink.strokes) {
      const points: InkPoint[] = stroke.points.map((p) => {
        const q: InkPoint = { x: left + (p.x - b.minX) * s, y: top + (p.y - b.minY) * s };
        if (timed) {
          q.t = clock + ((p.t ?? 0) - t0);
          lastT = Math.max(lastT, q.t);
        }
        return q;
      });
      if (!points.length) continue;
      if (first && strokes.length) strokes[strokes.length - 1].points.push(...points);
      else strokes.push({ points });
      first = false;
    }
    penX = left + (b.maxX - b.minX) * s + (gapLo + (gapHi - gapLo) * random()) * xHeight;
    clock = lastT + pause;
  }
  return { strokes };
}
