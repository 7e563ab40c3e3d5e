/**
 * UNIPEN delineations: `A[:M]-B[:N]` selects components A..B, optionally from
 * point M of A to point N of B (0-based, inclusive: quirk 20); ranges join
 * with commas (`386-389,391-391:21`, quirk 6); a bare `N` means `N-N`.
 */
export interface DelineationRange {
  from: number;
  fromPoint?: number;
  to: number;
  toPoint?: number;
}

const BOUND = /^(\d+)(?::(\d+))?$/;

function parseBound(text: string): { component: number; point?: number } | undefined {
  const m = BOUND.exec(text);
  if (!m) return undefined;
  return { component: Number(m[1]), point: m[2] === undefined ? undefined : Number(m[2]) };
}

/** Parses a delineation; returns an error message instead of throwing so callers add file/line. */
export function parseDelineation(text: string): DelineationRange[] | string {
  const ranges: DelineationRange[] = [];
  for (const part of text.split(',')) {
    const dash = part.indexOf('-');
    const a = parseBound(dash < 0 ? part : part.slice(0, dash));
    const b = dash < 0 ? a : parseBound(part.slice(dash + 1));
    if (!a || !b) {
      return `bad delineation '${text}': expected A[:M]-B[:N] ranges joined by commas, e.g. 3-5 or 2:0-2:65`;
    }
    if (b.component < a.component) {
      return `bad delineation '${text}': range ${part} ends before it starts`;
    }
    const range: DelineationRange = { from: a.component, to: b.component };
    // A bare `N:M` (no dash) means the single point M of component N.
    if (a.point !== undefined) range.fromPoint = a.point;
    if (b.point !== undefined) range.toPoint = b.point;
    ranges.push(range);
  }
  return ranges;
}
