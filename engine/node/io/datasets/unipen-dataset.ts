import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { UnipenSegment } from '../../../ink/unipen-segments';
import { dedupeSegments } from '../../../ink/unipen-writers';
import { loadUnipenCategory, type LoadCategoryOptions } from '../unipen-files';

/** The shared datasets folder: $VERBATIM_DATA_DIR or ../shared/data from the project root. */
export function verbatimDataDir(projectRoot = process.cwd()): string {
  return resolve(process.env.VERBATIM_DATA_DIR ?? join(projectRoot, '..', 'shared', 'data'));
}

/** The UNIPEN root (holding data/ and include/) of the shared data, or undefined when absent. */
export function sharedUnipenRoot(projectRoot?: string): string | undefined {
  const root = join(verbatimDataDir(projectRoot), 'unipen');
  return existsSync(join(root, 'include')) && existsSync(join(root, 'data')) ? root : undefined;
}

export interface UnipenSampleOptions extends LoadCategoryOptions {
  /** Drop segments whose quality field is BAD (default true). */
  skipBad?: boolean;
}

/**
 * Training/evaluation samples of several categories, deduplicated on (pen
 * file, delineation) so category 6 segments repeated in 7 count once
 * (README quirk 16; the first category listed wins).
 */
export function loadUnipenSamples(
  root: string,
  categories: readonly string[],
  options: UnipenSampleOptions = {},
): UnipenSegment[] {
  const all = categories.flatMap((c) => loadUnipenCategory(root, c, options));
  const kept = options.skipBad === false ? all : all.filter((s) => s.quality !== 'BAD');
  return dedupeSegments(kept);
}
