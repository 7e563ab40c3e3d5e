import type { InkItem, InkPoint, Stroke } from './ink';
import { InkFormatError } from './ink-format-error';

/**
 * The simple JSON ink form: `{"strokes": [[[x, y, t?, pressure?], ...], ...], "label"?: "...",
 * "annotations"?: {"writer": "...", ...}}` (t may be null when only pressure is known), or an
 * array of such objects.
 */
export function readJsonInk(text: string, file: string): InkItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new InkFormatError(file, line, `not valid JSON (${message})`);
  }
  const list = Array.isArray(data) ? data : [data];
  return list.map((entry, i) => readItem(entry, file, Array.isArray(data) ? `[${i}]` : ''));
}

function readItem(entry: unknown, file: string, where: string): InkItem {
  const fail = (path: string, reason: string) =>
    new InkFormatError(file, undefined, `${where}${path}: ${reason}`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw fail('', 'expected an object {"strokes": [[[x, y, t?], ...], ...], "label"?: "..."}');
  }
  const obj = entry as Record<string, unknown>;
  if (!Array.isArray(obj.strokes)) throw fail('.strokes', 'expected an array of strokes');
  if (obj.label !== undefined && typeof obj.label !== 'string') {
    throw fail('.label', 'expected a string');
  }
  const strokes: Stroke[] = obj.strokes.map((stroke: unknown, s: number) => {
    if (!Array.isArray(stroke)) throw fail(`.strokes[${s}]`, 'expected an array of points');
    return {
      points: stroke.map((point: unknown, p: number): InkPoint => {
        const path = `.strokes[${s}][${p}]`;
        if (!Array.isArray(point) || point.length < 2 || point.length > 4) {
          throw fail(path, 'expected a point [x, y], [x, y, t] or [x, y, t|null, pressure]');
        }
        const [x, y, t, pressure] = point as unknown[];
        const num = (v: unknown, name: string) => {
          if (typeof v !== 'number' || !Number.isFinite(v))
            throw fail(path, `${name} must be a finite number`);
          return v;
        };
        const out: InkPoint = { x: num(x, 'x'), y: num(y, 'y') };
        if (t !== undefined && t !== null) out.t = num(t, 't');
        if (pressure !== undefined) out.pressure = num(pressure, 'pressure');
        return out;
      }),
    };
  });
  const item: InkItem = { ink: { strokes } };
  if (typeof obj.label === 'string') item.label = obj.label;
  if (obj.annotations !== undefined) {
    const a = obj.annotations;
    if (
      typeof a !== 'object' ||
      a === null ||
      Array.isArray(a) ||
      !Object.values(a).every((v) => typeof v === 'string')
    ) {
      throw fail('.annotations', 'expected an object of strings');
    }
    item.annotations = { ...(a as Record<string, string>) };
  }
  return item;
}

function pointToJson(p: InkPoint): (number | null)[] {
  const out: (number | null)[] = [p.x, p.y];
  if (p.pressure !== undefined) out.push(p.t ?? null, p.pressure);
  else if (p.t !== undefined) out.push(p.t);
  return out;
}

function itemToJson(item: InkItem) {
  for (const s of item.ink.strokes) {
    for (const p of s.points) {
      for (const v of [p.x, p.y, p.t ?? 0, p.pressure ?? 0]) {
        // JSON has no NaN or Infinity: refuse rather than write null. (-0 is written as 0.)
        if (!Number.isFinite(v)) {
          throw new RangeError(`cannot write ${v} to JSON ink: values must be finite`);
        }
      }
    }
  }
  const out: { strokes: unknown[]; label?: string; annotations?: Record<string, string> } = {
    strokes: item.ink.strokes.map((s) => s.points.map(pointToJson)),
  };
  if (item.label !== undefined) out.label = item.label;
  if (item.annotations !== undefined) out.annotations = item.annotations;
  return out;
}

/** One item as an object, several as an array; compact, one stroke a line. */
export function writeJsonInk(items: readonly InkItem[]): string {
  const one = (item: InkItem) => {
    const obj = itemToJson(item);
    const strokes = obj.strokes.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
    const label = obj.label === undefined ? '' : `,\n  "label": ${JSON.stringify(obj.label)}`;
    const notes =
      obj.annotations === undefined ? '' : `,\n  "annotations": ${JSON.stringify(obj.annotations)}`;
    return `{\n  "strokes": [${strokes ? `\n${strokes}\n  ` : ''}]${label}${notes}\n}`;
  };
  return items.length === 1 ? `${one(items[0])}\n` : `[\n${items.map(one).join(',\n')}\n]\n`;
}
