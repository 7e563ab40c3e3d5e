/**
 * Text lines (UNIPEN category 8) of the held-out labs and writers
 * (recipes/unipen-heldout.json) read by a words model as the app and
 * `recognize-ink` do: CER, WER, lines cut into the right number of words, and
 * case errors. Also isolated held-out words (category 7, every `--every`th
 * file) with the same decoding, to see what line reading costs single words.
 *
 *   npx tsx scripts/ink-lines-eval.ts [--model words] [--every 3] [--limit N] [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitInkAtWordGaps, type UnipenSegment } from '../engine/index';
import {
  decodeParamsFor,
  decodeResourcesFor,
  evaluateInk,
  findSegmentFiles,
  loadBestKernels,
  loadModelEntry,
  resolveModel,
  sharedUnipenRoot,
  UnipenReader,
} from '../engine/node/index';
import { heldOutTest, readHeldOut } from './recipes/unipen-split';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'words' },
    every: { type: 'string', default: '3' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const root = sharedUnipenRoot();
if (!root) {
  console.error('no UNIPEN data: set VERBATIM_DATA_DIR (see README)');
  process.exit(2);
}
const held = heldOutTest(readHeldOut());

function heldOutSegments(category: string, step: number): UnipenSegment[] {
  const reader = new UnipenReader(root as string, { onSkip: () => undefined });
  const out: UnipenSegment[] = [];
  findSegmentFiles(join(root as string, 'data', category)).forEach((f, i) => {
    if (i % step !== 0) return;
    try {
      out.push(...reader.readSegmentFile(f).filter(held));
    } catch {
      // Unreadable files are the report's business (scripts/ink-unipen-report.ts).
    }
    reader.clearCache();
  });
  return out.filter((s) => s.quality !== 'BAD' && s.label !== '' && s.label !== 'XXX');
}

const limit = values.limit ? Number(values.limit) : Infinity;
const entry = resolveModel(values.model, 'words');
const recognizer = loadModelEntry(entry, loadBestKernels());
const params = decodeParamsFor(entry);
const resources = decodeResourcesFor(entry);
const lines = heldOutSegments('8', 1)
  .map((s) => ({ ...s, label: s.label.replace(/\s+/g, ' ') }))
  .slice(0, limit);
const words = heldOutSegments('7', Number(values.every))
  .filter((s) => !/\s/.test(s.label) && s.label.length > 1)
  .slice(0, limit);
const strip = <T extends { details: unknown }>({ details: _d, ...s }: T) => s;
const t0 = performance.now();
const lineScores = evaluateInk(recognizer, lines, params, resources);
const wordCount = (t: string) => t.split(' ').filter(Boolean).length;
const report = {
  model: entry.name,
  lines: {
    ...strip(lineScores),
    labs: [...new Set(lines.map((s) => s.lab))].sort(),
    rightWordCount: Number(
      (
        lineScores.details.filter((d) => wordCount(d.hypothesis) === wordCount(d.reference))
          .length / lines.length
      ).toFixed(4),
    ),
    cutIntoRightWordCount: Number(
      (
        lines.filter((s) => splitInkAtWordGaps(s.ink).length === wordCount(s.label)).length /
        lines.length
      ).toFixed(4),
    ),
    msPerLine: Number(((performance.now() - t0) / lines.length).toFixed(1)),
    examples: lineScores.details.slice(0, 12).map((d) => `${d.reference} => ${d.hypothesis}`),
  },
  isolatedWords: {
    ...strip(evaluateInk(recognizer, words, params, resources)),
    cutInTwoOrMore: words.filter((s) => splitInkAtWordGaps(s.ink).length > 1).length,
  },
};
console.log(JSON.stringify(report, null, values.json ? 0 : 2));
