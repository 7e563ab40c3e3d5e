import {
  ModelFormatError,
  readContainer,
  writeContainer,
  type ContainerFormat,
} from '../model/container';
import type { LossSummary } from '../nn/heads';
import type { Batch, Network } from '../nn/network';
import { Rng, type RngState } from '../util/rng';
import { Adam, clipGradientNorm, type AdamOptions } from './adam';
import { BatchAssembler, validateSamples, type Sample } from './batching';
import type { EarlyStopping, EarlyStoppingState } from './early-stopping';
import {
  earlyStoppingFor,
  loopStart,
  loopStateOf,
  runEpochs,
  trainResult,
  type LoopState,
} from './epoch-loop';
import { learningRate, type LrSchedule } from './schedule';

export interface TrainerOptions {
  epochs: number;
  batchSize: number;
  /** Seeds data order and dropout (the weights are seeded when the Network is built). */
  seed: number;
  optimizer: AdamOptions;
  schedule: LrSchedule;
  /** Global gradient-norm clip; 0 disables. */
  clipNorm: number;
  /** Needs validation samples; the best epoch's weights are restored at the end. */
  earlyStopping?: { patience: number; minDelta?: number };
  /** Epochs at the start whose batches go shortest first (SortaGrad curriculum); default 0. */
  sortaGradEpochs?: number;
  /** Also report a checkpoint every this many steps (one is always reported at each epoch end). */
  checkpointEvery?: number;
}

export interface StepProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  loss: number;
  /** CTC sequences of this batch whose labels cannot fit their frames (ignored: loss 0, no gradient). */
  unalignable?: number;
  learningRate: number;
  gradNorm: number;
  samplesPerSecond: number;
  etaSeconds: number;
}

export interface EpochProgress {
  epoch: number;
  trainLoss: number;
  validLoss: number | null;
  improved: boolean;
  seconds: number;
}

export interface TrainerCallbacks {
  onStep?(p: StepProgress): void;
  onEpoch?(p: EpochProgress): void;
  /** Checkpoint bytes (see Trainer.checkpoint); the caller writes them atomically. */
  onCheckpoint?(bytes: Uint8Array, step: number): void | Promise<void>;
  /** Polled before every step: return true to stop (the last checkpoint stays valid). */
  shouldStop?(): boolean;
  /**
   * Replaces the gradient computation, e.g. by data-parallel workers that
   * average into network.params.grad. Default: network.computeGradients(batch, { rng }).
   */
  computeGradients?(batch: Batch, rng: Rng): LossSummary | Promise<LossSummary>;
}

export interface TrainResult {
  steps: number;
  epochs: number;
  bestValidLoss: number | null;
  stoppedEarly: boolean;
  cancelled: boolean;
}

/** Everything besides the tensors that a checkpoint must restore for an exact resume. */
export interface TrainerState {
  step: number;
  epoch: number;
  batchInEpoch: number;
  order: number[][] | null;
  rng: RngState;
  adamT: number;
  early: EarlyStoppingState;
  epochLoss: number;
  epochBatches: number;
  hasBest: boolean;
}

/** Rejects a checkpoint state that does not fit this training set (e.g. other data). */
function checkState(st: TrainerState, samples: number): void {
  const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const orderOk =
    st.order === null ||
    (Array.isArray(st.order) &&
      st.order.every(
        (b) => Array.isArray(b) && b.every((i) => Number.isInteger(i) && i >= 0 && i < samples),
      ));
  if (
    ![st.step, st.epoch, st.batchInEpoch, st.adamT, st.epochBatches].every(isCount) ||
    typeof st.epochLoss !== 'number' ||
    typeof st.hasBest !== 'boolean' ||
    typeof st.early !== 'object' ||
    st.early === null ||
    !orderOk
  ) {
    throw new ModelFormatError(
      `checkpoint state is inconsistent with this training set (${samples} samples): resume with the same data`,
    );
  }
}

/** TrainerState as stored in a checkpoint's JSON header: an infinite best loss is kept as a string. */
export type StoredTrainerState = Omit<TrainerState, 'early'> & {
  early: Omit<EarlyStoppingState, 'best'> & { best: string };
};

/** Early-stopping state of a run without early stopping (nothing seen yet). */
export const NO_EARLY_STATE: EarlyStoppingState = { best: Infinity, bestEpoch: -1, badEpochs: 0 };

/** The state as written into a checkpoint header (JSON has no Infinity). */
export const storedState = (st: TrainerState): StoredTrainerState => ({
  ...st,
  early: { ...st.early, best: String(st.early.best) },
});

/**
 * Reads a checkpoint (Trainer's and ParallelTrainer's): its header must belong
 * to `architecture` with `parameters` weights and to a training set of
 * `samples`; the floats are the weights, Adam's m and v, and the best weights
 * when the state has them.
 */
export function readCheckpoint(
  bytes: Uint8Array,
  format: ContainerFormat,
  architecture: unknown,
  parameters: number,
  samples: number,
): { state: TrainerState; floats: Float32Array } {
  let state: TrainerState | null = null;
  const { floats } = readContainer(bytes, format, (parsed) => {
    state = readCheckpointHeader(parsed, architecture, parameters, samples);
    return parameters * (state.hasBest ? 4 : 3);
  });
  return { state: state as unknown as TrainerState, floats }; // set by the callback (TS cannot see it)
}

function readCheckpointHeader(
  parsed: unknown,
  architecture: unknown,
  parameters: number,
  samples: number,
): TrainerState {
  const h = parsed as { architecture?: unknown; parameters?: unknown; state?: StoredTrainerState };
  if (JSON.stringify(h.architecture) !== JSON.stringify(architecture)) {
    throw new ModelFormatError('checkpoint belongs to a different architecture');
  }
  if (h.parameters !== parameters || typeof h.state !== 'object' || h.state === null) {
    throw new ModelFormatError('checkpoint header is incomplete or inconsistent');
  }
  const early = h.state.early as StoredTrainerState['early'] | null | undefined;
  const state = {
    ...h.state,
    early:
      typeof early === 'object' && early !== null ? { ...early, best: Number(early.best) } : early,
  } as TrainerState;
  checkState(state, samples);
  return state;
}

const CHECKPOINT_FORMAT = {
  magic: Uint8Array.of(0x56, 0x42, 0x43, 0x1a), // "VBC\x1a"
  version: 1,
  what: 'checkpoint',
};

/**
 * Single-threaded training loop: length-bucketed padded batches, Adam/AdamW,
 * global-norm clipping, warm-up + decay, early stopping on validation loss,
 * progress through callbacks, and checkpoints that resume exactly (weights,
 * optimizer moments, step, RNG state and data order), so a resumed run
 * reproduces the uninterrupted run's losses bit for bit.
 */
export class Trainer {
  readonly adam: Adam;
  readonly rng: Rng;
  readonly totalSteps: number;
  private readonly assembler: BatchAssembler;
  private readonly early: EarlyStopping | null;
  private best: Float32Array | null = null;
  private s: LoopState = loopStart();

  constructor(
    readonly network: Network,
    readonly train: readonly Sample[],
    readonly valid: readonly Sample[],
    readonly options: TrainerOptions,
    readonly callbacks: TrainerCallbacks = {},
  ) {
    if (train.length === 0) throw new RangeError('no training samples');
    if (!(options.batchSize >= 1) || !(options.epochs >= 1)) {
      throw new RangeError('batchSize and epochs must be at least 1');
    }
    if (options.earlyStopping && valid.length === 0) {
      throw new RangeError('early stopping needs validation samples');
    }
    validateSamples(train, network.architecture.inputSize, 'training');
    validateSamples(valid, network.architecture.inputSize, 'validation');
    this.adam = new Adam(network.params, options.optimizer);
    this.rng = new Rng(options.seed);
    this.totalSteps = options.epochs * Math.ceil(train.length / options.batchSize);
    this.assembler = new BatchAssembler(network.kernels, network.architecture.inputSize);
    this.early = earlyStoppingFor(options);
  }

  get step(): number {
    return this.s.step;
  }

  /** Trains until the last epoch, early stop or cancel. */
  async run(): Promise<TrainResult> {
    const { stoppedEarly, cancelled } = await runEpochs({
      options: this.options,
      callbacks: this.callbacks,
      rng: this.rng,
      totalSteps: this.totalSteps,
      early: this.early,
      trainFrames: this.train.map((x) => x.frames),
      state: this.s,
      trainStep: (indices) => this.trainStep(indices),
      validationLoss: async () => (this.valid.length > 0 ? this.validationLoss() : null),
      checkpoint: () => this.checkpoint(),
      keepBest: () => (this.best = Float32Array.from(this.network.params.data)),
      restoreBest: () => this.best && this.network.params.data.set(this.best),
    });
    return trainResult(this.s, this.early, stoppedEarly, cancelled);
  }

  /** One optimisation step on the samples `indices`: gradients, clipping, learning rate, Adam. */
  private async trainStep(
    indices: number[],
  ): Promise<{ loss: number; unalignable: number; gradNorm: number; lr: number }> {
    const batch = this.assembler.assemble(this.train, indices);
    const summary = this.callbacks.computeGradients
      ? await this.callbacks.computeGradients(batch, this.rng)
      : this.network.computeGradients(batch, { rng: this.rng });
    const gradNorm = clipGradientNorm(this.network.params.grad, this.options.clipNorm);
    if (!Number.isFinite(summary.loss) || !Number.isFinite(gradNorm)) {
      throw new Error(
        `training diverged at step ${this.s.step} (loss ${summary.loss}, gradient norm ${gradNorm}): lower the learning rate or enable gradient clipping`,
      );
    }
    const lr = learningRate(this.options.schedule, this.s.step, this.totalSteps);
    this.adam.step(lr);
    this.s.step++;
    this.s.batchInEpoch++;
    this.s.epochLoss += summary.loss;
    this.s.epochBatches++;
    return { loss: summary.loss, unalignable: summary.infinite, gradNorm, lr };
  }

  /** Mean loss over the validation set (inference mode, deterministic batches). */
  validationLoss(): number {
    const order = this.valid
      .map((s, i) => ({ i, f: s.frames }))
      .sort((a, b) => a.f - b.f || a.i - b.i)
      .map((x) => x.i);
    let sum = 0;
    for (let s = 0; s < order.length; s += this.options.batchSize) {
      const idx = order.slice(s, s + this.options.batchSize);
      sum += this.network.loss(this.assembler.assemble(this.valid, idx)).loss * idx.length;
    }
    return sum / order.length;
  }

  /** The complete training state as bytes (container "VBC\x1a": JSON state + weights, Adam m and v, best weights). */
  checkpoint(): Uint8Array {
    const state: TrainerState = {
      ...this.s,
      rng: this.rng.getState(),
      adamT: this.adam.t,
      early: this.early?.state ?? NO_EARLY_STATE,
      hasBest: this.best !== null,
    };
    const header = {
      architecture: this.network.architecture,
      parameters: this.network.params.size,
      state: storedState(state),
    };
    const tensors = [this.network.params.data, this.adam.m, this.adam.v];
    if (this.best) tensors.push(this.best);
    return writeContainer(CHECKPOINT_FORMAT, header, tensors);
  }

  /** Restores a checkpoint of this same network and data; training then continues exactly. */
  restore(bytes: Uint8Array): void {
    const n = this.network.params.size;
    const { state: st, floats } = readCheckpoint(
      bytes,
      CHECKPOINT_FORMAT,
      this.network.architecture,
      n,
      this.train.length,
    );
    this.network.params.data.set(floats.subarray(0, n));
    this.adam.m.set(floats.subarray(n, 2 * n));
    this.adam.v.set(floats.subarray(2 * n, 3 * n));
    this.best = st.hasBest ? floats.slice(3 * n, 4 * n) : null;
    this.adam.t = st.adamT;
    this.rng.setState(st.rng);
    if (this.early) this.early.state = st.early;
    this.s = loopStateOf(st);
  }
}
