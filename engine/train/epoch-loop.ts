import type { Rng } from '../util/rng';
import { planBatches } from './batching';
import { EarlyStopping } from './early-stopping';
import type { TrainerCallbacks, TrainerOptions, TrainerState, TrainResult } from './trainer';

/** The part of the training state the epoch loop advances (the rest is the optimiser's). */
export type LoopState = Omit<TrainerState, 'rng' | 'adamT' | 'early' | 'hasBest'>;

/** The loop state before the first step. */
export const loopStart = (): LoopState => ({
  step: 0,
  epoch: 0,
  batchInEpoch: 0,
  order: null,
  epochLoss: 0,
  epochBatches: 0,
});

/** The loop's part of a restored checkpoint state. */
export const loopStateOf = (st: TrainerState): LoopState => ({
  step: st.step,
  epoch: st.epoch,
  batchInEpoch: st.batchInEpoch,
  order: st.order,
  epochLoss: st.epochLoss,
  epochBatches: st.epochBatches,
});

/** The early stopping the options ask for, or null. */
export const earlyStoppingFor = (options: TrainerOptions): EarlyStopping | null =>
  options.earlyStopping
    ? new EarlyStopping(options.earlyStopping.patience, options.earlyStopping.minDelta)
    : null;

/** What a run reports when it ends. */
export const trainResult = (
  s: LoopState,
  early: EarlyStopping | null,
  stoppedEarly: boolean,
  cancelled: boolean,
): TrainResult => ({
  steps: s.step,
  epochs: s.epoch,
  bestValidLoss: early && early.state.bestEpoch >= 0 ? early.state.best : null,
  stoppedEarly,
  cancelled,
});

export interface StepOutcome {
  loss: number;
  unalignable: number;
  gradNorm: number;
  lr: number;
}

/** What a trainer (single-threaded or data-parallel) lends the shared epoch loop. */
export interface EpochLoopHost {
  readonly options: TrainerOptions;
  readonly callbacks: Omit<TrainerCallbacks, 'computeGradients'>;
  readonly rng: Rng;
  readonly totalSteps: number;
  readonly early: EarlyStopping | null;
  /** Frames of every training sample, for length-bucketed batch planning. */
  readonly trainFrames: readonly number[];
  /** Advanced in place (the trainer's checkpoints read the same object). */
  readonly state: LoopState;
  /** One optimisation step; it advances state.step, batchInEpoch, epochLoss and epochBatches. */
  trainStep(indices: number[]): Promise<StepOutcome>;
  /** Mean validation loss, or null without validation data. */
  validationLoss(): Promise<number | null>;
  checkpoint(): Uint8Array | Promise<Uint8Array>;
  /** Keeps a copy of the current weights as the best so far. */
  keepBest(): void;
  /** Puts the kept best weights back (nothing when none were kept). */
  restoreBest(): void;
}

/**
 * The training loop both trainers share: plans each epoch's batches, steps
 * through them with progress and periodic checkpoints, scores validation at
 * the epoch end for early stopping, and checkpoints every epoch. Resumes
 * mid-epoch from the state (its batch order included), so a restored run
 * continues exactly where the checkpoint was taken.
 */
export async function runEpochs(
  host: EpochLoopHost,
): Promise<Pick<TrainResult, 'stoppedEarly' | 'cancelled'>> {
  const { options, callbacks, state: s } = host;
  let stoppedEarly = false;
  let windowStart = performance.now();
  let epochStart = performance.now();
  let secondsPerStep = 0;
  while (s.epoch < options.epochs && !stoppedEarly) {
    if (!s.order) {
      const ascending = s.epoch < (options.sortaGradEpochs ?? 0);
      s.order = planBatches(host.trainFrames, options.batchSize, host.rng, { ascending });
      s.batchInEpoch = 0;
      s.epochLoss = 0;
      s.epochBatches = 0;
      epochStart = performance.now();
    }
    const order = s.order;
    while (s.batchInEpoch < order.length) {
      if (callbacks.shouldStop?.()) return { stoppedEarly, cancelled: true };
      const indices = order[s.batchInEpoch];
      const { loss, unalignable, gradNorm, lr } = await host.trainStep(indices);
      const now = performance.now();
      const dt = (now - windowStart) / 1000;
      secondsPerStep = secondsPerStep === 0 ? dt : 0.9 * secondsPerStep + 0.1 * dt;
      callbacks.onStep?.({
        epoch: s.epoch,
        step: s.step,
        totalSteps: host.totalSteps,
        loss,
        unalignable,
        learningRate: lr,
        gradNorm,
        samplesPerSecond: dt > 0 ? indices.length / dt : 0,
        etaSeconds: secondsPerStep * (host.totalSteps - s.step),
      });
      windowStart = now;
      const every = options.checkpointEvery ?? 0;
      if (every > 0 && s.step % every === 0) {
        await callbacks.onCheckpoint?.(await host.checkpoint(), s.step);
      }
    }
    const validLoss = await host.validationLoss();
    let improved = false;
    if (host.early && validLoss !== null) {
      const r = host.early.update(validLoss, s.epoch);
      improved = r.improved;
      stoppedEarly = r.stop;
      if (improved) host.keepBest();
    }
    callbacks.onEpoch?.({
      epoch: s.epoch,
      trainLoss: s.epochLoss / Math.max(1, s.epochBatches),
      validLoss,
      improved,
      seconds: (performance.now() - epochStart) / 1000,
    });
    s.epoch++;
    s.order = null;
    await callbacks.onCheckpoint?.(await host.checkpoint(), s.step);
  }
  host.restoreBest();
  return { stoppedEarly, cancelled: false };
}
