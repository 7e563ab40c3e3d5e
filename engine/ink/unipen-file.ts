import { InkFormatError } from './ink-format-error';

/**
 * One UNIPEN 1.0 file (segment file, pen-data file or .doc header), parsed
 * but with its `.INCLUDE`s not yet expanded, so the io layer can parse each
 * file once and share it between the many segment files that include it.
 *
 * Format notes (see shared/data/README.md section 1):
 * - a keyword is a `.` in column 0 followed by upper-case letters; indented
 *   text that looks like a keyword is free text (quirk 18);
 * - fields are separated by runs of spaces and/or tabs (quirk 7); CR before
 *   LF is tolerated (quirk 12);
 * - every non-empty `.PEN_DOWN`/`.PEN_UP` block is a component; empty blocks
 *   are dropped here so they can never be counted (quirk 2).
 */
export type UnipenEntry =
  | { kind: 'include'; name: string; line: number }
  | { kind: 'header'; keyword: string; value: string; line: number }
  | { kind: 'component'; component: UnipenComponent }
  | { kind: 'start-set'; line: number }
  | { kind: 'segment'; segment: UnipenSegmentLine };

export interface UnipenComponent {
  penDown: boolean;
  /** Point values row-major, `width` numbers per point, as written in the file. */
  values: Float64Array;
  width: number;
  file: string;
  /** Line of the `.PEN_DOWN`/`.PEN_UP` keyword. */
  line: number;
}

export interface UnipenSegmentLine {
  type: string;
  delineation: string;
  quality: string;
  /** The label with escapes resolved and `\@` ligature marks removed, trimmed. */
  label: string;
  /** The label with escapes resolved except `\@`, which stays as written. */
  rawLabel: string;
  line: number;
}

export interface UnipenFile {
  source: string;
  entries: UnipenEntry[];
}

/** Something a tolerant reader left out instead of failing (see UnipenReadOptions.onSkip). */
export interface UnipenSkip {
  /** What was wrong, a stable short code for counting. */
  kind:
    | 'bad-point'
    | 'bad-segment-line'
    | 'bad-delineation'
    | 'component-out-of-range'
    | 'point-out-of-range'
    | 'no-pen-down-ink'
    /** A segment file whose `.INCLUDE`d file is not in the data: the whole file is left out. */
    | 'missing-include'
    | 'unreadable-file';
  file: string;
  line?: number;
  message: string;
}

/** A skip in one line for people: where, what was wrong, its kind. */
export const describeUnipenSkip = (skip: UnipenSkip): string =>
  `${skip.file}${skip.line === undefined ? '' : `:${skip.line}`}: ${skip.message} (${skip.kind}, skipped)`;

/**
 * Without `onSkip` a problem throws an InkFormatError naming file and line;
 * with it, the point, `.SEGMENT` line or segment is left out, reported, and
 * reading goes on (the complete UNIPEN data must never stop a run).
 */
export interface UnipenReadOptions {
  onSkip?: (skip: UnipenSkip) => void;
}

/** Throws `error`, or reports it as a skip of `kind` when the caller is tolerant. */
export function skipOrThrow(
  error: InkFormatError,
  kind: UnipenSkip['kind'],
  options: UnipenReadOptions,
): void {
  if (!options.onSkip) throw error;
  options.onSkip({ kind, file: error.file, line: error.line, message: error.reason });
}

const SPACE = 32;
const TAB = 9;
const DOT = 46;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === 13;
}

/** Splits on runs of spaces/tabs, ignoring leading and trailing ones. */
export function splitFields(text: string): string[] {
  const out = text.trim().split(/[ \t]+/);
  return out.length === 1 && out[0] === '' ? [] : out;
}

/**
 * Parses the numbers of one point line into `into` starting at `at`; returns
 * how many it read. Integers (the only thing UNIPEN files hold) take a fast
 * path; anything else goes through Number() and must be finite.
 */
function parseNumbers(line: string, into: number[], file: string, lineNo: number): number {
  let i = 0;
  let count = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isBlank(line.charCodeAt(i))) i++;
    let value = 0;
    let j = start;
    let negative = false;
    const first = line.charCodeAt(j);
    if (first === 45 || first === 43) {
      negative = first === 45;
      j++;
    }
    let integer = j < i;
    for (; j < i; j++) {
      const d = line.charCodeAt(j) - 48;
      if (d < 0 || d > 9) {
        integer = false;
        break;
      }
      value = value * 10 + d;
    }
    if (!integer) {
      const token = line.slice(start, i);
      value = Number(token);
      if (!Number.isFinite(value)) {
        throw new InkFormatError(
          file,
          lineNo,
          `expected a point (numbers separated by spaces) inside a pen block, got '${line.trim()}'`,
        );
      }
      negative = false;
    }
    into.push(negative ? -value : value);
    count++;
  }
  return count;
}

/** Parses the quoted part of a `.SEGMENT` line: `"..."` with `\"`, `\\` and `\@`. */
export function parseUnipenLabel(
  text: string,
  file: string,
  line: number,
): { label: string; rawLabel: string } {
  if (text.charCodeAt(0) !== 34) {
    throw new InkFormatError(file, line, `expected a quoted label, got '${text}'`);
  }
  let label = '';
  let raw = '';
  let i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') break;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i];
      if (next === '@') {
        raw += '\\@';
      } else if (next === '"' || next === '\\') {
        label += next;
        raw += next;
      } else {
        // Not an escape UNIPEN defines: keep it as written.
        label += c + next;
        raw += c + next;
      }
      continue;
    }
    label += c;
    raw += c;
  }
  if (i >= text.length) {
    throw new InkFormatError(file, line, `label ${text} has no closing quote`);
  }
  if (text.slice(i + 1).trim() !== '') {
    throw new InkFormatError(file, line, `unexpected text after the label: '${text.slice(i + 1)}'`);
  }
  // Quirk 19: some labels end in tabs inside the quotes.
  return { label: label.trim(), rawLabel: raw.trim() };
}

function parseSegmentLine(value: string, file: string, line: number): UnipenSegmentLine {
  const quote = value.indexOf('"');
  const fields = splitFields(quote < 0 ? value : value.slice(0, quote));
  if (fields.length < 2 || fields.length > 3) {
    throw new InkFormatError(
      file,
      line,
      `expected '.SEGMENT <type> <delineation> [quality] ["label"]', got '.SEGMENT ${value}'`,
    );
  }
  const { label, rawLabel } =
    quote < 0
      ? { label: '', rawLabel: '' }
      : parseUnipenLabel(value.slice(quote).trim(), file, line);
  return {
    type: fields[0],
    delineation: fields[1],
    quality: fields[2] ?? '?',
    label,
    rawLabel,
    line,
  };
}

/** Parses one UNIPEN file; `source` names it in errors and in the components it holds. */
export function parseUnipenFile(
  text: string,
  source: string,
  options: UnipenReadOptions = {},
): UnipenFile {
  const entries: UnipenEntry[] = [];
  const lines = text.split('\n');
  let pen: { down: boolean; line: number; values: number[]; width: number } | undefined;
  let header: { keyword: string; value: string; line: number; extra: string[] } | undefined;

  const closePen = () => {
    if (pen && pen.values.length > 0) {
      entries.push({
        kind: 'component',
        component: {
          penDown: pen.down,
          values: Float64Array.from(pen.values),
          width: pen.width,
          file: source,
          line: pen.line,
        },
      });
    }
    pen = undefined;
  };
  const closeHeader = () => {
    if (header) {
      const value = header.extra.length ? [header.value, ...header.extra].join('\n') : header.value;
      entries.push({ kind: 'header', keyword: header.keyword, value, line: header.line });
    }
    header = undefined;
  };

  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const lineNo = k + 1;
    const c1 = line.charCodeAt(1);
    if (line.charCodeAt(0) === DOT && c1 >= 65 && c1 <= 90) {
      closePen();
      closeHeader();
      let end = 1;
      while (end < line.length && !isBlank(line.charCodeAt(end))) end++;
      const keyword = line.slice(1, end);
      const value = line.slice(end).trim();
      switch (keyword) {
        case 'PEN_DOWN':
        case 'PEN_UP':
          pen = { down: keyword === 'PEN_DOWN', line: lineNo, values: [], width: 0 };
          break;
        case 'INCLUDE':
          if (value === '') throw new InkFormatError(source, lineNo, '.INCLUDE needs a file name');
          entries.push({ kind: 'include', name: value, line: lineNo });
          break;
        case 'START_SET':
          entries.push({ kind: 'start-set', line: lineNo });
          break;
        case 'SEGMENT':
          try {
            entries.push({ kind: 'segment', segment: parseSegmentLine(value, source, lineNo) });
          } catch (err) {
            if (!(err instanceof InkFormatError)) throw err;
            skipOrThrow(err, 'bad-segment-line', options);
          }
          break;
        default:
          header = { keyword, value, line: lineNo, extra: [] };
      }
      continue;
    }
    if (pen) {
      const before = pen.values.length;
      let problem: InkFormatError | undefined;
      let count = 0;
      try {
        count = parseNumbers(line, pen.values, source, lineNo);
      } catch (err) {
        if (!(err instanceof InkFormatError)) throw err;
        problem = err;
      }
      if (!problem && count === 0) continue;
      if (problem) {
        // Reported below; the block keeps its other points.
      } else if (pen.width === 0 && count < 2) {
        problem = new InkFormatError(
          source,
          lineNo,
          `a point needs at least X and Y, got '${line.trim()}'`,
        );
      } else if (pen.width === 0) {
        pen.width = count;
      } else if (count !== pen.width) {
        problem = new InkFormatError(
          source,
          lineNo,
          `expected ${pen.width} numbers per point like the block's first point, got ${count}`,
        );
      }
      if (problem) {
        pen.values.length = before;
        skipOrThrow(problem, 'bad-point', options);
      }
    } else if (header) {
      const trimmed = line.trim();
      if (trimmed !== '') header.extra.push(trimmed);
    }
  }
  closePen();
  closeHeader();
  return { source, entries };
}
