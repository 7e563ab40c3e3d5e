/**
 * UNIPEN segments of one category read straight from the segment files, for
 * the evaluation scripts: those of the held-out labs and writers
 * (recipes/unipen-heldout.json), or of the training writers (to tune decoding
 * without touching the held-out ones); every `step`th file, BAD and
 * unlabelled segments left out. The reader is tolerant: what it leaves out (a
 * bad point or segment, a file it cannot read) is said on stderr, so the
 * scripts' reports on stdout stay as they are.
 */
import { describeUnipenSkip, type UnipenSegment } from '../engine/index';
import { readUnipenCategory, sharedUnipenRoot } from '../engine/node/index';
import { heldOutTest, readHeldOut } from './recipes/unipen-split';

export type Writers = 'heldout' | 'train';

export function unipenSegments(category: string, step = 1, writers: Writers = 'heldout') {
  const root = sharedUnipenRoot();
  if (!root) throw new Error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  const held = heldOutTest(readHeldOut());
  const wanted = (s: UnipenSegment) =>
    held(s) === (writers === 'heldout') &&
    s.quality !== 'BAD' &&
    s.label !== '' &&
    s.label !== 'XXX';
  const out: UnipenSegment[] = [];
  const files = readUnipenCategory(root, category, {
    every: step,
    onSkip: (skip) => console.error(`UNIPEN ${category}: ${describeUnipenSkip(skip)}`),
  });
  for (const { segments } of files) out.push(...segments.filter(wanted));
  return out;
}

export function heldOutSegments(category: string, step = 1): UnipenSegment[] {
  return unipenSegments(category, step, 'heldout');
}
