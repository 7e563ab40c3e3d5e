import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CliIo, Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { describeUnipenSkip, InkFormatError, isModelKind, type ModelKind } from '../../../index';
import { expectModelKind } from '../model-kind';
import {
  type EvalSummary,
  loadUnipenCategory,
  type ModelRole,
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
} from '../../index';
import {
  BATCH_FLAGS,
  BATCH_USAGE,
  batchPlan,
  runBatch,
  shippedBytes,
  type BatchPlan,
} from '../batch-flags';
import { positiveInt } from '../options';
import { speechModelFor } from '../speech-model';
import { checkVocabularyFlags, readVocabularyFile } from '../vocabulary-file';

const usage = [
  `usage: verbatim eval speech --manifest M.jsonl [--model NAME|PATH] [--beam N] [--no-lm] [--lm FILE.arpa] [--lexicon FILE] [--vocabulary FILE] [--details] [--json] ${BATCH_USAGE}`,
  `       verbatim eval ink --unipen DIR [--category 1a|1b|1c|1d|6|7|8] [--model NAME|PATH] [--lexicon FILE|none] [--details] [--json] ${BATCH_USAGE}`,
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
 * Runs an evaluation's tasks and pairs each hypothesis with its reference; an
 * input that cannot be read is reported and left out of the scores.
 */
async function collectDetails<T extends TaskOf<'eval-speech' | 'eval-ink'>>(
  plan: BatchPlan,
  setup: RecognitionSetup,
  tasks: T[],
  io: CliIo,
  unit: string,
  labelOf: (task: T) => { input: string; reference: string },
): Promise<{ details: EvalDetail[]; failed: number }> {
  const details: EvalDetail[] = [];
  let failed = 0;
  await runBatch(plan, setup, tasks, io, 'eval', unit, (task, outcome) => {
    const { input, reference } = labelOf(task);
    if ('error' in outcome) {
      failed++;
      io.stderr.write(`verbatim eval: ${input}: ${outcome.error}\n`);
    } else details.push({ input, reference, hypothesis: outcome.hypothesis });
  });
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
  const { details, failed } = await collectDetails(plan, setup, tasks, io, 'utterances', (t) => ({
    input: t.audio,
    reference: t.text,
  }));
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
  setup.params.charset = category.charset ?? setup.params.charset;
  let unreadable = 0;
  let skipped = 0;
  // A file that cannot be read fails the run; a bad point or segment in one is left out, said, and counted.
  const segments = loadUnipenCategory(resolve(values.unipen), values.category, {
    onError: (file, error) => {
      unreadable++;
      // An InkFormatError's message names the file already.
      const what = error instanceof InkFormatError ? error.message : `${file}: ${error.message}`;
      io.stderr.write(`verbatim eval: ${what}\n`);
    },
    onSkip: (skip) => {
      skipped++;
      io.stderr.write(`verbatim eval: ${describeUnipenSkip(skip)}\n`);
    },
  })
    .filter((s) => s.quality !== 'BAD' && s.label !== '')
    .map((s) => ({ ...s, label: s.label.replace(/\s+/g, ' ') }));
  // The segments are parsed here, so their ink travels in the tasks.
  const tasks = segments.map((s): TaskOf<'eval-ink'> & { label: string; input: string } => ({
    op: 'eval-ink',
    ink: s.ink,
    label: s.label,
    input: `${s.segmentFile}:${s.line}`,
  }));
  if (skipped > 0)
    io.stderr.write(
      `verbatim eval: the UNIPEN reader left out ${skipped} bad part${skipped === 1 ? '' : 's'} of the data (above); the rest is scored\n`,
    );
  const { details, failed } = await collectDetails(plan, setup, tasks, io, 'segments', (t) => ({
    input: t.input,
    reference: t.label,
  }));
  const summary = scoreInkDetails(details);
  report(io, summary, Boolean(values.json), Boolean(values.details), [
    'n',
    'accuracy',
    'cer',
    'caseErrors',
  ]);
  return unreadable + failed === 0 ? 0 : 1;
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
