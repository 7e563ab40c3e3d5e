// Training or fine-tuning on the user's own data: the one path shared by
// `verbatim train` and the app's Train view. It gathers labelled samples from
// datasets, manifests or ink files, splits off validation speakers/writers,
// fine-tunes a base model (same architecture, alphabet and features) or
// trains a fresh architecture with trainModel, scores base and new model on
// the validation split, and writes the model plus runs/<id>/metrics.jsonl.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_INK_AUGMENT,
  DEFAULT_INK_FEATURE_CONFIG,
  inkFeatureNames,
} from '../../../ink/index';
import type { Ink } from '../../../ink/ink';
import type { Architecture, CellKind } from '../../../nn/architecture';
import { Network } from '../../../nn/network';
import { Rng } from '../../../util/rng';
import { saveModel, type ModelKind } from '../../../model/vbm';
import { defaultDecodeParams } from '../../../recognize/decode-params';
import { SPEECH_ALPHABET } from '../../../recognize/labels';
import { loadRecognizer, type Recognizer } from '../../../recognize/recognizer';
import { defaultSpeechFrontEnd, speechInputSize } from '../../../recognize/speech-front-end';
import { loadBestKernels } from '../../runtime/load-kernels';
import { siblingModule } from '../../runtime/module-url';
import type { EpochProgress, StepProgress } from '../../../train/trainer';
import { writeFileAtomic } from '../../io/write-atomic';
import { openDataset } from '../datasets/dataset-store';
import { normalizeTranscript } from '../../io/datasets/transcript-text';
import { readInkFile } from '../../io/ink-files';
import { readManifest, resolveAudioPath } from '../../io/manifest';
import { filesUnder } from '../../io/list-files';
import { loadModelEntry, resolveModel, type ModelEntry } from '../models/model-store';
import { evaluateInk, evaluateSpeech } from './evaluate';
import { writeInkExamples, type InkDataConfig } from './ink-data-source';
import type { SpeechDataConfig, SpeechExample } from './speech-data-source';
import { trainModel } from './train-model';
import { writeModelFile } from '../../io/model-files';

export interface FreshArchitecture {
  cell: CellKind;
  layers: number;
  hidden: number;
  bidirectional: boolean;
}

/** Each epoch is measured on at most this many validation samples (the final model on all). */
const EPOCH_VALIDATION_LIMIT = 200;

export interface TrainRequest {
  kind: ModelKind;
  /** Dataset names or folders, NeMo manifests (speech), InkML/UNIPEN files or folders (ink). */
  data: string[];
  /** A model to fine-tune (name, role or .vbm path); else `fresh` is trained from scratch. */
  base?: string | null;
  fresh?: FreshArchitecture;
  epochs?: number;
  minutes?: number;
  /** Fraction of speakers/writers held out for validation (0 = none). */
  validFraction?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  workers?: number;
  /** Where the .vbm goes. */
  out: string;
  /** runs/<id>/: request.json, checkpoint, metrics.jsonl, the ink example files. */
  runDir: string;
  /** Continue from runDir's checkpoint (same request). */
  resume?: boolean;
}

export interface ErrorRates {
  cer: number;
  wer: number;
}

export interface TrainEvents {
  onStep?(p: StepProgress): void;
  /** `validItems`: how many validation samples `valid` was measured on. */
  onEpoch?(p: EpochProgress & { valid: ErrorRates | null; validItems: number }): void;
  onLog?(message: string): void;
  shouldStop?(): boolean;
}

export interface TrainOutcome {
  out: string;
  bytes: number;
  steps: number;
  epochs: number;
  seconds: number;
  /** True when cancelled or out of time: the model holds the last step's weights. */
  stopped: boolean;
  train: number;
  validation: { n: number; base: ErrorRates | null; trained: ErrorRates | null };
  training: Record<string, unknown>;
}

interface Item<T> {
  value: T;
  /** Speaker or writer: the unit of the validation split. */
  group: string;
}

type InkExampleItem = { ink: Ink; label: string; input: string };

const isDatasetDir = (p: string) => existsSync(join(p, 'dataset.json'));

function resolveDataPath(spec: string): string {
  if (isDatasetDir(resolve(spec))) return resolve(spec);
  try {
    return openDataset(spec).dir;
  } catch {
    if (existsSync(resolve(spec))) return resolve(spec);
    throw new Error(
      `training data "${spec}" not found: give a dataset name, a dataset folder, a manifest or ink files`,
    );
  }
}

export function loadSpeechItems(specs: string[]): Item<SpeechExample>[] {
  const items: Item<SpeechExample>[] = [];
  for (const spec of specs) {
    const path = resolveDataPath(spec);
    if (isDatasetDir(path)) {
      const ds = openDataset(path);
      if (ds.kind !== 'speech') throw new Error(`dataset ${ds.name} holds ink, not speech`);
      for (const s of ds.samples()) {
        const text = normalizeTranscript(s.text);
        if (s.status === 'unlabelled' || !text) continue;
        const audio = ds.fileOf(s);
        items.push({ value: { audio, text, duration: s.duration }, group: s.speaker || 'unknown' });
      }
      continue;
    }
    const manifest = statSync(path).isDirectory() ? join(path, 'manifest.jsonl') : path;
    for (const e of readManifest(manifest)) {
      const text = normalizeTranscript(e.text);
      if (!text) continue;
      const audio = resolveAudioPath(manifest, e);
      items.push({
        value: { audio, text, duration: e.duration, ...(e.format ? { format: e.format } : {}) },
        group: e.speaker || 'unknown',
      });
    }
  }
  return items;
}

export function loadInkItems(specs: string[]): Item<InkExampleItem>[] {
  const items: Item<InkExampleItem>[] = [];
  for (const spec of specs) {
    const path = resolveDataPath(spec);
    if (isDatasetDir(path)) {
      const ds = openDataset(path);
      if (ds.kind !== 'ink') throw new Error(`dataset ${ds.name} holds speech, not ink`);
      for (const s of ds.samples()) {
        if (s.status === 'unlabelled' || !s.text) continue;
        const input = ds.fileOf(s);
        const [item] = readInkFile(input);
        items.push({
          value: { ink: item.ink, label: s.text, input },
          group: s.writer || 'unknown',
        });
      }
      continue;
    }
    const files = statSync(path).isDirectory()
      ? filesUnder(path, ['.inkml', '.xml', '.json', '.dat'])
      : [path];
    for (const file of files)
      for (const it of readInkFile(file))
        if (it.label)
          items.push({
            value: { ink: it.ink, label: it.label, input: file },
            group: it.annotations?.writer ?? file,
          });
  }
  return items;
}

/**
 * Holds out whole speakers/writers (shuffled with `seed`) until about
 * `fraction` of the items are in validation; with a single group the items
 * themselves are split. Training always keeps at least one item.
 */
export function splitByGroup<T>(
  items: readonly Item<T>[],
  fraction: number,
  seed = 1,
): { train: T[]; valid: T[]; validGroups: string[] } {
  if (fraction <= 0 || items.length < 2)
    return { train: items.map((i) => i.value), valid: [], validGroups: [] };
  const groups = [...new Set(items.map((i) => i.group))].sort();
  const rng = new Rng(seed);
  const want = Math.max(1, Math.round(items.length * fraction));
  if (groups.length < 2) {
    const every = Math.max(2, Math.round(items.length / want));
    return {
      train: items.filter((_, i) => i % every !== every - 1).map((i) => i.value),
      valid: items.filter((_, i) => i % every === every - 1).map((i) => i.value),
      validGroups: [],
    };
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [groups[i], groups[j]] = [groups[j], groups[i]];
  }
  const held = new Set<string>();
  let count = 0;
  for (const g of groups) {
    if (count >= want || held.size === groups.length - 1) break;
    held.add(g);
    count += items.filter((i) => i.group === g).length;
  }
  return {
    train: items.filter((i) => !held.has(i.group)).map((i) => i.value),
    valid: items.filter((i) => held.has(i.group)).map((i) => i.value),
    validGroups: [...held].sort(),
  };
}

const sourceModule = (name: string) => fileURLToPath(siblingModule(name, import.meta.url));

function freshArchitecture(kind: ModelKind, a: FreshArchitecture, outputs: number): Architecture {
  if (!Number.isInteger(a.layers) || a.layers < 1 || a.layers > 8)
    throw new RangeError(`layers must be 1–8, got ${a.layers}`);
  if (!Number.isInteger(a.hidden) || a.hidden < 4 || a.hidden > 1024)
    throw new RangeError(`hidden size must be 4–1024, got ${a.hidden}`);
  return {
    inputSize:
      kind === 'speech'
        ? speechInputSize(defaultSpeechFrontEnd)
        : inkFeatureNames(DEFAULT_INK_FEATURE_CONFIG).length,
    layers: Array.from({ length: a.layers }, () => ({
      cell: a.cell,
      hidden: a.hidden,
      bidirectional: a.bidirectional,
    })),
    head: 'ctc',
    outputSize: outputs,
    dropout: 0.1,
  };
}

function checkLabels(labels: string[], alphabet: readonly string[], what: string) {
  const known = new Set(alphabet);
  const unknown = new Set([...labels.join('')].filter((c) => !known.has(c)));
  if (unknown.size)
    throw new RangeError(
      `${what} cannot write ${[...unknown].map((c) => JSON.stringify(c)).join(', ')}; fix those labels or train a fresh model`,
    );
}

const rates = (s: { cer: number; wer: number }): ErrorRates => ({ cer: s.cer, wer: s.wer });

/** Trains per the request; see the file comment. */
export async function trainOnData(
  req: TrainRequest,
  events: TrainEvents = {},
): Promise<TrainOutcome> {
  const log = events.onLog ?? (() => {});
  const kernels = loadBestKernels();
  let baseEntry: ModelEntry | null = null;
  let base: Recognizer | null = null;
  if (req.base) {
    baseEntry = resolveModel(req.base, req.kind === 'speech' ? 'speech' : 'digits');
    base = loadModelEntry(baseEntry, kernels);
    if (base.kind !== req.kind)
      throw new Error(`base model ${baseEntry.name} is a ${base.kind} model, not ${req.kind}`);
  } else if (!req.fresh) {
    throw new Error('give a base model to fine-tune or a fresh architecture');
  }
  mkdirSync(req.runDir, { recursive: true });
  writeFileAtomic(join(req.runDir, 'request.json'), `${JSON.stringify(req, null, 2)}\n`);
  const seed = req.seed ?? 1;
  const fraction = req.validFraction ?? 0.2;

  // Data, alphabet, features and the evaluation of a recognizer, per kind.
  let alphabet: string[];
  let featureConfig: Record<string, unknown>;
  let trainSpec, validSpec;
  let trainCount: number;
  let validCount: number;
  let evaluate: (r: Recognizer, limit?: number) => ErrorRates | null;
  const greedy = { ...defaultDecodeParams(), beamWidth: 1 };
  if (req.kind === 'speech') {
    const split = splitByGroup(loadSpeechItems(req.data), fraction, seed);
    if (!split.train.length) throw new Error('no labelled utterances to train on');
    alphabet = base ? [...base.labels] : [...SPEECH_ALPHABET];
    checkLabels(
      split.train.map((e) => e.text),
      alphabet,
      'the speech alphabet',
    );
    featureConfig = base ? base.header.featureConfig : { ...defaultSpeechFrontEnd };
    const config: SpeechDataConfig = {
      examples: split.train,
      alphabet,
      frontEnd: featureConfig as unknown as SpeechDataConfig['frontEnd'],
      augment: { speed: [0.95, 1.05], gainDb: [-6, 6], noiseProbability: 0.2, snrDb: [15, 30] },
      specAugment: null,
    };
    const module = sourceModule('speech-data-source');
    trainSpec = { module, config };
    validSpec = split.valid.length
      ? { module, config: { ...config, examples: split.valid, augment: null } }
      : undefined;
    trainCount = split.train.length;
    validCount = split.valid.length;
    evaluate = (r, limit = Infinity) =>
      split.valid.length ? rates(evaluateSpeech(r, split.valid.slice(0, limit), greedy)) : null;
    log(`${split.train.length} training, ${split.valid.length} validation utterances`);
  } else {
    const split = splitByGroup(loadInkItems(req.data), fraction, seed);
    if (!split.train.length) throw new Error('no labelled ink to train on');
    const chars = [
      ...new Set([...split.train, ...split.valid].flatMap((e) => [...e.label])),
    ].sort();
    alphabet = base ? [...base.labels] : ['', ...chars];
    checkLabels(
      split.train.map((e) => e.label),
      alphabet,
      `model ${baseEntry?.name ?? ''}`,
    );
    featureConfig = base ? base.header.featureConfig : { ...DEFAULT_INK_FEATURE_CONFIG };
    const write = (name: string, list: InkExampleItem[]) =>
      writeInkExamples(join(req.runDir, name), list);
    const config: InkDataConfig = {
      examplesFile: write('train.jsonl', split.train),
      alphabet,
      features: featureConfig as unknown as InkDataConfig['features'],
      augment: { ...DEFAULT_INK_AUGMENT },
    };
    const module = sourceModule('ink-data-source');
    trainSpec = { module, config };
    validSpec = split.valid.length
      ? {
          module,
          config: { ...config, examplesFile: write('valid.jsonl', split.valid), augment: null },
        }
      : undefined;
    trainCount = split.train.length;
    validCount = split.valid.length;
    const params = { ...greedy, ...(baseEntry?.charset ? { charset: baseEntry.charset } : {}) };
    evaluate = (r, limit = Infinity) =>
      split.valid.length ? rates(evaluateInk(r, split.valid.slice(0, limit), params)) : null;
    log(`${split.train.length} training, ${split.valid.length} validation samples`);
  }

  const architecture = base
    ? base.network.architecture
    : freshArchitecture(req.kind, req.fresh!, alphabet.length);
  const batchSize = Math.max(1, Math.min(req.batchSize ?? 16, trainCount));
  const epochs = req.epochs ?? (req.minutes ? 1000 : 10);
  const stepsPerEpoch = Math.ceil(trainCount / batchSize);
  const options = {
    epochs,
    batchSize,
    seed,
    optimizer: { kind: 'adamw' as const, weightDecay: 1e-4 },
    schedule: {
      peak: req.learningRate ?? (base ? 5e-4 : 2e-3),
      warmupSteps: Math.max(
        1,
        Math.min(base ? 20 : 100, Math.floor((epochs * stepsPerEpoch) / 10)),
      ),
      decay: 'cosine' as const,
      finalRatio: 0.1,
    },
    clipNorm: 5,
    // Cancel keeps the last checkpoint: a short interval keeps little work at risk.
    checkpointEvery: 20,
  };
  const metricsFile = join(req.runDir, 'metrics.jsonl');
  const record = (line: Record<string, unknown>) =>
    appendFileSync(metricsFile, `${JSON.stringify({ ...line, time: new Date().toISOString() })}\n`);
  const toRecognizer = (network: Network) =>
    loadRecognizer(saveModel(network, { kind: req.kind, alphabet, featureConfig }), { kernels });
  const checkpointPath = join(req.runDir, 'checkpoint.vbp');
  const baseRates = base ? evaluate(base) : null;
  if (baseRates) log(`base on validation: CER ${baseRates.cer}, WER ${baseRates.wer}`);

  let stopped = false;
  const trained = await trainModel({
    kind: req.kind,
    alphabet,
    featureConfig,
    architecture,
    base: base ?? undefined,
    train: trainSpec,
    valid: validSpec,
    options,
    minutes: req.minutes,
    workers: req.workers,
    checkpointPath,
    resume: req.resume && existsSync(checkpointPath) ? readFileSync(checkpointPath) : undefined,
    onStep: (p) => {
      record({ type: 'step', ...p });
      events.onStep?.(p);
    },
    onEpochWeights: (p, weights) => {
      const network = new Network(architecture, { kernels });
      network.params.data.set(weights);
      const validItems = Math.min(validCount, EPOCH_VALIDATION_LIMIT);
      const valid = evaluate(toRecognizer(network), EPOCH_VALIDATION_LIMIT);
      record({ type: 'epoch', ...p, valid, validItems });
      events.onEpoch?.({ ...p, valid, validItems });
    },
    shouldStop: () => {
      stopped = events.shouldStop?.() ?? false;
      return stopped;
    },
  });
  if (req.minutes && trained.result.epochs < epochs) stopped = true;
  const trainedRates = evaluate(toRecognizer(trained.network));
  if (trainedRates) log(`trained on validation: CER ${trainedRates.cer}, WER ${trainedRates.wer}`);
  const training = {
    recipe: 'verbatim train',
    data: req.data,
    base: baseEntry?.name ?? null,
    architecture: base ? 'as base' : req.fresh,
    options,
    steps: trained.result.steps,
    epochs: trained.result.epochs,
    minutes: Math.round(trained.seconds / 6) / 10,
    trainItems: trainCount,
  };
  const validation = { n: validCount, base: baseRates, trained: trainedRates };
  const bytes = writeModelFile(resolve(req.out), trained.network, {
    kind: req.kind,
    alphabet,
    featureConfig,
    training,
    metrics: { validation: { base: baseRates, trained: trainedRates } },
  });
  record({ type: 'done', out: resolve(req.out), base: baseRates, trained: trainedRates, stopped });
  return {
    out: resolve(req.out),
    bytes,
    steps: trained.result.steps,
    epochs: trained.result.epochs,
    seconds: trained.seconds,
    stopped,
    train: trainCount,
    validation,
    training,
  };
}
