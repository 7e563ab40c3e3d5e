// f32 vs int8 inference accuracy of the shipped models on held-out data (a
// measurement, not a test; README "Performance" quotes it). Same decoders as
// `verbatim eval`, each model loaded twice (quantize 'none' and 'int8'):
//   npx tsx engine/node/bench/int8-accuracy.ts speech   AN4 held-out speakers + FSDD george
//   npx tsx engine/node/bench/int8-accuracy.ts ink      UNIPEN cat 6, held-out labs sta + rim
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importAn4 } from '../io/datasets/an4';
import { importFsdd } from '../io/datasets/fsdd';
import { verbatimDataDir } from '../io/datasets/unipen-dataset';
import type { ManifestEntry } from '../io/manifest';
import { readModelBytes } from '../io/model-files';
import {
  decodeParamsFor,
  decodeResourcesFor,
  listModels,
  type ModelEntry,
  type ModelRole,
  type Vocabulary,
} from '../use-cases/models/model-store';
import { evaluateInk, evaluateSpeech, type EvalSummary } from '../use-cases/training/evaluate';
import { loadUnipenCategory } from '../io/unipen-files';
import type { Quantization } from '../../nn/network';
import { readingModel } from '../../model/vbm';
import type { DecodeParams, DecodeResources } from '../../recognize/decode-params';
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
// scripts/recipes/models/ink-*.json): every 7th sorted AN4 speaker from the 4th, FSDD's george,
// and the UNIPEN labs the word model never saw.
const an4HeldOut = (speakers: string[]) =>
  new Set([...new Set(speakers)].sort().filter((_, i) => i % 7 === 3));
const FSDD_SPEAKER = 'george';
const INK_LABS = /\/(sta|rim)\//;

function shippedBytes(role: ModelRole) {
  const entry = listModels().find((m) => m.role === role && m.shipped);
  if (!entry) throw new Error(`no shipped ${role} model installed (assets/models)`);
  return { entry, bytes: readModelBytes(entry.path) };
}

function compare(
  role: ModelRole,
  sets: Record<string, (r: Recognizer, decoding: Decoding) => EvalSummary>,
  decoders: (entry: ReturnType<typeof shippedBytes>['entry']) => Record<string, Decoding>,
  onRow: (row: AccuracyRow) => void,
): AccuracyRow[] {
  const { entry, bytes } = shippedBytes(role);
  const kernels = loadBestKernels();
  const rows: AccuracyRow[] = [];
  for (const quantize of ['none', 'int8'] as const) {
    const recognizer = readingModel(entry.path, () => loadRecognizer(bytes, { kernels, quantize }));
    for (const [set, run] of Object.entries(sets)) {
      for (const [decoder, decoding] of Object.entries(decoders(entry))) {
        const s = run(recognizer, decoding);
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

/** Knobs and, unless greedy, the model's LM and lexicon. */
interface Decoding {
  params: DecodeParams;
  resources?: DecodeResources;
}

const decoding = (
  entry: ModelEntry,
  vocabulary: Vocabulary,
  knobs: Partial<DecodeParams> = {},
): Decoding => ({
  params: { ...decodeParamsFor(entry, vocabulary), ...knobs },
  resources: decodeResourcesFor(entry, vocabulary),
});

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
      Object.entries(sets).map(([name, ex]) => [
        name,
        (r, d) => evaluateSpeech(r, ex, d.params, d.resources),
      ]),
    ),
    (entry) => ({
      greedy: decoding(entry, 'none', { beamWidth: 1 }),
      'beam+LM': decoding(entry, 'lexicon'),
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
    { 'unipen-6': (r, d) => evaluateInk(r, items, d.params, d.resources) },
    (entry) => ({
      greedy: { params: { ...decodeParamsFor(entry, 'open'), beamWidth: 1 } },
      lexicon: decoding(entry, 'lexicon'),
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
