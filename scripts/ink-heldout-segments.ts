/**
 * UNIPEN segments of one category read straight from the segment files, for
 * the evaluation scripts: those of the held-out labs and writers
 * (recipes/unipen-heldout.json), or of the training writers (to tune decoding
 * without touching the held-out ones); every `step`th file, BAD and
 * unlabelled segments left out.
 */
import { join } from 'node:path';
import type { UnipenSegment } from '../engine/index';
import { findSegmentFiles, sharedUnipenRoot, UnipenReader } from '../engine/node/index';
import { heldOutTest, readHeldOut } from './recipes/unipen-split';

export type Writers = 'heldout' | 'train';

export function unipenSegments(category: string, step = 1, writers: Writers = 'heldout') {
  const root = sharedUnipenRoot();
  if (!root) throw new Error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  const held = heldOutTest(readHeldOut());
  const wanted = (s: UnipenSegment) => held(s) === (writers === 'heldout');
  const reader = new UnipenReader(root, { onSkip: () => undefined });
  const out: UnipenSegment[] = [];
  findSegmentFiles(join(root, 'data', category)).forEach((f, i) => {
    if (i % step !== 0) return;
    try {
      out.push(...reader.readSegmentFile(f).filter(wanted));
    } catch {
      // Unreadable files are the report's business (scripts/ink-unipen-report.ts).
    }
    reader.clearCache();
  });
  return out.filter((s) => s.quality !== 'BAD' && s.label !== '' && s.label !== 'XXX');
}

export function heldOutSegments(category: string, step = 1): UnipenSegment[] {
  return unipenSegments(category, step, 'heldout');
}
