/**
 * Does fine-tuning help? (issue 9, README "fine-tuning experiment")
 *
 * Speech: a synthetic voice the default model never heard (an espeak-ng voice
 * and speed outside the training voices) reads ~50 AN4-style sentences for
 * fine-tuning and ~50 other sentences for testing; the test WER of the
 * default speech model is measured before and after fine-tuning it on the 50.
 * Handwriting: the UNIPEN digits writer with the most samples in a lab the
 * shipped digits model never saw; ~50 of their digits fine-tune the model,
 * the rest measure its error rate before and after.
 *
 * Both fine-tunings go through `trainOnData`, the path of `verbatim train
 * --base` and the app's Train view.
 *
 * Measured 2026-11-25 on the shared 2-core machine (2 workers):
 *   speech (espeak-ng en-gb-scotland+f5, rate 210, pitch 85; beam + LM):
 *     WER 38.6% → 23.8% (−38% relative), CER 22.1% → 10.2%, 30 epochs, 2.0 min
 *     (15 epochs: WER 26.5%, −31%)
 *   ink (UNIPEN writer DaveMeek, held out of ink-digits; 49 train / 49 test digits):
 *     CER 18.4% → 0.0% (−100%), 15 epochs, 0.1 min
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom, splitByWriter } from '../engine/index';
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
  trainOnData,
  writeInkFile,
  writeManifest,
} from '../engine/node/index';
import { synthesize } from './synth-speech';
import { an4StyleSentences } from './synth-vocabulary';
import { parseScriptArgs } from './script-args';

const USAGE = `usage: npx tsx scripts/finetune-experiment.ts [--what speech|ink|both] [--train 50] [--test 50]
    [--epochs 30] [--workers 2] [--voice en-gb-scotland+f5] [--rate 210] [--pitch 85]`;

const { values } = parseScriptArgs(USAGE, {
  what: { type: 'string', default: 'both' },
  train: { type: 'string', default: '50' },
  test: { type: 'string', default: '50' },
  epochs: { type: 'string', default: '30' },
  workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
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
const log = (msg: string) =>
  console.error(`[finetune ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const relative = (before: number, after: number) =>
  before > 0 ? `${((100 * (before - after)) / before).toFixed(0)}% relative` : 'n/a';

interface Outcome {
  what: string;
  subject: string;
  train: number;
  test: number;
  metric: 'wer' | 'cer';
  before: { wer: number; cer: number };
  after: { wer: number; cer: number };
  minutes: number;
}

async function fineTune(
  kind: 'speech' | 'ink',
  base: ModelEntry,
  data: string,
  name: string,
): Promise<{ path: string; minutes: number }> {
  const out = join(work, `${name}.vbm`);
  let last = 0;
  const result = await trainOnData(
    {
      kind,
      data: [data],
      base: base.path,
      epochs,
      batchSize: 8,
      validFraction: 0,
      workers,
      out,
      runDir: join(work, `run-${name}`),
    },
    {
      onLog: log,
      onStep: (p) => {
        if (Date.now() - last < 15_000) return;
        last = Date.now();
        log(`${name}: step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)}`);
      },
    },
  );
  return { path: out, minutes: result.seconds / 60 };
}

async function speechExperiment(): Promise<Outcome> {
  const base = resolveModel('speech', 'speech');
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
  const kernels = loadBestKernels();
  const params = decodeParamsFor(base);
  const resources = decodeResourcesFor(base);
  const before = evaluateSpeech(loadModelEntry(base, kernels), test, params, resources);
  log(`base ${base.name} on the voice: WER ${pct(before.wer)}, CER ${pct(before.cer)}`);
  const tuned = await fineTune('speech', base, manifest, 'speech-voice');
  const after = evaluateSpeech(
    loadModelEntry({ ...base, path: tuned.path, shipped: false }, kernels),
    test,
    params,
    resources,
  );
  log(`fine-tuned on the voice: WER ${pct(after.wer)}, CER ${pct(after.cer)}`);
  return {
    what: 'speech',
    subject: `${voice.engine} ${voice.voice} (rate ${voice.rate}, pitch ${voice.pitch})`,
    train: train.length,
    test: test.length,
    metric: 'wer',
    before,
    after,
    minutes: tuned.minutes,
  };
}

async function inkExperiment(): Promise<Outcome> {
  const base = resolveModel('digits', 'digits');
  const unipen = sharedUnipenRoot(root);
  if (!unipen) throw new Error('UNIPEN data not found: set VERBATIM_DATA_DIR');
  // The writers the shipped digits model never saw: the recipe's own split
  // (the ink-digits recipe: category 1a, lab tos and 10% of writers held out, seed 5).
  const all = loadUnipenSamples(unipen, ['1a']).filter((s) => /^[0-9]+$/.test(s.label));
  const split = splitByWriter(all, { validationFraction: 0.1, heldOutLabs: ['tos'], seed: 5 });
  const byWriter = new Map<string, typeof all>();
  for (const s of split.validation)
    if (s.writer) byWriter.set(s.writer, [...(byWriter.get(s.writer) ?? []), s]);
  const [writer, mine] = [...byWriter].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!writer || mine.length < 40)
    throw new Error(`the held-out writers have too few digits (at most ${mine?.length ?? 0})`);
  // alternate samples: both halves hold every digit the writer wrote, in their order of writing
  const train = mine.filter((_, i) => i % 2 === 0).slice(0, nTrain);
  const test = mine.filter((s) => !train.includes(s)).slice(0, nTest);
  log(
    `writer ${writer}: ${mine.length} digits, ${train.length} to fine-tune, ${test.length} to test`,
  );
  const file = join(work, 'writer-train.inkml');
  writeInkFile(
    file,
    train.map((s) => ({ ink: s.ink, label: s.label, annotations: { writer } })),
  );
  const kernels = loadBestKernels();
  const params = decodeParamsFor(base);
  const resources = decodeResourcesFor(base);
  const items = test.map((s) => ({ ink: s.ink, label: s.label }));
  const before = evaluateInk(loadModelEntry(base, kernels), items, params, resources);
  log(
    `base ${base.name} on writer ${writer}: CER ${pct(before.cer)} (accuracy ${pct(before.accuracy)})`,
  );
  const tuned = await fineTune('ink', base, file, 'digits-writer');
  const after = evaluateInk(
    loadModelEntry({ ...base, path: tuned.path, shipped: false }, kernels),
    items,
    params,
    resources,
  );
  log(`fine-tuned on writer ${writer}: CER ${pct(after.cer)} (accuracy ${pct(after.accuracy)})`);
  return {
    what: 'ink digits',
    subject: `UNIPEN writer ${writer} (held out of the digits model's training)`,
    train: train.length,
    test: items.length,
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
  if (values.what !== 'speech') outcomes.push(await inkExperiment());
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const o of outcomes) {
  const b = o.before[o.metric];
  const a = o.after[o.metric];
  console.log(
    `${o.what}: ${o.subject}; fine-tuned on ${o.train}, tested on ${o.test} others (${epochs} epochs, ${o.minutes.toFixed(1)} min): ` +
      `${o.metric.toUpperCase()} ${pct(b)} → ${pct(a)} (${relative(b, a)}); ` +
      `WER ${pct(o.before.wer)} → ${pct(o.after.wer)}, CER ${pct(o.before.cer)} → ${pct(o.after.cer)}`,
  );
}
console.log(
  JSON.stringify(
    outcomes.map((o) => ({
      ...o,
      before: { wer: o.before.wer, cer: o.before.cer },
      after: { wer: o.after.wer, cer: o.after.cer },
    })),
  ),
);
