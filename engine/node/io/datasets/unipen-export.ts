import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { writeInkml } from '../../../ink/inkml';
import { writeFileAtomic } from '../write-atomic';
import { findSegmentFiles, findUnipenRoot, UnipenReader } from '../unipen-files';
import type { UnipenReadOptions } from '../../../ink/unipen-file';

export interface UnipenToInkmlOptions {
  /** A UNIPEN root (holding data/ and include/) or any folder or segment file below data/. */
  input: string;
  /** Only this category (data/<category>/...) when `input` is the root or data/. */
  category?: string;
  out: string;
  onProgress?: (done: number, total: number, file: string) => void;
  onError?: (file: string, error: Error) => void;
  /** A bad point, `.SEGMENT` line or segment left out (the rest of its file is exported). */
  onSkip?: UnipenReadOptions['onSkip'];
}

export interface UnipenToInkmlResult {
  files: number;
  segments: number;
  failed: number;
  /** Parts the reader left out (see onSkip). */
  skipped: number;
}

/** The segment files `input` names, and the root their includes resolve from. */
export function unipenInputFiles(
  input: string,
  category?: string,
): { root: string; dataDir: string; files: string[] } {
  const full = resolve(input);
  if (!existsSync(full)) throw new Error(`${input}: no such file or folder`);
  const root = findUnipenRoot(full);
  if (!root) {
    throw new Error(
      `${input}: not inside a UNIPEN tree (no ancestor folder holds 'include/'); pass the folder holding data/ and include/`,
    );
  }
  const dataDir = join(root, 'data');
  let start = full === root ? dataDir : full;
  if (category !== undefined) {
    if (start !== dataDir) {
      throw new Error(`--category applies to the UNIPEN root or its data/ folder, not to ${input}`);
    }
    start = join(dataDir, category);
    if (!existsSync(start)) throw new Error(`no category '${category}' under ${dataDir}`);
  }
  const files = statSync(start).isDirectory() ? findSegmentFiles(start) : [start];
  return { root, dataDir, files };
}

/**
 * Converts UNIPEN segment files to InkML, one file per segment file, mirroring
 * the data/ tree under `out` (`out/1a/tos/f1/f1002058.inkml`); each segment is
 * a `<traceGroup>` with its label as the truth annotation and its category,
 * lab, writer, quality, source line, pen file and delineation as further
 * annotations (so writer-independent splits stay possible). The reader is
 * tolerant (onSkip): a bad point or segment is left out, and so is a whole
 * file whose included pen data is not in the data ('missing-include'); a file
 * that fails otherwise is reported through onError (or thrown) and the others
 * go on.
 */
export function exportUnipenToInkml(options: UnipenToInkmlOptions): UnipenToInkmlResult {
  const { root, dataDir, files } = unipenInputFiles(options.input, options.category);
  let skipped = 0;
  const reader = new UnipenReader(root, {
    onSkip: (skip) => {
      skipped++;
      options.onSkip?.(skip);
    },
  });
  let segments = 0;
  let failed = 0;
  let empty = 0;
  let lastLab = '';
  files.forEach((file, i) => {
    const rel = relative(dataDir, file);
    const lab = rel.split(sep).slice(0, 2).join('/');
    if (lab !== lastLab) reader.clearCache();
    lastLab = lab;
    try {
      const items = reader.readSegmentFile(file).map((s) => ({
        ink: s.ink,
        label: s.label,
        annotations: {
          category: s.category,
          lab: s.lab,
          writer: s.writer,
          quality: s.quality,
          source: `${relative(root, s.segmentFile).split(sep).join('/')}:${s.line}`,
          penFile: s.penFile,
          delineation: s.delineation,
        },
      }));
      // A file whose every segment was skipped gives no InkML file.
      if (items.length === 0) empty++;
      else {
        const target = join(resolve(options.out), rel.replace(/\.dat$/i, '') + '.inkml');
        writeFileAtomic(target, writeInkml(items));
        segments += items.length;
      }
    } catch (err) {
      // A file whose pen data is not in the data is left out whole (onSkip), like a bad segment.
      if (reader.skippedMissingInclude(file, err)) empty++;
      else {
        failed++;
        if (!options.onError) throw err;
        options.onError(file, err instanceof Error ? err : new Error(String(err)));
      }
    }
    options.onProgress?.(i + 1, files.length, file);
  });
  return { files: files.length - failed - empty, segments, failed, skipped };
}
