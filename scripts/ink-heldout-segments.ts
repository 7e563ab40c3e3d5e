/**
 * UNIPEN segments of one category read straight from the segment files, for
 * the evaluation scripts: those of the held-out labs and writers
 * (recipes/unipen-heldout.json), or of the training writers (to tune decoding
 * without touching the held-out ones); every `step`th file, BAD and
 * unlabelled segments left out. The reader is tolerant: what it leaves out (a
 * bad point or segment, a file it cannot read) is said on stderr, so the
 * scripts' reports on stdout stay as they are.
 */
import { join } from 'node:path';
import { describeUnipenSkip, type UnipenSegment } from '../engine/index';
import { findSegmentFiles, sharedUnipenRoot, UnipenReader } from '../engine/node/index';
import { heldOutTest, readHeldOut } from './recipes/unipen-split';

export type Writers = 'heldout' | 'train';

export function unipenSegments(category: string, step = 1, writers: Writers = 'heldout') {
  const root = sharedUnipenRoot();
  if (!root) throw new Error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  const held = heldOutTest(readHeldOut());
  const wanted = (s: UnipenSegment) => held(s) === (writers === 'heldout');
  const skipped = (what: string) => console.error(`UNIPEN ${category}: ${what}`);
  const reader = new UnipenReader(root, { onSkip: (skip) => skipped(describeUnipenSkip(skip)) });
  const out: UnipenSegment[] = [];
  findSegmentFiles(join(root, 'data', category)).forEach((f, i) => {
    if (i % step !== 0) return;
    try {
      out.push(...reader.readSegmentFile(f).filter(wanted));
    } catch (err) {
      // A missing pen file is said by the reader, as a missing-include skip.
      if (!reader.skippedMissingInclude(f, err)) {
        const why = (err as Error).message; // most name the file already
        skipped(`${why.startsWith(f) ? why : `${f}: ${why}`} (unreadable-file, skipped)`);
      }
    }
    reader.clearCache();
  });
  return out.filter((s) => s.quality !== 'BAD' && s.label !== '' && s.label !== 'XXX');
}

export function heldOutSegments(category: string, step = 1): UnipenSegment[] {
  return unipenSegments(category, step, 'heldout');
}
