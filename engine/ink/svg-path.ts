import { inkBounds, type Ink } from './ink';

/**
 * SVG path data for the ink (one subpath per stroke; a single-point stroke
 * becomes a zero-length segment, visible with stroke-linecap="round").
 */
export function inkToSvgPath(ink: Ink, decimals = 2): string {
  const f = (v: number) => String(Number(v.toFixed(decimals)));
  const parts: string[] = [];
  for (const s of ink.strokes) {
    if (s.points.length === 0) continue;
    const [first, ...rest] = s.points;
    parts.push(`M${f(first.x)} ${f(first.y)}`);
    if (rest.length === 0) parts.push('l0 0');
    for (const p of rest) parts.push(`L${f(p.x)} ${f(p.y)}`);
  }
  return parts.join(' ');
}

/** An SVG viewBox ("minX minY width height") around the ink with a margin. */
export function inkViewBox(ink: Ink, margin = 0.05): string {
  const b = inkBounds(ink) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const pad = Math.max(b.maxX - b.minX, b.maxY - b.minY, 1) * margin;
  return [b.minX - pad, b.minY - pad, b.maxX - b.minX + 2 * pad, b.maxY - b.minY + 2 * pad]
    .map((v) => String(Number(v.toFixed(3))))
    .join(' ');
}
