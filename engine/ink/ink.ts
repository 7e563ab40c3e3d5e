/**
 * The ink model shared by every reader, writer, feature extractor and the app.
 * Coordinates are in the device's own units with y growing downwards (screen
 * convention); `t` is in milliseconds, `pressure` in the device's units.
 */
export interface InkPoint {
  x: number;
  y: number;
  t?: number;
  pressure?: number;
}

export interface Stroke {
  points: InkPoint[];
}

export interface Ink {
  strokes: Stroke[];
}

/** One labelled (or unlabelled) piece of ink as read from a file. */
export interface InkItem {
  ink: Ink;
  label?: string;
  /** Other facts about the item (writer, category, source...), as InkML `<annotation type>`s. */
  annotations?: Record<string, string>;
}

export interface InkBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function inkPointCount(ink: Ink): number {
  let n = 0;
  for (const s of ink.strokes) n += s.points.length;
  return n;
}

/** Bounding box of all points, or undefined for ink without points. */
export function inkBounds(ink: Ink): InkBounds | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of ink.strokes) {
    for (const p of s.points) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : undefined;
}

/** True when every point carries a time stamp (and there is at least one point). */
export function inkHasTime(ink: Ink): boolean {
  let any = false;
  for (const s of ink.strokes) {
    for (const p of s.points) {
      if (p.t === undefined) return false;
      any = true;
    }
  }
  return any;
}

/** Applies `f` to every point, keeping stroke structure. */
export function mapInkPoints(ink: Ink, f: (p: InkPoint) => InkPoint): Ink {
  return { strokes: ink.strokes.map((s) => ({ points: s.points.map(f) })) };
}
