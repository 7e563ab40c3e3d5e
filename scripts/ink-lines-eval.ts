/**
 * Text lines (UNIPEN category 8) of the held-out labs and writers
 * (recipes/unipen-heldout.json) read by a words model as the app and
 * `recognize-ink` do: CER, WER, lines cut into the right number of words, and
 * case errors. Also isolated held-out words (category 7, every `--every`th
 * file) with the same decoding, to see what line reading costs single words.
 *
 * `--lexicon FILE` decodes against another word list than the model's (its
 * character LM unchanged), to see what the lexicon alone does, `--char-lm
 * FILE` against another character LM.
 *
 *   npx tsx scripts/ink-lines-eval.ts [--model words] [--lexicon FILE] [--char-lm FILE] [--open]
 *     [--every 3] [--limit N] [--json]
 */
import { parseArgs } from 'node:util';
import { splitInkAtWordGaps } from '../engine/index';
import {
  decodeParamsFor,
  decodeResourcesFor,
  evaluateInk,
  loadBestKernels,
  loadModelEntry,
  resolveModel,
} from '../engine/node/index';
import { heldOutSegments } from './ink-heldout-segments';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'words' },
    every: { type: 'string', default: '3' },
    limit: { type: 'string' },
    lexicon: { type: 'string' },
    'char-lm': { type: 'string' },
    // Open vocabulary: no word list, the character LM spells (recognize-ink --lexicon none).
    open: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const limit = values.limit ? Number(values.limit) : Infinity;
const model = resolveModel(values.model, 'words');
const entry = {
  ...model,
  ...(values.lexicon ? { lexicon: values.lexicon } : {}),
  ...(values['char-lm'] ? { charLm: values['char-lm'] } : {}),
};
const recognizer = loadModelEntry(entry, loadBestKernels());
const vocabulary = values.open ? 'open' : 'lexicon';
const params = decodeParamsFor(entry, vocabulary);
const resources = decodeResourcesFor(entry, vocabulary);
const lines = heldOutSegments('8', 1)
  .map((s) => ({ ...s, label: s.label.replace(/\s+/g, ' ') }))
  .slice(0, limit);
const words = heldOutSegments('7', Number(values.every))
  .filter((s) => !/\s/.test(s.label) && s.label.length > 1)
  .slice(0, limit);
const strip = <T extends { details: unknown }>({ details: _d, ...s }: T) => s;
const t0 = performance.now();
const lineScores = evaluateInk(recognizer, lines, params, resources);
const msPerLine = Number(((performance.now() - t0) / lines.length).toFixed(1));
const t1 = performance.now();
const wordScores = evaluateInk(recognizer, words, params, resources);
const msPerWord = Number(((performance.now() - t1) / words.length).toFixed(1));
const share = (details: { reference: string; hypothesis: string }[]) => ({
  n: details.length,
  right: Number(
    (details.filter((d) => d.reference === d.hypothesis).length / details.length).toFixed(4),
  ),
});
const wordCount = (t: string) => t.split(' ').filter(Boolean).length;
const report = {
  model: entry.name,
  lexicon: entry.lexicon,
  charLm: entry.charLm,
  vocabulary,
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
    msPerLine,
    examples: lineScores.details.slice(0, 12).map((d) => `${d.reference} => ${d.hypothesis}`),
  },
  isolatedWords: {
    ...strip(wordScores),
    msPerWord,
    // Words written Capitalised (the weakest group of issue 20 item 3): share right.
    capitalised: share(wordScores.details.filter((d) => /^[A-Z][a-z]+$/.test(d.reference))),
    cutInTwoOrMore: words.filter((s) => splitInkAtWordGaps(s.ink).length > 1).length,
  },
};
console.log(JSON.stringify(report, null, values.json ? 0 : 2));
