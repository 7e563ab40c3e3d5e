/**
 * Text lines (UNIPEN category 8) of the held-out labs and writers
 * (recipes/unipen-heldout.json) read by a words model as the app and
 * `recognize-ink` do: CER, WER, lines cut into the right number of words, and
 * case errors (also by kind). Also isolated held-out words (category 7, every `--every`th
 * file) with the same decoding, to see what line reading costs single words.
 *
 * `--lexicon FILE` decodes against another word list than the model's (its
 * character LM unchanged), to see what the lexicon alone does, `--char-lm
 * FILE` against another character LM; `--gap`, `--max-span` and `--group-from`
 * change how a line is cut into words (InkLineOptions). `--lexicon-plus-test`
 * adds every word of the test set (isolated words, and the lines' words) to
 * the word list, and `--closed` makes the list a closed vocabulary (only its
 * words come out, as `recognize-ink --vocabulary` reads): both together are
 * issue 20's measure with a lexicon holding every test word.
 * `--delimiter-score S` is added at each space that ends a word (a model with
 * a space label; below 0 a word insertion penalty). `--mixed-case-score S`
 * replaces the score of a word mixing cases outside the lexicon ("TaKE";
 * the model's is MIXED_CASE_SCORE under a character LM, 0 otherwise);
 * `--out-of-lexicon-penalty S` the score of a word outside the lexicon (the
 * model's is OUT_OF_LEXICON_PENALTY behind a lexicon with a character LM);
 * `--beam-width N`, `--lm-weight A` and `--char-bonus B` replace the beams kept
 * per frame, the character LM's weight and its per-character bonus.
 *
 * `--writers train` reads training writers instead of the held-out ones (to
 * tune decoding honestly), `--lines-every N` every Nth line file; `--details
 * FILE` writes each reference and reading, with its lab and writer, as JSON lines.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import {
  caseErrorKinds,
  createDecoder,
  INK_LINE_DEFAULTS,
  prepareDecodeResources,
  recognizeInk,
  splitInkAtWordGaps,
  type Ink,
  type InkLineOptions,
} from '../engine/index';
import {
  decodeParamsFor,
  decodeResourcesFor,
  writeFileAtomic,
  loadBestKernels,
  loadModelEntry,
  resolveModel,
  scoreInkDetails,
} from '../engine/node/index';
import { unipenSegments, type Writers } from './ink-heldout-segments';
import { exitWithUsage, parseScriptArgs } from './script-args';
import { capitalisedShare, withEveryTestWord } from './recipes/ink-word-measures';

const USAGE = `usage: npx tsx scripts/ink-lines-eval.ts [--model words] [--lexicon FILE] [--char-lm FILE] [--open]
  [--lexicon-plus-test] [--closed] [--delimiter-score S] [--mixed-case-score S] [--out-of-lexicon-penalty S] [--beam-width N] [--lm-weight A] [--char-bonus B]
  [--gap G] [--max-span N] [--group-from N]
  [--writers heldout|train] [--every 3] [--lines-every 1] [--limit N] [--details FILE] [--json]`;

const { values } = parseScriptArgs(USAGE, {
  model: { type: 'string', default: 'words' },
  every: { type: 'string', default: '3' },
  'lines-every': { type: 'string', default: '1' },
  writers: { type: 'string', default: 'heldout' },
  'lexicon-plus-test': { type: 'boolean', default: false },
  closed: { type: 'boolean', default: false },
  'delimiter-score': { type: 'string', default: '0' },
  'mixed-case-score': { type: 'string' },
  'out-of-lexicon-penalty': { type: 'string' },
  'beam-width': { type: 'string' },
  'lm-weight': { type: 'string' },
  'char-bonus': { type: 'string' },
  details: { type: 'string' },
  limit: { type: 'string' },
  lexicon: { type: 'string' },
  'char-lm': { type: 'string' },
  // Open vocabulary: no word list, the character LM spells (recognize-ink --lexicon none).
  open: { type: 'boolean', default: false },
  gap: { type: 'string' },
  'max-span': { type: 'string' },
  'group-from': { type: 'string' },
  json: { type: 'boolean', default: false },
});
const limit = values.limit ? Number(values.limit) : Infinity;
if (values.writers !== 'heldout' && values.writers !== 'train')
  exitWithUsage(USAGE, `--writers must be heldout or train, got ${values.writers}`);
const writers: Writers = values.writers;
const lines = unipenSegments('8', Number(values['lines-every']), writers)
  .map((s) => ({ ...s, label: s.label.replace(/\s+/g, ' ') }))
  .slice(0, limit);
const words = unipenSegments('7', Number(values.every), writers)
  .filter((s) => !/\s/.test(s.label) && s.label.length > 1)
  .slice(0, limit);
const model = resolveModel(values.model, 'words');
const entry = {
  ...model,
  ...(values.lexicon ? { lexicon: values.lexicon } : {}),
  ...(values['char-lm'] ? { charLm: values['char-lm'] } : {}),
};
const recognizer = loadModelEntry(entry, loadBestKernels());
const vocabulary = values.open ? 'open' : 'lexicon';
const knob = (name: 'beam-width' | 'lm-weight' | 'char-bonus') =>
  values[name] === undefined ? undefined : Number(values[name]);
const params = {
  ...decodeParamsFor(entry, vocabulary, {
    beamWidth: knob('beam-width'),
    alpha: knob('lm-weight'),
    beta: knob('char-bonus'),
  }),
  delimiterScore: Number(values['delimiter-score']),
};
if (values['mixed-case-score'] !== undefined)
  params.mixedCaseScore = Number(values['mixed-case-score']);
if (values['out-of-lexicon-penalty'] !== undefined)
  params.unkScoreOffset = Number(values['out-of-lexicon-penalty']);
const resources = decodeResourcesFor(entry, vocabulary);
if (values['lexicon-plus-test'] && resources.lexicon)
  resources.lexicon = withEveryTestWord(
    resources.lexicon,
    [...words, ...lines].map((s) => s.label),
  );
if (values.closed) {
  if (!resources.lexicon) exitWithUsage(USAGE, '--closed needs a word list (not --open)');
  params.vocabulary = resources.lexicon.map((phrase) => ({ phrase, weight: 0 }));
}
const decoder = createDecoder(
  recognizer.labels,
  params,
  prepareDecodeResources(recognizer.labels, resources),
);
const option = (name: 'gap' | 'max-span' | 'group-from', fallback: number) =>
  values[name] === undefined ? fallback : Number(values[name]);
const lineOptions: Required<InkLineOptions> = {
  gap: option('gap', INK_LINE_DEFAULTS.gap),
  maxSpan: option('max-span', INK_LINE_DEFAULTS.maxSpan),
  groupFrom: option('group-from', INK_LINE_DEFAULTS.groupFrom),
};
/** As evaluateInk, with the line options. */
const evaluate = (items: { ink: Ink; label: string }[]) =>
  scoreInkDetails(
    items.map((s) => ({
      reference: s.label,
      hypothesis: recognizeInk(recognizer, s.ink, params, decoder, undefined, lineOptions).text,
    })),
  );
const strip = <T extends { details: unknown }>({ details: _d, ...s }: T) => s;
const t0 = performance.now();
const lineScores = evaluate(lines);
const msPerLine = Number(((performance.now() - t0) / lines.length).toFixed(1));
const t1 = performance.now();
const wordScores = evaluate(words);
const msPerWord = Number(((performance.now() - t1) / words.length).toFixed(1));
const wordCount = (t: string) => t.split(' ').filter(Boolean).length;
const report = {
  model: entry.name,
  writers,
  lexicon: entry.lexicon,
  lexiconPlusTest: values['lexicon-plus-test'],
  closed: values.closed,
  lexiconWords: resources.lexicon?.length ?? 0,
  delimiterScore: params.delimiterScore,
  mixedCaseScore: params.mixedCaseScore,
  outOfLexiconPenalty: params.unkScoreOffset,
  beamWidth: params.beamWidth,
  lmWeight: params.alpha,
  charBonus: params.beta,
  charLm: entry.charLm,
  vocabulary,
  ...lineOptions,
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
        lines.filter((s) => splitInkAtWordGaps(s.ink, lineOptions).length === wordCount(s.label))
          .length / lines.length
      ).toFixed(4),
    ),
    msPerLine,
    caseErrorKinds: caseErrorKinds(lineScores.details),
    examples: lineScores.details.slice(0, 12).map((d) => `${d.reference} => ${d.hypothesis}`),
  },
  isolatedWords: {
    ...strip(wordScores),
    msPerWord,
    // "TO" read as "To" counts as "CAPITALS -> Capitalised".
    caseErrorKinds: caseErrorKinds(wordScores.details),
    capitalised: capitalisedShare(wordScores.details),
    cutInTwoOrMore: words.filter((s) => splitInkAtWordGaps(s.ink, lineOptions).length > 1).length,
  },
};
console.log(JSON.stringify(report, null, values.json ? 0 : 2));
if (values.details) {
  const writerOf = ({ lab, writer }: { lab: string; writer: string }) => ({ lab, writer });
  const rows = [
    ...lineScores.details.map((d, i) => ({ set: 'line', ...d, ...writerOf(lines[i]) })),
    ...wordScores.details.map((d, i) => ({ set: 'word', ...d, ...writerOf(words[i]) })),
  ];
  writeFileAtomic(values.details, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
