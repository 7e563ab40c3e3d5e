import { inkBounds, type Ink, type InkBounds, type Stroke } from './ink';

/**
 * A stroke counts as part of the writing's body when its extent is at least
 * this share of the largest stroke's.
 */
const BODY_STROKE_SHARE = 0.25;
/** A stray mark is smaller than this share of the body's size… */
const MARK_SIZE_SHARE = 0.15;
/** …and further than this many body sizes to the left or right of the body's bounding box. */
const MARK_DISTANCE = 2;

const extent = (b: InkBounds) => Math.max(b.maxX - b.minX, b.maxY - b.minY);

/** Horizontal gap between two boxes (0 when their x ranges overlap). */
const xGap = (a: InkBounds, b: InkBounds) => Math.max(a.minX - b.maxX, b.minX - a.maxX, 0);

/**
 * The ink without stray marks: tiny strokes far away from the writing, such as
 * a tap on the tablet's corner caught inside a UNIPEN segment (lab `sie` has
 * dozens) or an accidental touch on the app's canvas. Left in, one such dot
 * widens the ink many times over, so size normalization shrinks the word to a
 * few points, and the model reads the dot as punctuation.
 *
 * The body is the union of the strokes of at least a quarter of the largest
 * stroke's extent; its size is its height, or a tenth of its width for flat
 * writing. A mark is dropped when it is under 15% of that size and more than
 * twice that size to the left or right of the body. Only the horizontal gap
 * counts: the dot of a lone "i" may float high above a short stem, while
 * periods and accents sit close beside the letters. Invariant under
 * translation and scaling; never drops a body stroke.
 */
export function dropStrayMarks(ink: Ink): Ink {
  const strokes = ink.strokes.filter((s) => s.points.length > 0);
  if (strokes.length < 2) return ink;
  const bounds = strokes.map((s) => inkBounds({ strokes: [s] }) as InkBounds);
  const largest = Math.max(...bounds.map(extent));
  if (!(largest > 0)) return ink;
  const body: Stroke[] = strokes.filter((_, i) => extent(bounds[i]) >= BODY_STROKE_SHARE * largest);
  const b = inkBounds({ strokes: body }) as InkBounds;
  const size = Math.max(b.maxY - b.minY, 0.1 * (b.maxX - b.minX));
  const stray = (i: number) =>
    extent(bounds[i]) < MARK_SIZE_SHARE * size && xGap(bounds[i], b) > MARK_DISTANCE * size;
  if (!strokes.some((_, i) => stray(i))) return ink;
  return { strokes: strokes.filter((_, i) => !stray(i)) };
}
