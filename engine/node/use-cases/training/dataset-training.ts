// Training or fine-tuning on the user's own data: the one path shared by
// `verbatim train` and the app's Train view. It gathers labelled samples from
// datasets, manifests or ink files, splits off validation speakers/writers,
// fine-tunes a base model (same architecture, alphabet and features) or
// trains a fresh architecture with trainModel, scores base and new model on
// the validation split, and writes the model plus runs/<id>/metrics.jsonl. A
// fine-tuned model keeps what its base decodes with (fine-tuned-decoding.ts).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Architecture, CellKind } from '../../../nn/architecture';
import { Network } from '../../../nn/network';
import { Rng } from '../../../util/rng';
import { saveModel, type ModelKind, type TensorEncoding } from '../../../model/vbm';
import { defaultDecodeParams } from '../../../recognize/decode-params';
import { loadRecognizer, type Recognizer } from '../../../recognize/recognizer';
import { loadBestKernels } from '../../runtime/load-kernels';
import type { EpochProgress, StepProgress } from '../../../train/trainer';
import { writeFileAtomic } from '../../io/write-atomic';
import { writeModelFile } from '../../io/model-files';
import { trainingModalityOf, type Grouped } from '../../modality/index';
import { loadModelEntry, resolveModel, type ModelEntry } from '../models/model-store';
import { fineTunedDecoding, type FineTunedDecoding } from './fine-tuned-decoding';
import { trainModel } from './train-model';

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
  /** How the model file stores its weights; default the base's encoding (a fresh model: float32). */
  weights?: TensorEncoding;
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
  /** What a fine-tuned model decodes with, from its base (none for a fresh model): its registry entry's. */
  decoding: FineTunedDecoding;
  /** How the model file stores its weights. */
  weights: TensorEncoding;
}

/**
 * Holds out whole speakers/writers (shuffled with `seed`) until about
 * `fraction` of the items are in validation; with a single group the items
 * themselves are split. Training always keeps at least one item.
 */
export function splitByGroup<T>(
  items: readonly Grouped<T>[],
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

function freshArchitecture(inputSize: number, a: FreshArchitecture, outputs: number): Architecture {
  if (!Number.isInteger(a.layers) || a.layers < 1 || a.layers > 8)
    throw new RangeError(`layers must be 1–8, got ${a.layers}`);
  if (!Number.isInteger(a.hidden) || a.hidden < 4 || a.hidden > 1024)
    throw new RangeError(`hidden size must be 4–1024, got ${a.hidden}`);
  return {
    inputSize,
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
    baseEntry = resolveModel(req.base, trainingModalityOf(req.kind).roles[0]);
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

  // Data, alphabet, features and the evaluation of a recognizer: the modality's.
  const modality = trainingModalityOf(req.kind);
  const examples = modality.loadExamples(req.data, (what) => log(`left out: ${what}`));
  const split = splitByGroup(examples, fraction, seed);
  if (!split.train.length) throw new Error(`no labelled ${modality.examples} to train on`);
  const labels = (list: unknown[]) => list.map((e) => modality.labelOf(e));
  const alphabet = base
    ? [...base.labels]
    : modality.alphabet(labels([...split.train, ...split.valid]));
  checkLabels(
    labels(split.train),
    alphabet,
    baseEntry ? `model ${baseEntry.name}` : `the ${req.kind} alphabet`,
  );
  const featureConfig = base ? base.header.featureConfig : modality.defaultFeatureConfig();
  const weights = req.weights ?? base?.header.weights ?? 'float32';
  const sources = modality.dataSources({
    train: split.train,
    valid: split.valid,
    alphabet,
    featureConfig,
    augment: modality.userAugment,
    workDir: req.runDir,
  });
  const trainCount = split.train.length;
  const validCount = split.valid.length;
  const greedy = { ...defaultDecodeParams(), beamWidth: 1 };
  const params = { ...greedy, ...(baseEntry?.charset ? { charset: baseEntry.charset } : {}) };
  const evaluate = (r: Recognizer, limit = Infinity): ErrorRates | null =>
    split.valid.length ? rates(modality.evaluate(r, split.valid.slice(0, limit), params)) : null;
  log(`${trainCount} training, ${validCount} validation ${modality.examples}`);

  const architecture = base
    ? base.network.architecture
    : freshArchitecture(modality.inputSize(featureConfig), req.fresh!, alphabet.length);
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
  // Measured as stored: a float16 model's rates are those of its rounded weights.
  const toRecognizer = (network: Network) =>
    loadRecognizer(saveModel(network, { kind: req.kind, alphabet, featureConfig }, { weights }), {
      kernels,
    });
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
    train: sources.train,
    valid: sources.valid,
    options,
    minutes: req.minutes,
    workers: req.workers,
    checkpointPath,
    resume: req.resume && existsSync(checkpointPath) ? readFileSync(checkpointPath) : undefined,
    onStep: (p) => {
      record({ type: 'step', ...p });
      events.onStep?.(p);
    },
    onEpochWeights: (p, weights, trained) => {
      const network = new Network(trained, { kernels });
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
  const decoding = baseEntry
    ? fineTunedDecoding(baseEntry, {
        labels: labels([...split.train, ...split.valid]),
        data: req.data,
        out: req.out,
      })
    : {};
  const bytes = writeModelFile(
    resolve(req.out),
    trained.network,
    {
      kind: req.kind,
      alphabet,
      featureConfig,
      // The domain goes with the file too (modelDomain reads it when an entry has none).
      training: decoding.domain ? { ...training, domain: decoding.domain } : training,
      metrics: { validation: { base: baseRates, trained: trainedRates } },
    },
    { weights },
  );
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
    decoding,
    weights,
  };
}
