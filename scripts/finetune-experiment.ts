/**
 * Does fine-tuning help? (issue 9; README "Fine-tuning on a few dozen of your samples")
 *
 * Speech: a synthetic voice the speech model never heard (an espeak-ng voice
 * and speed outside the training voices) reads ~50 AN4-style sentences for
 * fine-tuning and ~50 other sentences for testing. Handwriting: one of the
 * UNIPEN writers held out of every ink model (recipes/unipen-heldout.json)
 * with 40 digits or more (--writer: by default the one whose tuning digits
 * the base misreads most, a hand that needs fine-tuning; most-digits: the one
 * with the most digits; all: each in turn, and the pooled error rates);
 * alternate digits fine-tune ink-digits and test it.
 *
 * Each model is fine-tuned, registered and decoded as the user gets it
 * (finetune-as-user.ts: `verbatim train --base` / the app's Train, then the
 * registered entry's decoding, inherited from the base), in a throw-away
 * VERBATIM_HOME; before and after are scored with that decoding and greedy.
 * The measured numbers: docs/experiments/fine-tuning.md.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../engine/index';
import {
  decodeParamsFor,
  decodeResourcesFor,
  evaluateInk,
  evaluateSpeech,
  loadBestKernels,
  loadModelEntry,
  loadUnipenSamples,
  type ModelEntry,
  resolveModel,
  sharedUnipenRoot,
  type SpeechExample,
  writeInkFile,
  writeManifest,
} from '../engine/node/index';
import { type Evaluate, fineTuneAsUser, scoreAsUser, type UserScores } from './finetune-as-user';
import { heldOutWriters, mostMisread, type WriterSplit } from './finetune-writer';
import { heldOutTest, readHeldOut } from './recipes/unipen-split';
import { synthesize } from './synth-speech';
import { an4StyleSentences } from './synth-vocabulary';
import { parseScriptArgs } from './script-args';

const USAGE = `usage: npx tsx scripts/finetune-experiment.ts [--what speech|ink|both] [--train 50] [--test 50]
    [--epochs 30] [--workers 1] [--speech-model speech-en] [--ink-model ink-digits]
    [--writer most-misread|most-digits|all|LAB/WRITER]
    [--voice en-gb-scotland+f5] [--rate 210] [--pitch 85]`;

const { values } = parseScriptArgs(USAGE, {
  what: { type: 'string', default: 'both' },
  train: { type: 'string', default: '50' },
  test: { type: 'string', default: '50' },
  epochs: { type: 'string', default: '30' },
  workers: { type: 'string', default: '1' },
  'speech-model': { type: 'string', default: 'speech-en' },
  'ink-model': { type: 'string', default: 'ink-digits' },
  writer: { type: 'string', default: 'most-misread' },
  voice: { type: 'string', default: 'en-gb-scotland+f5' },
  rate: { type: 'string', default: '210' },
  pitch: { type: 'string', default: '85' },
});
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const nTrain = Number(values.train);
const nTest = Number(values.test);
const epochs = Number(values.epochs);
const workers = Number(values.workers);
const work = mkdtempSync(join(tmpdir(), 'verbatim-finetune-'));
// The registry the fine-tuned models go to, as the user's would; the shipped models are read as usual.
process.env.VERBATIM_HOME = join(work, 'home');
const log = (msg: string) =>
  console.error(`[finetune ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const relative = (before: number, after: number) =>
  before > 0 ? `${((100 * (before - after)) / before).toFixed(0)}% relative` : 'n/a';

interface Outcome {
  what: string;
  base: string;
  subject: string;
  train: number;
  test: number;
  /** Characters of the test references (to pool character error rates over writers). */
  testCharacters: number;
  metric: 'wer' | 'cer';
  before: UserScores;
  after: UserScores;
  minutes: number;
}

async function fineTune(
  kind: 'speech' | 'ink',
  base: ModelEntry,
  data: string,
  name: string,
): Promise<{ entry: ModelEntry; minutes: number }> {
  let last = 0;
  return fineTuneAsUser(
    {
      kind,
      data: [data],
      base: base.name,
      epochs,
      batchSize: 8,
      validFraction: 0,
      workers,
      out: join(work, `${name}.vbm`),
      runDir: join(work, `run-${name}`),
    },
    name,
    {
      onLog: log,
      onStep: (p) => {
        if (Date.now() - last < 15_000) return;
        last = Date.now();
        log(`${name}: step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)}`);
      },
    },
  );
}

const said = (s: UserScores) =>
  `WER ${pct(s.decoded.wer)}, CER ${pct(s.decoded.cer)} (greedy WER ${pct(s.greedy.wer)}, CER ${pct(s.greedy.cer)})`;

async function speechExperiment(): Promise<Outcome> {
  const base = resolveModel(values['speech-model']!, 'speech');
  const rng = seededRandom(2026);
  const sentences = [...new Set(an4StyleSentences(4 * (nTrain + nTest), rng))];
  const voice = {
    engine: 'espeak-ng' as const,
    voice: values.voice!,
    rate: Number(values.rate),
    pitch: Number(values.pitch),
  };
  log(
    `synthesising ${nTrain + nTest} utterances with ${voice.engine} ${voice.voice} rate ${voice.rate} pitch ${voice.pitch}`,
  );
  const { entries, failures } = await synthesize(
    sentences.slice(0, nTrain + nTest).map((text) => ({ ...voice, text })),
    { outDir: join(root, '.verbatim-cache', 'finetune-voice') },
  );
  if (failures.length) throw new Error(`synthesis failed: ${failures[0].error}`);
  const train = entries.slice(0, nTrain).map(({ synth: _s, ...e }) => e);
  const test: SpeechExample[] = entries
    .slice(nTrain)
    .map((e) => ({ audio: e.audio_filepath, text: e.text, duration: e.duration }));
  const manifest = join(work, 'voice-train.jsonl');
  writeManifest(manifest, train);
  const evaluate: Evaluate = (recognizer, params, resources) =>
    evaluateSpeech(recognizer, test, params, resources);
  const before = scoreAsUser(base, evaluate);
  log(`base ${base.name} on the voice: ${said(before)}`);
  const tuned = await fineTune('speech', base, manifest, `${base.name}-voice`);
  const after = scoreAsUser(tuned.entry, evaluate);
  log(`fine-tuned on the voice: ${said(after)}`);
  return {
    what: 'speech',
    base: base.name,
    subject: `${voice.engine} ${voice.voice} (rate ${voice.rate}, pitch ${voice.pitch})`,
    train: train.length,
    test: test.length,
    testCharacters: test.reduce((n, e) => n + e.text.length, 0),
    metric: 'wer',
    before,
    after,
    minutes: tuned.minutes,
  };
}

type Digit = ReturnType<typeof loadUnipenSamples>[number];

/**
 * --writer: the held-out writer with the most digits, the one the base
 * misreads most, each of them (all), or a writer key.
 */
function chooseWriters(base: ModelEntry, writers: WriterSplit<Digit>[]): WriterSplit<Digit>[] {
  const how = values.writer!;
  if (how === 'all') return writers;
  if (how === 'most-digits') return [writers[0]];
  if (how === 'most-misread') {
    const recognizer = loadModelEntry(base, loadBestKernels());
    const [params, resources] = [decodeParamsFor(base), decodeResourcesFor(base)];
    const worst = mostMisread(
      writers,
      (train) => evaluateInk(recognizer, train, params, resources).cer,
    );
    log(
      `of ${writers.length} held-out writers, ${base.name} misreads ${worst.writer}'s tuning digits most (CER ${pct(worst.trainErrorRate)})`,
    );
    return [worst];
  }
  const named = writers.find((w) => w.writer === how);
  if (!named)
    throw new Error(
      `--writer ${how}: not a held-out writer with 40 digits or more (${writers.map((w) => w.writer).join(', ')})`,
    );
  return [named];
}

async function inkExperiments(): Promise<Outcome[]> {
  const base = resolveModel(values['ink-model']!, 'digits');
  const unipen = sharedUnipenRoot(root);
  if (!unipen) throw new Error('UNIPEN data not found: set VERBATIM_DATA_DIR');
  // The ink recipes' reading of 1a (recipes/unipen-source.ts): no BAD or XXX segments.
  const digits = loadUnipenSamples(unipen, ['1a']).filter(
    (s) => s.label !== 'XXX' && /^[0-9]+$/.test(s.label),
  );
  const writers = heldOutWriters(digits, heldOutTest(readHeldOut()), {
    train: nTrain,
    test: nTest,
    least: 40,
  });
  const outcomes: Outcome[] = [];
  for (const split of chooseWriters(base, writers))
    outcomes.push(await writerExperiment(base, split));
  return outcomes;
}

async function writerExperiment(
  base: ModelEntry,
  { writer, samples, train, test }: WriterSplit<Digit>,
): Promise<Outcome> {
  log(`writer ${writer}: ${samples} digits, ${train.length} to fine-tune, ${test.length} to test`);
  const name = `${base.name}-${writer.replace(/[^\w-]/g, '_')}`;
  const file = join(work, `${name}.inkml`);
  writeInkFile(
    file,
    train.map((s) => ({ ink: s.ink, label: s.label, annotations: { writer } })),
  );
  const items = test.map((s) => ({ ink: s.ink, label: s.label }));
  const evaluate: Evaluate = (recognizer, params, resources) =>
    evaluateInk(recognizer, items, params, resources);
  const before = scoreAsUser(base, evaluate);
  log(`base ${base.name} on writer ${writer}: ${said(before)}`);
  const tuned = await fineTune('ink', base, file, name);
  const after = scoreAsUser(tuned.entry, evaluate);
  log(`fine-tuned on writer ${writer}: ${said(after)}`);
  return {
    what: 'ink',
    base: base.name,
    subject: `UNIPEN writer ${writer} (held out of every ink model's training; --writer ${values.writer})`,
    train: train.length,
    test: items.length,
    testCharacters: items.reduce((n, e) => n + e.label.length, 0),
    metric: 'cer',
    before,
    after,
    minutes: tuned.minutes,
  };
}

mkdirSync(work, { recursive: true });
const outcomes: Outcome[] = [];
try {
  if (values.what !== 'ink') outcomes.push(await speechExperiment());
  if (values.what !== 'speech') outcomes.push(...(await inkExperiments()));
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const o of outcomes) {
  const b = o.before.decoded[o.metric];
  const a = o.after.decoded[o.metric];
  console.log(
    `${o.what}: ${o.base} on ${o.subject}; fine-tuned on ${o.train}, tested on ${o.test} others (${epochs} epochs, ${o.minutes.toFixed(1)} min): ` +
      `${o.metric.toUpperCase()} ${pct(b)} → ${pct(a)} (${relative(b, a)}); before ${said(o.before)}; after ${said(o.after)}`,
  );
}
const inks = outcomes.filter((o) => o.what === 'ink');
if (inks.length > 1) {
  // character errors counted back from each writer's CER (rounded to 4 places, so rounded here)
  const errors = (pick: (o: Outcome) => number) =>
    inks.reduce((n, o) => n + Math.round(pick(o) * o.testCharacters), 0);
  const chars = inks.reduce((n, o) => n + o.testCharacters, 0);
  const pooled = (pick: (o: Outcome) => number) =>
    `${errors(pick)} errors in ${chars} characters (CER ${pct(errors(pick) / chars)})`;
  const count = (test: (b: number, a: number) => boolean) =>
    inks.filter((o) => test(o.before.decoded.cer, o.after.decoded.cer)).length;
  console.log(
    `ink, ${inks.length} writers pooled: before ${pooled((o) => o.before.decoded.cer)}, after ${pooled((o) => o.after.decoded.cer)}; ` +
      `greedy before ${pooled((o) => o.before.greedy.cer)}, after ${pooled((o) => o.after.greedy.cer)}; ` +
      `better ${count((b, a) => a < b)}, same ${count((b, a) => a === b)}, worse ${count((b, a) => a > b)}`,
  );
}
console.log(JSON.stringify(outcomes));
