import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { writeFileAtomic } from './write-atomic';
import type { InkItem } from '../../ink/ink';
import { InkFormatError } from '../../ink/ink-format-error';
import { readInkml, writeInkml } from '../../ink/inkml';
import { readJsonInk, writeJsonInk } from '../../ink/json-ink';
import { UnipenReader } from './unipen-files';
import { writerKey } from '../../ink/unipen-writers';

export type InkFileFormat = 'inkml' | 'json' | 'unipen';

/** One piece of ink from a file, with where it came from. */
export interface InkFileItem extends InkItem {
  /** Trace-group / array index (from 0) for InkML and JSON, the `.SEGMENT` line for UNIPEN. */
  item: number;
}

/** The format implied by a file name: .inkml/.xml, .json, or .dat (UNIPEN segment file). */
export function inkFileFormat(path: string): InkFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.inkml' || ext === '.xml') return 'inkml';
  if (ext === '.json') return 'json';
  if (ext === '.dat') return 'unipen';
  throw new InkFormatError(
    path,
    undefined,
    `unknown ink file type '${ext || '(none)'}': expected .inkml, .xml, .json or a UNIPEN segment file (.dat)`,
  );
}

/**
 * Reads every item of an ink file. UNIPEN segment files find their includes
 * from the nearest ancestor holding `include/`, or `unipenRoot`, or use the
 * given `unipenReader` (and its cache).
 */
export function readInkFile(
  path: string,
  options: { unipenRoot?: string; unipenReader?: UnipenReader } = {},
): InkFileItem[] {
  const format = inkFileFormat(path);
  if (format === 'unipen') {
    // Pass the same reader for many files of one tree so their pen files are parsed once.
    // The writer (lab and id, as the held-out splits key it) keeps an import's or a
    // training run's validation writers apart from its training writers.
    return (options.unipenReader ?? UnipenReader.forPath(path, options.unipenRoot))
      .readSegmentFile(path)
      .map((s) => ({
        ink: s.ink,
        label: s.label,
        item: s.line,
        annotations: { writer: writerKey(s.lab, s.writer) },
      }));
  }
  const text = readFileSync(path, 'utf8');
  const items = format === 'inkml' ? readInkml(text, path) : readJsonInk(text, path);
  return items.map((it, i) => ({ ...it, item: i }));
}

/** Writes items as InkML (`.inkml`/`.xml`) or JSON ink (`.json`), atomically. */
export function writeInkFile(path: string, items: readonly InkItem[]): void {
  const format = inkFileFormat(path);
  if (format === 'unipen') {
    throw new Error(`${path}: writing UNIPEN is not supported; write .inkml or .json instead`);
  }
  writeFileAtomic(path, format === 'inkml' ? writeInkml(items) : writeJsonInk(items));
}
