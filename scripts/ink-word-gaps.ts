/**
 * How well splitInkAtWordGaps finds the words of UNIPEN ink at each gap
 * threshold, on training writers only (the held-out ones of
 * recipes/unipen-heldout.json are left out): text lines (category 8) cut into
 * as many words as their label has, and isolated words (category 7, every
 * `--every`th file) left whole.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { splitInkAtWordGaps } from '../engine/index';
import { sharedUnipenRoot } from '../engine/node/index';
import { unipenSegments } from './ink-heldout-segments';
import { parseScriptArgs } from './script-args';

const USAGE =
  'usage: npx tsx scripts/ink-word-gaps.ts [--every 4] [--gaps 0.5,0.7,0.9,1.1,1.3,1.6]';

const { values } = parseScriptArgs(USAGE, {
  every: { type: 'string', default: '4' },
  gaps: { type: 'string', default: '0.5,0.7,0.9,1.1,1.3,1.6' },
});
const root = sharedUnipenRoot();
if (!root) {
  console.error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  process.exit(2);
}
const every = Number(values.every);
const gaps = values.gaps.split(',').map(Number);

// Training writers only; what the reader skips is said on stderr.
const lines = unipenSegments('8', 1, 'train');
const words = unipenSegments('7', every, 'train').filter((s) => !/\s/.test(s.label));
const wordCount = (label: string) => label.split(/\s+/).filter(Boolean).length;
const rows = gaps.map((gap) => {
  let exact = 0;
  let foundBoundaries = 0;
  let boundaries = 0;
  for (const s of lines) {
    const want = wordCount(s.label);
    const got = splitInkAtWordGaps(s.ink, { gap }).length;
    if (got === want) exact++;
    boundaries += want - 1;
    foundBoundaries += Math.min(got, want) - 1;
  }
  const split = words.filter((s) => splitInkAtWordGaps(s.ink, { gap }).length > 1).length;
  return {
    gap,
    linesExactWordCount: Number((exact / lines.length).toFixed(4)),
    lineBoundariesFound: Number((foundBoundaries / Math.max(1, boundaries)).toFixed(4)),
    isolatedWordsSplit: Number((split / words.length).toFixed(4)),
  };
});
console.log(JSON.stringify({ lines: lines.length, words: words.length, rows }, null, 2));
