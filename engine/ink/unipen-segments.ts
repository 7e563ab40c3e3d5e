import type { Ink, InkPoint, Stroke } from './ink';
import { InkFormatError } from './ink-format-error';
import { parseDelineation } from './unipen-delineation';
import {
  skipOrThrow,
  splitFields,
  type UnipenComponent,
  type UnipenFile,
  type UnipenReadOptions,
  type UnipenSegmentLine,
  type UnipenSkip,
} from './unipen-file';

/** One labelled UNIPEN segment, ready for training or export. */
export interface UnipenSegment {
  /** Pen-down ink only, y flipped to grow downwards. */
  ink: Ink;
  label: string;
  /** Label as written, with `\@` ligature marks kept. */
  rawLabel: string;
  /** `.SEGMENT` type: CHARACTER, WORD, ... */
  type: string;
  quality: string;
  /** From the segment file's path `data/<category>/<lab>/...`, or '' when it does not say. */
  category: string;
  lab: string;
  /** `.WRITER_ID` in effect for the segment's first component ('' when none). */
  writer: string;
  /** Include name of the pen file holding the segment's first component. */
  penFile: string;
  delineation: string;
  segmentFile: string;
  /** 1-based line of the `.SEGMENT` in the segment file. */
  line: number;
}

/** Returns the parsed file for an `.INCLUDE` name (the io layer resolves and caches). */
export type UnipenIncludeResolver = (name: string, from: string) => UnipenFile;

interface PlacedComponent {
  component: UnipenComponent;
  coord: string[] | undefined;
  writer: string | undefined;
}

const MAX_INCLUDE_DEPTH = 16;

/** Category and lab from a path like `.../data/1a/tos/f1/x.dat`. */
export function unipenPathInfo(path: string): { category: string; lab: string } {
  // Greedy prefix: the last `data/` of the path wins (the tree itself may sit under a `data/`).
  const m = /^(?:.*[/\\])?data[/\\]([^/\\]+)[/\\]([^/\\]+)[/\\]/.exec(path);
  return m ? { category: m[1], lab: m[2] } : { category: '', lab: '' };
}

/**
 * Expands a segment file's includes in stream order and cuts every `.SEGMENT`
 * out of the component stream. Components are numbered from 0 over the
 * non-empty pen-down AND pen-up blocks, `.START_SET` restarts the count, and
 * pen-up (hover) components inside a segment are counted but not drawn
 * (README quirks 1-4, 9, 10). Throws InkFormatError naming file and line,
 * or with `options.onSkip` leaves the segment out and reports why.
 */
export function readUnipenSegments(
  root: UnipenFile,
  include: UnipenIncludeResolver,
  options: { category?: string; lab?: string } & UnipenReadOptions = {},
): UnipenSegment[] {
  const info = unipenPathInfo(root.source);
  const category = options.category ?? info.category;
  const sets: PlacedComponent[][] = [[]];
  // Headers in effect at this point of the stream, and the first ones seen
  // (for data included before the .doc that describes it, quirk 10).
  let coord: string[] | undefined;
  let writer: string | undefined;
  let firstCoord: string[] | undefined;
  let firstWriter: string | undefined;
  const pending: { set: PlacedComponent[]; segment: UnipenSegmentLineRef }[] = [];
  let firstIncludeLab = '';

  const walk = (file: UnipenFile, depth: number, chain: string[]) => {
    for (const entry of file.entries) {
      switch (entry.kind) {
        case 'include': {
          if (depth >= MAX_INCLUDE_DEPTH || chain.includes(entry.name)) {
            throw new InkFormatError(
              file.source,
              entry.line,
              `.INCLUDE ${entry.name} includes itself (chain: ${[...chain, entry.name].join(' -> ')})`,
            );
          }
          if (!firstIncludeLab) firstIncludeLab = entry.name.split('/')[0];
          walk(include(entry.name, file.source), depth + 1, [...chain, entry.name]);
          break;
        }
        case 'header':
          if (entry.keyword === 'COORD') {
            coord = splitFields(entry.value);
            firstCoord ??= coord;
          } else if (entry.keyword === 'WRITER_ID') {
            writer = entry.value;
            firstWriter ??= writer;
          }
          break;
        case 'start-set':
          sets.push([]);
          break;
        case 'component':
          sets[sets.length - 1].push({ component: entry.component, coord, writer });
          break;
        case 'segment':
          pending.push({
            set: sets[sets.length - 1],
            segment: { ...entry.segment, file: file.source },
          });
          break;
      }
    }
  };
  walk(root, 0, [root.source]);

  const lab = options.lab ?? (info.lab || firstIncludeLab);
  const out: UnipenSegment[] = [];
  for (const { set, segment } of pending) {
    const cut = cutSegment(set, segment, firstCoord);
    if (cut instanceof SegmentProblem) {
      skipOrThrow(cut.error, cut.kind, options);
      continue;
    }
    const { ink, first } = cut;
    out.push({
      ink,
      label: segment.label,
      rawLabel: segment.rawLabel,
      type: segment.type,
      quality: segment.quality,
      category,
      lab,
      writer: first.writer ?? firstWriter ?? '',
      penFile: first.component.file,
      delineation: segment.delineation,
      segmentFile: segment.file,
      line: segment.line,
    });
  }
  return out;
}

/** Why a segment cannot be cut out of its components. */
class SegmentProblem {
  constructor(
    readonly kind: UnipenSkip['kind'],
    readonly error: InkFormatError,
  ) {}
}

/** A `.SEGMENT` line and the file it was read from. */
type UnipenSegmentLineRef = UnipenSegmentLine & { file: string };

function cutSegment(
  set: PlacedComponent[],
  segment: UnipenSegmentLineRef,
  fallbackCoord: string[] | undefined,
): { ink: Ink; first: PlacedComponent } | SegmentProblem {
  const fail = (kind: UnipenSkip['kind'], reason: string) =>
    new SegmentProblem(kind, new InkFormatError(segment.file, segment.line, reason));
  const ranges = parseDelineation(segment.delineation);
  if (typeof ranges === 'string') return fail('bad-delineation', ranges);
  const strokes: Stroke[] = [];
  for (const range of ranges) {
    if (range.to >= set.length) {
      return fail(
        'component-out-of-range',
        `delineation ${segment.delineation} refers to component ${range.to}, but only ${set.length} components (non-empty .PEN_DOWN/.PEN_UP blocks) precede it`,
      );
    }
    for (let c = range.from; c <= range.to; c++) {
      const placed = set[c];
      const count = placed.component.values.length / placed.component.width;
      const start = c === range.from && range.fromPoint !== undefined ? range.fromPoint : 0;
      const end = c === range.to && range.toPoint !== undefined ? range.toPoint : count - 1;
      if (start >= count || end >= count || start > end) {
        return fail(
          'point-out-of-range',
          `delineation ${segment.delineation} asks for points ${start}..${end} of component ${c}, which has ${count} points (${placed.component.file}:${placed.component.line})`,
        );
      }
      // Hover (pen-up) blocks count for the numbering but are not ink.
      if (!placed.component.penDown) continue;
      strokes.push({ points: toPoints(placed, start, end, fallbackCoord) });
    }
  }
  if (strokes.length === 0) {
    return fail(
      'no-pen-down-ink',
      `segment ${segment.delineation} "${segment.label}" holds no pen-down ink`,
    );
  }
  return { ink: { strokes }, first: set[ranges[0].from] };
}

/** Converts points start..end (inclusive) to InkPoints, flipping y (UNIPEN's y grows upwards). */
function toPoints(
  placed: PlacedComponent,
  start: number,
  end: number,
  fallbackCoord: string[] | undefined,
): InkPoint[] {
  const { values, width } = placed.component;
  const coord = placed.coord ?? fallbackCoord ?? ['X', 'Y'];
  const ix = Math.max(0, coord.indexOf('X'));
  const iy = coord.indexOf('Y') < 0 ? 1 : coord.indexOf('Y');
  const it = coord.indexOf('T');
  const ip = coord.indexOf('P');
  const points: InkPoint[] = [];
  for (let i = start; i <= end; i++) {
    const o = i * width;
    // `0 -` would give -0 for y = 0; add 0 to keep +0.
    const p: InkPoint = { x: values[o + ix], y: -values[o + iy] + 0 };
    if (it >= 0 && it < width) p.t = values[o + it];
    if (ip >= 0 && ip < width) p.pressure = values[o + ip];
    points.push(p);
  }
  return points;
}
