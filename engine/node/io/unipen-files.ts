import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InkFormatError } from '../../ink/ink-format-error';
import {
  parseUnipenFile,
  type UnipenFile,
  type UnipenReadOptions,
  type UnipenSkip,
} from '../../ink/unipen-file';
import { readUnipenSegments, type UnipenSegment } from '../../ink/unipen-segments';
import { filesUnder } from './list-files';

/**
 * The UNIPEN categories of the shared data: digits, upper, lower, punctuation,
 * mixed characters, characters in context, words (6 is a subset of 7), text.
 */
export const UNIPEN_CATEGORIES = ['1a', '1b', '1c', '1d', '2', '3', '6', '7', '8'] as const;
export type UnipenCategory = (typeof UNIPEN_CATEGORIES)[number];

/** All `.dat` segment files under `dir`, sorted, so runs are reproducible. */
export function findSegmentFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `${dir}: not a folder; expected a UNIPEN 'data/...' folder of .dat segment files`,
    );
  }
  return filesUnder(dir, ['.dat']);
}

/**
 * The UNIPEN root for a path: the nearest ancestor (or the path itself) that
 * holds an `include/` folder; undefined when there is none.
 */
export function findUnipenRoot(path: string): string | undefined {
  let dir = resolve(path);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, 'include')) && statSync(join(dir, 'include')).isDirectory()) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * An `.INCLUDE`d file that is not there: lab att's `41412304.dat` (categories
 * 6, 7 and 8 of the complete data) includes a pen file the data lacks.
 */
export class MissingIncludeError extends InkFormatError {
  constructor(
    from: string,
    readonly include: string,
    readonly path: string,
  ) {
    super(from, undefined, `.INCLUDE ${include}: cannot read ${path}: no such file`);
    this.name = 'MissingIncludeError';
  }
}

/**
 * Reads UNIPEN segment files, parsing every included file once (cached by
 * include name, so the pen file shared by the 1a, 1b and 1c segment files of
 * a lab is read once). Call `clearCache()` between labs to bound memory.
 */
export class UnipenReader {
  readonly root: string;
  private readonly cache = new Map<string, UnipenFile>();

  /** `root` holds `include/` (and usually `data/`); `options.onSkip` makes reading tolerant. */
  constructor(
    root: string,
    private readonly options: UnipenReadOptions = {},
  ) {
    this.root = resolve(root);
    if (!existsSync(join(this.root, 'include'))) {
      throw new Error(
        `${root}: no 'include/' folder here; pass the UNIPEN root (the folder holding data/ and include/)`,
      );
    }
  }

  /** Reader for the root above `path` (a segment file or folder), or an explicit root. */
  static forPath(
    path: string,
    explicitRoot?: string,
    options: UnipenReadOptions = {},
  ): UnipenReader {
    const root = explicitRoot ?? findUnipenRoot(path);
    if (!root) {
      throw new Error(
        `${path}: found no ancestor folder holding 'include/'; pass the UNIPEN root explicitly (--unipen-root DIR)`,
      );
    }
    return new UnipenReader(root, options);
  }

  /** Parsed include file by its `.INCLUDE` name (relative to `include/`). */
  includeFile(name: string, from: string): UnipenFile {
    const key = name.replace(/\\/g, '/');
    let file = this.cache.get(key);
    if (!file) {
      const path = join(this.root, 'include', ...key.split('/'));
      let text: string;
      try {
        text = readFileSync(path, 'latin1');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
          throw new MissingIncludeError(from, name, path);
        throw new InkFormatError(from, undefined, `.INCLUDE ${name}: cannot read ${path}: ${code}`);
      }
      file = parseUnipenFile(text, key, this.options);
      this.cache.set(key, file);
    }
    return file;
  }

  /** Every segment of one segment file (`.dat` under `data/`); errors name it as `path`. */
  readSegmentFile(path: string): UnipenSegment[] {
    const text = readFileSync(path, 'latin1');
    return readUnipenSegments(
      parseUnipenFile(text, path, this.options),
      (n, from) => this.includeFile(n, from),
      this.options,
    );
  }

  /**
   * Whether `error`, thrown reading segment file `file`, was reported to
   * onSkip as a 'missing-include': the file's pen data is not in the data, so
   * a tolerant reader of many files leaves the file out whole and goes on.
   * False when this reader is strict (no onSkip) or the error is another.
   */
  skippedMissingInclude(file: string, error: unknown): boolean {
    if (!(error instanceof MissingIncludeError) || !this.options.onSkip) return false;
    this.options.onSkip({ kind: 'missing-include', file, message: error.reason });
    return true;
  }

  clearCache(): void {
    this.cache.clear();
  }
}

/** The skip kind of a segment file that could not be read: its pen data missing, or the file itself. */
export function unreadableFileKind(error: unknown): 'missing-include' | 'unreadable-file' {
  return error instanceof MissingIncludeError ? 'missing-include' : 'unreadable-file';
}

/**
 * What a tolerant reader left out, counted by kind, for a run's closing line:
 * `3 bad parts of the data (above: 2 bad-point, 1 missing-include)`.
 */
export class UnipenSkipCounts {
  private readonly byKind = new Map<UnipenSkip['kind'], number>();
  total = 0;

  add(skip: UnipenSkip): void {
    this.total++;
    this.byKind.set(skip.kind, (this.byKind.get(skip.kind) ?? 0) + 1);
  }

  toString(): string {
    const kinds = [...this.byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
    return `${this.total} bad part${this.total === 1 ? '' : 's'} of the data (above: ${kinds})`;
  }
}

export interface LoadCategoryOptions extends UnipenReadOptions {
  /** Read every `every`th segment file of the sorted list only (default 1: all), for a quick look. */
  every?: number;
  /** Called after each segment file with how many are done. */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Called for a file that cannot be read (an include cycle, an unreadable
   * file); when absent the error is thrown, or reported to `onSkip` as an
   * 'unreadable-file' when that is given. With `onSkip`, a file whose
   * included pen data is not in the data is a 'missing-include' skip.
   */
  onError?: (file: string, error: Error) => void;
}

/** One segment file of a category as read: its segments, and how far the reading is. */
export interface CategoryFile {
  file: string;
  segments: UnipenSegment[];
  /** Files read so far, this one included, of `total`. */
  done: number;
  total: number;
}

/**
 * The segments of one category (`data/<category>/**.dat`) under a UNIPEN
 * root, file by file in sorted order, so that a category of any size can be
 * worked through holding a file's ink at a time (and one lab's parsed pen
 * data: it is let go when the files move on to another lab).
 */
export function* readUnipenCategory(
  root: string,
  category: string,
  options: LoadCategoryOptions = {},
): Generator<CategoryFile, void, undefined> {
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`every must be a whole number of 1 or more, got ${every}`);
  const reader = new UnipenReader(root, { onSkip: options.onSkip });
  const dir = join(reader.root, 'data', category);
  const files = findSegmentFiles(dir).filter((_, i) => i % every === 0);
  let lab = '';
  for (const [i, file] of files.entries()) {
    // Files are sorted, so a lab's files are contiguous: free the previous lab's pen data.
    const fileLab = relative(dir, file).split(sep)[0];
    if (fileLab !== lab) reader.clearCache();
    lab = fileLab;
    let segments: UnipenSegment[] = [];
    try {
      segments = reader.readSegmentFile(file);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      // A missing include is said to onSkip by the reader; other failures go on as below.
      if (!reader.skippedMissingInclude(file, error)) {
        if (options.onError) options.onError(file, error);
        else if (options.onSkip)
          options.onSkip({ kind: 'unreadable-file', file, message: error.message });
        else throw err;
      }
    }
    options.onProgress?.(i + 1, files.length, file);
    yield { file, segments, done: i + 1, total: files.length };
  }
}

/** Every segment of one category (`data/<category>/**.dat`) under a UNIPEN root. */
export function loadUnipenCategory(
  root: string,
  category: string,
  options: LoadCategoryOptions = {},
): UnipenSegment[] {
  const out: UnipenSegment[] = [];
  for (const { segments } of readUnipenCategory(root, category, options))
    for (const s of segments) out.push(s);
  return out;
}
