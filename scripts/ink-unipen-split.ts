/**
 * Chooses the held-out labs' and writers' part of the complete UNIPEN data and
 * writes it to scripts/recipes/unipen-heldout.json (see recipes/unipen-split.ts).
 * Run once when the data changes; the recipes read the checked-in file.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { writeFileSync, renameSync } from 'node:fs';
import { dedupeSegments } from '../engine/index';
import { loadUnipenCategory, sharedUnipenRoot, UNIPEN_CATEGORIES } from '../engine/node/index';
import { chooseHeldOut, heldOutPath } from './recipes/unipen-split';
import { parseScriptArgs } from './script-args';

const USAGE = 'usage: npx tsx scripts/ink-unipen-split.ts [--out FILE]';

const { values } = parseScriptArgs(USAGE, { out: { type: 'string', default: heldOutPath } });
const root = sharedUnipenRoot();
if (!root) {
  console.error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  process.exit(2);
}

// Labs held out whole: art and pri write every category (digits to text lines),
// tos has the old digits/letters test writers, rim the old words test writers.
const heldOutLabs = ['art', 'pri', 'rim', 'tos'];
let skipped = 0;
// Words first so a category-6 segment counts as the category-7 one it repeats (quirk 16).
const order = ['7', ...UNIPEN_CATEGORIES.filter((c) => c !== '7')];
// Only what the split needs of each segment (the ink of all categories would not fit in memory).
const samples = dedupeSegments(
  order.flatMap((category) =>
    loadUnipenCategory(root, category, { onSkip: () => skipped++ })
      .filter((s) => s.quality !== 'BAD')
      .map(({ lab, writer, penFile, delineation }) => ({
        lab,
        writer,
        penFile,
        delineation,
        category,
      })),
  ),
);
console.error(`${samples.length} samples (${skipped} skipped by the reader)`);
const h = chooseHeldOut(samples, {
  description:
    'Held-out part of the complete UNIPEN train_r01_v07 data for every ink model: labs art, pri, rim and tos whole, and 10% of the other samples by whole writers (seed 20), chosen over all categories at once (words deduplicated 7 over 6); writers grouped across labs by writerKey',
  heldOutLabs,
  validationFraction: 0.1,
  seed: 20,
});
const tmp = `${values.out}.tmp`;
writeFileSync(tmp, `${JSON.stringify(h, null, 2)}\n`);
renameSync(tmp, values.out);
console.log(JSON.stringify({ writers: h.writers.length, counts: h.counts }));
