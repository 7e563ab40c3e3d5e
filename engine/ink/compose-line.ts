import { inkBounds, inkHasTime, type Ink } from './ink';

/**
 * A synthetic line of handwriting from word inks of one writer (UNIPEN
 * category 6/7 words, or words composed from their characters), laid left to
 * right with a word gap between them, so a model with a space label learns
 * what a word boundary looks like (category 8 lines alone are few: 9,198).
 * Each word is moved, not scaled: one writer's words share the pen file's
 * units. Words are centred vertically on the first word's middle. y grows
 * downwards.
 */
export interface ComposeLineOptions {
  /** Word gap in median stroke heights, drawn uniformly (default [1.2, 2.5], above WORD_GAP). */
  gap?: [number, number];
  /** Pause between words in ms when the words carry time (default 400). */
  pauseMs?: number;
}

export function composeLine(
  words: readonly Ink[],
  random: () => number,
  options: ComposeLineOptions = {},
): Ink {
  const [lo, hi] = options.gap ?? [1.2, 2.5];
  const pauseMs = options.pauseMs ?? 400;
  const heights = words
    .flatMap((w) => w.strokes.map((s) => inkBounds({ strokes: [s] })))
    .map((b) => (b ? b.maxY - b.minY : 0))
    .filter((h) => h > 0)
    .sort((a, b) => a - b);
  const unit = heights.length ? heights[Math.floor(heights.length / 2)] : 1;
  const timed = words.length > 0 && words.every(inkHasTime);
  const out: Ink = { strokes: [] };
  let penX = 0;
  let middle: number | undefined;
  let clock = 0;
  for (const word of words) {
    const b = inkBounds(word);
    if (!b) continue;
    middle ??= (b.minY + b.maxY) / 2;
    const dx = penX - b.minX;
    const dy = middle - (b.minY + b.maxY) / 2;
    const t0 = timed ? Math.min(...word.strokes.flatMap((s) => s.points.map((p) => p.t ?? 0))) : 0;
    let last = clock;
    for (const s of word.strokes) {
      out.strokes.push({
        points: s.points.map((p) => {
          const q = { ...p, x: p.x + dx, y: p.y + dy };
          if (timed) {
            q.t = clock + (p.t ?? 0) - t0;
            last = Math.max(last, q.t);
          }
          return q;
        }),
      });
    }
    clock = last + pauseMs;
    penX += b.maxX - b.minX + (lo + (hi - lo) * random()) * unit;
  }
  return out;
}
