// f32 vs int8 inference accuracy of the shipped models on held-out data (a
// measurement, not a test; README "Performance" quotes it). Same decoders as
// `verbatim eval`, each model loaded twice (quantize 'none' and 'int8'):
//   npx tsx engine/node/bench/int8-accuracy.ts speech   AN4 held-out speakers + FSDD george
//   npx tsx engine/node/bench/int8-accuracy.ts ink      UNIPEN cat 6, held-out labs sta + rim
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importAn4 } from '../io/datasets/an4';
import { importFsdd } from '../io/datasets/fsdd';
import { verbatimDataDir } from '../io/datasets/unipen-dataset';
import type { ManifestEntry } from '../io/manifest';
import { decodeParamsFor, listModels, type ModelRole } from '../use-cases/models/model-store';
import { evaluateInk, evaluateSpeech, type EvalSummary } from '../use-cases/training/evaluate';
import { loadUnipenCategory } from '../io/unipen-files';
import type { Quantization } from '../../nn/network';
import type { DecodeParams } from '../../recognize/decode-params';
import { loadRecognizer, type Recognizer } from '../../recognize/recognizer';
import { loadBestKernels } from '../runtime/load-kernels';

export interface AccuracyRow {
  set: string;
  decoder: string;
  quantize: Quantization;
  n: number;
  wer: number;
  cer: number;
  accuracy: number;
}

// The held-out splits of the training recipes (scripts/recipes/speech-corpus.ts,
// scripts/train-ink.ts): every 7th sorted AN4 speaker from the 4th, FSDD's george,
// and the UNIPEN labs the word model never saw.
const an4HeldOut = (speakers: string[]) =>
  new Set([...new Set(speakers)].sort().filter((_, i) => i % 7 === 3));
const FSDD_SPEAKER = 'george';
const INK_LABS = /\/(sta|rim)\//;

function shippedBytes(role: ModelRole) {
  const entry = listModels().find((m) => m.role === role && m.shipped);
  if (!entry) throw new Error(`no shipped ${role} model installed (assets/models)`);
  return { entry, bytes: readFileSync(entry.path) };
}

function compare(
  role: ModelRole,
  sets: Record<string, (r: Recognizer, params: DecodeParams) => EvalSummary>,
  decoders: (entry: ReturnType<typeof shippedBytes>['entry']) => Record<string, DecodeParams>,
  onRow: (row: AccuracyRow) => void,
): AccuracyRow[] {
  const { entry, bytes } = shippedBytes(role);
  const kernels = loadBestKernels();
  const rows: AccuracyRow[] = [];
  for (const quantize of ['none', 'int8'] as const) {
    const recognizer = loadRecognizer(bytes, { kernels, quantize });
    for (const [set, run] of Object.entries(sets)) {
      for (const [decoder, params] of Object.entries(decoders(entry))) {
        const s = run(recognizer, params);
        const row = {
          set,
          decoder,
          quantize,
          n: s.n,
          wer: s.wer,
          cer: s.cer,
          accuracy: s.accuracy,
        };
        rows.push(row);
        onRow(row);
      }
    }
  }
  return rows;
}

const speechExamples = (entries: ManifestEntry[]) =>
  entries.map((e) => ({
    audio: e.audio_filepath,
    format: e.format,
    text: e.text,
    duration: e.duration,
  }));

/** Speech: AN4 held-out speakers and FSDD george, greedy and beam + LM + lexicon. */
export function speechAccuracy(onRow: (row: AccuracyRow) => void = () => {}): AccuracyRow[] {
  const root = verbatimDataDir();
  const an4 = importAn4(join(root, 'an4')).entries;
  const heldOut = an4HeldOut(an4.map((e) => e.speaker ?? ''));
  const sets = {
    an4: speechExamples(an4.filter((e) => heldOut.has(e.speaker ?? ''))),
    fsdd: speechExamples(
      importFsdd(join(root, 'fsdd')).entries.filter((e) => e.speaker === FSDD_SPEAKER),
    ),
  };
  return compare(
    'speech',
    Object.fromEntries(
      Object.entries(sets).map(([name, ex]) => [name, (r, p) => evaluateSpeech(r, ex, p)]),
    ),
    (entry) => ({
      greedy: { ...decodeParamsFor(entry, 'none'), beamWidth: 1 },
      'beam+LM': decodeParamsFor(entry, 'lexicon'),
    }),
    onRow,
  );
}

/** Handwriting: UNIPEN category 6 words of the held-out labs, greedy and with the lexicon. */
export function inkAccuracy(onRow: (row: AccuracyRow) => void = () => {}): AccuracyRow[] {
  const items = loadUnipenCategory(join(verbatimDataDir(), 'unipen'), '6')
    .filter((s) => s.quality !== 'BAD' && s.label !== '' && INK_LABS.test(s.segmentFile))
    .map((s) => ({ ink: s.ink, label: s.label }));
  return compare(
    'words',
    { 'unipen-6': (r, p) => evaluateInk(r, items, p) },
    (entry) => ({
      greedy: { ...decodeParamsFor(entry, 'open'), beamWidth: 1, lmArpa: null },
      lexicon: decodeParamsFor(entry, 'lexicon'),
    }),
    onRow,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2];
  if (which !== 'speech' && which !== 'ink') {
    console.error('usage: npx tsx engine/node/bench/int8-accuracy.ts speech|ink');
    process.exit(2);
  }
  (which === 'speech' ? speechAccuracy : inkAccuracy)((r) => console.log(JSON.stringify(r)));
}
