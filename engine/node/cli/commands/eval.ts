import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CliIo, Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { describeUnipenSkip, InkFormatError, isModelKind, type ModelKind } from '../../../index';
import { expectModelKind } from '../model-kind';
import {
  type EvalSummary,
  type OutcomeOf,
  type ModelRole,
  readUnipenCategory,
  readManifest,
  recognitionSetupFor,
  resolveAudioPath,
  ROLE_CHARSET,
  resolveModel,
  scoreDetails,
  scoreInkDetails,
  type EvalDetail,
  type RecognitionSetup,
  type TaskOf,
  UnipenSkipCounts,
  type CategoryFile,
} from '../../index';
import {
  BATCH_FLAGS,
  BATCH_USAGE,
  batchPlan,
  batchProgress,
  runBatches,
  shippedBytes,
  type BatchPlan,
} from '../batch-flags';
import { positiveInt } from '../options';
import { speechModelFor } from '../speech-model';
import { checkVocabularyFlags, inkVocabulary, readVocabularyFile } from '../vocabulary-file';

const usage = [
  `usage: verbatim eval speech --manifest M.jsonl [--model NAME|PATH] [--beam N] [--no-lm] [--lm FILE.arpa] [--lexicon FILE] [--vocabulary FILE] [--details] [--json] ${BATCH_USAGE}`,
  `       verbatim eval ink --unipen DIR [--category 1a|1b|1c|1d|6|7|8] [--model NAME|PATH] [--lexicon FILE|none] [--vocabulary FILE] [--details] [--json] ${BATCH_USAGE}`,
  'eval ink reads the category a batch of files at a time. A bad point or segment, or a file whose',
  'included pen data is missing, is left out, said on stderr and counted; the rest is scored. It exits 1',
  'when another file cannot be read or nothing could be scored. --vocabulary FILE: a closed list, as',
  'transcribe and recognize-ink read with it (one word or phrase a line, # comments, WORD:WEIGHT).',
].join('\n');

/** What a UNIPEN category implies: the model role and the charset the field allows. */
const CATEGORY: Record<string, { role: ModelRole; charset: string | null }> = {
  '1a': { role: 'digits', charset: ROLE_CHARSET.digits },
  '1b': { role: 'letters', charset: 'A-Z' },
  '1c': { role: 'letters', charset: 'a-z' },
  '1d': { role: 'words', charset: null },
  '6': { role: 'words', charset: null },
  '7': { role: 'words', charset: null },
  // Text lines: several words, read by the words model (the label's whitespace as single spaces).
  '8': { role: 'words', charset: null },
};

/**
 * Segments a batch of `eval ink` holds (whole files are added until it has
 * this many): the ink read and not yet scored, so memory stays bounded
 * whatever the category's size; large enough that the threads' idle time at
 * the end of a batch is small against the batch's work.
 */
const EVAL_INK_BATCH = 2048;

type InkEvalTask = TaskOf<'eval-ink'> & { label: string; input: string };

/**
 * The segments `eval ink` scores (not BAD, labelled; whitespace as single
 * spaces) of a category's files, in batches of whole files holding at least
 * `size` segments (the last may hold fewer). `onScored(done, total)` says how
 * many files are done each time a batch has been used (the generator resumed).
 */
export function* inkEvalBatches(
  files: Iterable<CategoryFile>,
  size: number,
  onScored: (done: number, total: number) => void = () => {},
): Generator<InkEvalTask[], void, undefined> {
  let batch: InkEvalTask[] = [];
  let read: CategoryFile | undefined;
  let said = 0;
  for (const file of files) {
    read = file;
    for (const s of file.segments)
      if (s.quality !== 'BAD' && s.label !== '')
        batch.push({
          op: 'eval-ink',
          ink: s.ink,
          label: s.label.replace(/\s+/g, ' '),
          input: `${s.segmentFile}:${s.line}`,
        });
    if (batch.length >= size) {
      yield batch;
      batch = [];
      onScored((said = file.done), file.total);
    }
  }
  if (batch.length > 0) yield batch;
  if (read && said < read.done) onScored(read.done, read.total);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags every evaluation takes. */
const EVAL_FLAGS = {
  details: { type: 'boolean' },
  json: { type: 'boolean' },
  ...BATCH_FLAGS,
} as const;

/** Parses one evaluation's flags with those every evaluation takes; no positional arguments. */
function parseEvalArgs<const O extends Options>(args: string[], options: O) {
  const { values, positionals } = parseCommandArgs(args, { ...options, ...EVAL_FLAGS }, usage);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, usage);
  return { values, plan: batchPlan(values, usage) };
}

/**
 * Runs an evaluation's tasks, a batch at a time, and pairs each hypothesis
 * with its reference; an input that cannot be read is reported and left out
 * of the scores.
 */
async function collectDetails<T extends TaskOf<'eval-speech' | 'eval-ink'>>(
  plan: BatchPlan,
  setup: RecognitionSetup,
  batches: Iterable<T[]>,
  io: CliIo,
  labelOf: (task: T) => { input: string; reference: string },
  onProgress?: (done: number) => void,
): Promise<{ details: EvalDetail[]; failed: number }> {
  const details: EvalDetail[] = [];
  let failed = 0;
  const print = (task: T, outcome: OutcomeOf[T['op']]) => {
    const { input, reference } = labelOf(task);
    if ('error' in outcome) {
      failed++;
      io.stderr.write(`verbatim eval: ${input}: ${outcome.error}\n`);
    } else details.push({ input, reference, hypothesis: outcome.hypothesis });
  };
  await runBatches(plan, setup, batches, io, 'eval', print, onProgress);
  return { details, failed };
}

function report(io: CliIo, summary: EvalSummary, json: boolean, details: boolean, keys: string[]) {
  const { details: rows, ...totals } = summary;
  const picked = Object.fromEntries(keys.map((k) => [k, totals[k as keyof typeof totals]]));
  if (json) {
    io.stdout.write(`${JSON.stringify(details ? { ...picked, details: rows } : picked)}\n`);
    return;
  }
  if (details)
    for (const d of rows) io.stdout.write(`${d.input ?? ''}\t${d.reference}\t${d.hypothesis}\n`);
  io.stdout.write(`${keys.map((k) => `${k} ${picked[k]}`).join('  ')}\n`);
}

async function evalSpeech(args: string[], io: CliIo): Promise<number> {
  const { values, plan } = parseEvalArgs(args, {
    manifest: { type: 'string' },
    model: { type: 'string' },
    beam: { type: 'string' },
    'no-lm': { type: 'boolean' },
    lm: { type: 'string' },
    lexicon: { type: 'string' },
    vocabulary: { type: 'string' },
  });
  if (!values.manifest) throw new UsageError('--manifest M.jsonl is required', usage);
  const manifestPath = resolve(values.manifest);
  const entries = readManifest(manifestPath);
  checkVocabularyFlags(values, usage);
  const vocabulary = values.vocabulary ? readVocabularyFile(values.vocabulary) : null;
  const { entry, vocabulary: checked } = speechModelFor(
    values.model,
    vocabulary,
    io,
    'eval speech',
  );
  const { setup, kind } = recognitionSetupFor(entry, {
    vocabulary: values['no-lm'] ? 'none' : 'lexicon',
    lm: values.lm,
    lexicon: values.lexicon,
    // --beam wins over the model's own beam width.
    params: values.beam ? { beamWidth: positiveInt(values.beam, '--beam', usage) } : {},
  });
  expectModelKind(kind, 'speech', { path: entry.path, command: 'eval speech', usage });
  setup.params.vocabulary = checked;
  const tasks = entries.map((e): TaskOf<'eval-speech'> & { text: string } => {
    const audio = resolveAudioPath(manifestPath, e);
    return {
      op: 'eval-speech',
      audio,
      format: e.format,
      bytes: shippedBytes(plan, audio),
      text: e.text,
    };
  });
  const progress = batchProgress(io, 'eval', 'utterances', plan.where === 'queue');
  const { details, failed } = await collectDetails(
    plan,
    setup,
    [tasks],
    io,
    (t) => ({ input: t.audio, reference: t.text }),
    (done) => progress(done, tasks.length),
  );
  const summary = scoreDetails(details);
  report(io, summary, Boolean(values.json), Boolean(values.details), ['n', 'wer', 'cer', 'ser']);
  return failed === 0 ? 0 : 1;
}

async function evalInk(args: string[], io: CliIo): Promise<number> {
  const { values, plan } = parseEvalArgs(args, {
    unipen: { type: 'string' },
    category: { type: 'string', default: '1a' },
    model: { type: 'string' },
    lexicon: { type: 'string' },
    vocabulary: { type: 'string' },
  });
  if (!values.unipen) throw new UsageError('--unipen DIR is required', usage);
  const category = CATEGORY[values.category];
  if (!category)
    throw new UsageError(`--category must be one of ${Object.keys(CATEGORY).join(', ')}`, usage);
  const entry = resolveModel(values.model ?? category.role, category.role);
  const { setup, kind } = recognitionSetupFor(entry, {
    vocabulary: values.lexicon === 'none' ? 'open' : 'lexicon',
    lexicon: values.lexicon === 'none' ? undefined : values.lexicon,
  });
  expectModelKind(kind, 'ink', { path: entry.path, command: 'eval ink', usage });
  // A closed list, as recognize-ink --vocabulary reads with it.
  setup.params.vocabulary = inkVocabulary(values, entry.path, usage);
  setup.params.charset = category.charset ?? setup.params.charset;
  let unreadable = 0;
  const skips = new UnipenSkipCounts();
  const progress = batchProgress(io, 'eval', 'files', plan.where === 'queue');
  // Files are read and scored a batch at a time, so a category of any size holds one batch's ink.
  // A file that cannot be read fails the run; a bad point or segment, or a file whose pen data
  // is not in the data, is left out, said, and counted.
  const categoryFiles = readUnipenCategory(resolve(values.unipen), values.category, {
    onError: (file, error) => {
      unreadable++;
      // An InkFormatError's message names the file already.
      const what = error instanceof InkFormatError ? error.message : `${file}: ${error.message}`;
      io.stderr.write(`verbatim eval: ${what}\n`);
    },
    onSkip: (skip) => {
      skips.add(skip);
      io.stderr.write(`verbatim eval: ${describeUnipenSkip(skip)}\n`);
    },
  });
  const batches = inkEvalBatches(categoryFiles, EVAL_INK_BATCH, progress);
  const { details, failed } = await collectDetails(plan, setup, batches, io, (t) => ({
    input: t.input,
    reference: t.label,
  }));
  if (skips.total > 0)
    io.stderr.write(`verbatim eval: the UNIPEN reader left out ${skips}; the rest is scored\n`);
  const summary = scoreInkDetails(details);
  report(io, summary, Boolean(values.json), Boolean(values.details), [
    'n',
    'accuracy',
    'cer',
    'caseErrors',
  ]);
  if (details.length === 0)
    io.stderr.write(`verbatim eval: nothing in category ${values.category} could be scored\n`);
  return unreadable + failed === 0 && details.length > 0 ? 0 : 1;
}

/** Each modality's evaluation: its data (a manifest, UNIPEN) and its measures. */
const EVALUATE: Record<ModelKind, (args: string[], io: CliIo) => Promise<number>> = {
  speech: evalSpeech,
  ink: evalInk,
};

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score a model: speech on a manifest (WER, CER), handwriting on UNIPEN (accuracy, CER)',
  usage,
  async run(args, io) {
    const [kind, ...rest] = args;
    if (isModelKind(kind)) return EVALUATE[kind](rest, io);
    throw new UsageError(
      kind ? `unknown eval kind '${kind}' (speech or ink)` : 'speech or ink?',
      usage,
    );
  },
};
