import { inkBounds, type Ink, type Stroke } from './ink';

/**
 * A line of handwriting cut into words at the horizontal gaps between them,
 * for a model that writes no spaces (every shipped ink model): each word is
 * recognized alone and the texts joined with spaces.
 *
 * The strokes' x-extents are merged where they overlap or nearly touch (the
 * letters of a word, an i's dot, a t's bar written later); a gap wider than
 * `gap` × the line's height unit starts a new word. The height unit is the
 * median stroke height, which follows the writing's size whatever the
 * digitizer's units. Ink written on several lines (a stroke starting well
 * left of the previous ones and below them) is read line by line.
 */
export interface WordGapOptions {
  /** Gap between words, in median stroke heights (default WORD_GAP). */
  gap?: number;
}

/**
 * Default word gap. On UNIPEN training writers (scripts/ink-word-gaps.ts,
 * docs/experiments/ink-lines.md) no threshold separates word gaps from letter
 * gaps well: at 0.9, 42% of text lines (category 8) are cut into exactly their
 * word count and 8% of isolated words (category 7) are cut too; 0.5 finds more
 * boundaries and cuts 22% of words, 1.6 cuts 2% of words and finds fewer than
 * half the boundaries. So a cut is a proposal: recognizeInk keeps it only when
 * its words score better than the ink read whole.
 */
export const WORD_GAP = 0.9;

export interface InkWord {
  ink: Ink;
  /** Indices of its strokes in the input ink, in writing order. */
  strokes: number[];
}

interface Box {
  index: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const median = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : 0;
};

/** The strokes' boxes and the height unit (median stroke height). */
function strokeBoxes(ink: Ink): { boxes: Box[]; unit: number } {
  const boxes: Box[] = [];
  ink.strokes.forEach((s: Stroke, index) => {
    const b = inkBounds({ strokes: [s] });
    if (b) boxes.push({ index, ...b });
  });
  const heights = boxes.map((b) => b.maxY - b.minY).filter((h) => h > 0);
  return { boxes, unit: median(heights) || 1 };
}

const piece = (ink: Ink, group: readonly Box[]): InkWord => {
  const strokes = group.map((b) => b.index).sort((a, b) => a - b);
  return { strokes, ink: { strokes: strokes.map((i) => ink.strokes[i]) } };
};

/**
 * Ink written on several physical lines (a UNIPEN text segment of a paragraph,
 * or a note in the Write view) as its lines, in writing order: a new line
 * starts where the pen goes back to the left and below the line so far.
 * Strokes without points belong to no line.
 */
export function splitInkIntoLines(ink: Ink): InkWord[] {
  const { boxes, unit } = strokeBoxes(ink);
  return splitLines(boxes, unit)
    .filter((line) => line.length > 0)
    .map((line) => piece(ink, line));
}

export function splitInkAtWordGaps(ink: Ink, options: WordGapOptions = {}): InkWord[] {
  const gap = options.gap ?? WORD_GAP;
  const { boxes, unit } = strokeBoxes(ink);
  if (boxes.length === 0) return [];
  const words: InkWord[] = [];
  for (const line of splitLines(boxes, unit)) {
    const sorted = [...line].sort((a, b) => a.minX - b.minX);
    let group: Box[] = [];
    let right = -Infinity;
    const close = () => {
      if (group.length === 0) return;
      words.push(piece(ink, group));
      group = [];
    };
    for (const b of sorted) {
      if (group.length > 0 && b.minX - right > gap * unit) close();
      group.push(b);
      right = Math.max(right, b.maxX);
    }
    close();
  }
  return words;
}

/**
 * Strokes in writing order, cut where the pen goes back to the left by more
 * than a few height units and down below the line: a new line of text. Going
 * back left and up, above the line by the line's own height, starts a line
 * too: a new page written over the last (UNIPEN's long texts), or a line added
 * above; a late i dot or t bar stays in its line, and one added to an earlier
 * line once the next is written (a small mark inside that line's box) joins it.
 */
function splitLines(boxes: Box[], unit: number): Box[][] {
  const lines: Box[][] = [[]];
  const extents: Omit<Box, 'index'>[] = [];
  const empty = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  let line = empty;
  for (const b of boxes) {
    const current = lines[lines.length - 1];
    // A mark above the line being written, inside an earlier line wholly above it (not
    // a line of a page written over the last), belongs to that line; the latest such.
    if (current.length > 0 && isMark(b, unit) && b.maxY < line.minY) {
      const fits = (e: Omit<Box, 'index'>) => e.maxY < line.minY && inside(b, e, unit);
      let earlier = lines.length - 2;
      while (earlier >= 0 && !fits(extents[earlier])) earlier--;
      if (earlier >= 0) {
        lines[earlier].push(b);
        continue;
      }
    }
    const newLine =
      current.length > 0 &&
      b.maxX < line.maxX - 3 * unit &&
      (b.minY > line.maxY - 0.5 * unit || b.maxY < line.minY - (line.maxY - line.minY));
    if (newLine) {
      lines.push([]);
      line = empty;
    }
    lines[lines.length - 1].push(b);
    line = {
      minX: Math.min(line.minX, b.minX),
      maxX: Math.max(line.maxX, b.maxX),
      minY: Math.min(line.minY, b.minY),
      maxY: Math.max(line.maxY, b.maxY),
    };
    extents[lines.length - 1] = line;
  }
  return lines;
}

/** A dot, a bar or an accent: under half the writing's height unit tall. */
const isMark = (b: Box, unit: number) => b.maxY - b.minY < 0.5 * unit;

/** Within a line's box, with half a height unit to spare on every side. */
const inside = (b: Box, e: Omit<Box, 'index'>, unit: number) =>
  b.minX >= e.minX - 0.5 * unit &&
  b.maxX <= e.maxX + 0.5 * unit &&
  b.minY >= e.minY - 0.5 * unit &&
  b.maxY <= e.maxY + 0.5 * unit;
