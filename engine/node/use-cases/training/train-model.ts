import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Architecture } from '../../../nn/architecture';
import type { ModelKind } from '../../../model/vbm';
import { Network } from '../../../nn/network';
import type { Recognizer } from '../../../recognize/recognizer';
import { ParallelTrainer } from '../../runtime/parallel-trainer';
import { transferWeights, widenWeights } from '../../../train/transfer';
import type { DataSourceSpec } from '../../runtime/data-source';
import { writeFileAtomic } from '../../io/write-atomic';
import type {
  EpochProgress,
  StepProgress,
  TrainerOptions,
  TrainResult,
} from '../../../train/trainer';

export interface TrainModelConfig {
  kind: ModelKind;
  alphabet: string[];
  featureConfig: Record<string, unknown>;
  /**
   * A fresh architecture, or the base model to fine-tune (its architecture and
   * weights; with a different alphabet, its layers and the shared labels' outputs).
   */
  architecture?: Architecture;
  base?: Recognizer;
  /**
   * A wider architecture to grow the base into before training (widenWeights:
   * the same layers with more units, computing at first what the base does).
   */
  widen?: Architecture;
  /** Dropout between layers, replacing the architecture's or the base model's (e.g. more when fine-tuning). */
  dropout?: number;
  train: DataSourceSpec;
  valid?: DataSourceSpec;
  options: TrainerOptions;
  /**
   * Stop after this many minutes of training, counted from when the workers
   * are ready (starting them and loading the data is not spent from it); the
   * last completed step's weights are kept.
   */
  minutes?: number;
  workers?: number;
  /** Written atomically at every epoch end (and every checkpointEvery steps): resume with `resume`. */
  checkpointPath?: string;
  resume?: Uint8Array;
  onStep?(p: StepProgress): void;
  onEpoch?(p: EpochProgress): void;
  /**
   * After each epoch, with a copy of the current weights and the architecture they belong to (the
   * one trained: a base of another alphabet gets this alphabet's output layer), e.g. to score the
   * validation set or write a snapshot.
   */
  onEpochWeights?(
    p: EpochProgress,
    weights: Float32Array,
    architecture: Architecture,
  ): void | Promise<void>;
  /** Polled before each step: true cancels (weights of the last step are kept). */
  shouldStop?(): boolean;
}

export interface TrainedModel {
  network: Network;
  result: TrainResult;
  seconds: number;
  kernels: string;
}

/**
 * Trains (or fine-tunes) a CTC model with the data-parallel trainer: the one
 * path used by `verbatim train`, the app's Train view and the recipes that
 * make the shipped models.
 */
export async function trainModel(config: TrainModelConfig): Promise<TrainedModel> {
  const { base } = config;
  const { seed } = config.options;
  const fromBase =
    base && base.labels.join('\u0000') !== config.alphabet.join('\u0000')
      ? transferWeights(base, config.alphabet, seed)
      : base
        ? { architecture: base.network.architecture, weights: base.network.params.data.slice() }
        : undefined;
  if (config.widen && !fromBase) throw new TypeError('trainModel widens a base model: give one');
  const start =
    fromBase && config.widen
      ? { architecture: config.widen, weights: widenWeights(fromBase, config.widen, seed) }
      : fromBase;
  const given = start?.architecture ?? config.architecture;
  if (!given) throw new TypeError('trainModel needs an architecture or a base model');
  const architecture = config.dropout === undefined ? given : { ...given, dropout: config.dropout };
  const started = Date.now();
  let deadline = Infinity;
  const trainer = await ParallelTrainer.create({
    architecture,
    init: start ? { weights: start.weights } : { seed: config.options.seed },
    train: config.train,
    valid: config.valid,
    options: config.options,
    workers: config.workers,
    callbacks: {
      onStep: config.onStep,
      onEpoch: (p) => {
        config.onEpoch?.(p);
        if (config.onEpochWeights) void config.onEpochWeights(p, trainer.weights(), architecture);
      },
      shouldStop: () => Date.now() >= deadline || (config.shouldStop?.() ?? false),
      onCheckpoint: config.checkpointPath
        ? (bytes) => {
            mkdirSync(dirname(config.checkpointPath!), { recursive: true });
            writeFileAtomic(config.checkpointPath!, bytes);
          }
        : undefined,
    },
  });
  try {
    if (config.resume) await trainer.restore(config.resume);
    if (config.minutes) deadline = Date.now() + config.minutes * 60_000;
    const result = await trainer.run();
    return {
      network: trainer.network,
      result,
      seconds: (Date.now() - started) / 1000,
      kernels: trainer.kernels,
    };
  } finally {
    await trainer.dispose();
  }
}
