import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { referenceKernels } from '../../kernels/reference';
import { writeContainer } from '../../model/container';
import type { Architecture } from '../../nn/architecture';
import { Network } from '../../nn/network';
import { Rng } from '../../util/rng';
import {
  earlyStoppingFor,
  loopStart,
  loopStateOf,
  runEpochs,
  trainResult,
  type LoopState,
} from '../../train/epoch-loop';
import type { EarlyStopping } from '../../train/early-stopping';
import { learningRate } from '../../train/schedule';
import {
  NO_EARLY_STATE,
  readCheckpoint,
  storedState,
  type TrainerCallbacks,
  type TrainerOptions,
  type TrainerState,
  type TrainResult,
} from '../../train/trainer';
import { dataSourceHref, type DataSourceSpec } from './data-source';
import { loadBestKernels } from './load-kernels';
import { deriveSeed } from './seeds';
import { siblingModule } from './module-url';
import { spawnWorker } from './spawn-worker';
import { Command, Scalar, Slot, TrainingMemory, WorkerStat } from './training-memory';
import type { TrainingWorkerInit, TrainingWorkerMessage } from './training-worker';

export interface ParallelTrainerConfig {
  architecture: Architecture;
  /** Starting weights: the network's seeded initialisation (default seed 1) or given weights. */
  init?: { seed: number } | { weights: Float32Array };
  train: DataSourceSpec;
  valid?: DataSourceSpec;
  /** The single-threaded Trainer's options, with the same meaning. */
  options: TrainerOptions;
  callbacks?: Omit<TrainerCallbacks, 'computeGradients'>;
  /** Worker threads (default: available cores). Results are deterministic for a given count. */
  workers?: number;
  /** 'best' (default): WASM SIMD when it loads, else the reference; 'reference': plain TypeScript. */
  kernels?: 'best' | 'reference';
  /** Hears why a worker fell back to the reference kernels. */
  onKernelFallback?(reason: string): void;
}

/** How long dispose() lets the workers leave after the stop command before it terminates them. */
const EXIT_GRACE_MS = 2_000;

const CHECKPOINT_FORMAT = {
  magic: Uint8Array.of(0x56, 0x42, 0x50, 0x1a), // "VBP\x1a"
  version: 1,
  what: 'parallel training checkpoint',
};

/**
 * Data-parallel training over worker threads with the single-threaded
 * Trainer's semantics (callbacks, schedule, clipping, early stopping, exact
 * checkpoints). The coordinator (this object, on the caller's thread) plans
 * the length-bucketed batch order and posts one command per step through
 * shared memory; the workers build their shards from the data source, compute
 * gradients, reduce them and run Adam, each over its own parameter range, so
 * the caller's event loop stays free. Deterministic given the seed and the
 * worker count; the averaged gradient equals the one-worker gradient of the
 * whole batch up to float rounding.
 */
export class ParallelTrainer {
  /** A replica on this thread; holds the trained weights after run() and restore(). */
  readonly network: Network;
  readonly totalSteps: number;
  readonly rng: Rng;
  /** Name of the kernels the workers use (e.g. 'wasm-simd', or 'reference'). */
  readonly kernels: string;
  private readonly early: EarlyStopping | null;
  private best: Float32Array | null = null;
  private adamT = 0;
  private s: LoopState = loopStart();
  private pending: { resolve(): void; reject(err: Error): void } | null = null;
  private failure: Error | null = null;
  private disposed = false;

  private constructor(
    private readonly config: ParallelTrainerConfig,
    private readonly mem: TrainingMemory,
    private readonly threads: Worker[],
    private readonly trainFrames: number[],
    private readonly validSize: number,
    network: Network,
    kernels: string,
  ) {
    const { options } = config;
    this.network = network;
    this.kernels = kernels;
    this.rng = new Rng(options.seed);
    this.totalSteps = options.epochs * Math.ceil(trainFrames.length / options.batchSize);
    this.early = earlyStoppingFor(options);
    for (const [w, thread] of threads.entries()) this.watch(thread, w);
  }

  /** Starts the workers, loads the data sources in each, and sets the starting weights. */
  static async create(config: ParallelTrainerConfig): Promise<ParallelTrainer> {
    const { options } = config;
    if (!(Number.isInteger(options.batchSize) && options.batchSize >= 1 && options.epochs >= 1)) {
      throw new RangeError(
        `batchSize must be an integer ≥ 1 and epochs ≥ 1, got ${options.batchSize} and ${options.epochs}`,
      );
    }
    const N = config.workers ?? availableParallelism();
    if (!Number.isInteger(N) || N < 1) {
      throw new RangeError(`workers must be a positive integer, got ${config.workers}`);
    }
    const init = config.init ?? { seed: 1 };
    // the replica on this thread: same kernels as the workers, so evaluating it matches them
    const network = new Network(config.architecture, {
      kernels: config.kernels === 'reference' ? referenceKernels : loadBestKernels(),
      seed: 'seed' in init ? init.seed : 1,
    });
    const P = network.parameterCount;
    if ('weights' in init) {
      if (init.weights.length !== P) {
        throw new RangeError(
          `init.weights has ${init.weights.length} values; this architecture has ${P} parameters`,
        );
      }
      network.params.data.set(init.weights);
    }
    const mem = TrainingMemory.allocate(N, P, options.batchSize);
    mem.params.set(network.params.data);
    const threads = Array.from({ length: N }, (_, index) => {
      const data: TrainingWorkerInit = {
        buffers: mem.buffers,
        index,
        architecture: network.architecture,
        kernels: config.kernels ?? 'best',
        optimizer: options.optimizer,
        train: { module: dataSourceHref(config.train.module), config: config.train.config },
        valid: config.valid
          ? { module: dataSourceHref(config.valid.module), config: config.valid.config }
          : null,
      };
      return spawnWorker(siblingModule('training-worker', import.meta.url), { workerData: data });
    });
    let ready: Extract<TrainingWorkerMessage, { type: 'ready' }>[];
    try {
      ready = await Promise.all(threads.map((t, w) => readyMessage(t, w)));
    } catch (err) {
      mem.abort();
      await Promise.all(threads.map((t) => t.terminate()));
      throw err;
    }
    for (const r of ready) if (r.fallback) config.onKernelFallback?.(r.fallback);
    const trainFrames = ready[0].trainFrames!;
    const validSize = ready[0].validSize;
    const fail = async (message: string) => {
      mem.abort();
      await Promise.all(threads.map((t) => t.terminate()));
      throw new RangeError(message);
    };
    for (const [w, r] of ready.entries()) {
      if (r.trainSize !== trainFrames.length || r.validSize !== validSize) {
        await fail(
          `worker ${w} sees ${r.trainSize} training and ${r.validSize} validation items, worker 0 ${trainFrames.length} and ${validSize}: createDataSource must give the same items in every worker (seed any randomness from its config)`,
        );
      }
    }
    if (trainFrames.length === 0) await fail('the training data source has no items');
    if (options.earlyStopping && validSize === 0) {
      await fail('early stopping needs a validation data source with items');
    }
    const trainer = new ParallelTrainer(
      config,
      mem,
      threads,
      trainFrames,
      validSize,
      network,
      ready[0].kernels,
    );
    await trainer.command(Command.loadOptimizer); // every shard starts from the master weights
    return trainer;
  }

  get workers(): number {
    return this.mem.workers;
  }

  get step(): number {
    return this.s.step;
  }

  /** Trains until the last epoch, an early stop or a cancel (shouldStop), like Trainer.run. */
  async run(): Promise<TrainResult> {
    const { stoppedEarly, cancelled } = await runEpochs({
      options: this.config.options,
      callbacks: this.config.callbacks ?? {},
      rng: this.rng,
      totalSteps: this.totalSteps,
      early: this.early,
      trainFrames: this.trainFrames,
      state: this.s,
      trainStep: (indices) => this.trainStep(indices),
      validationLoss: async () => (this.validSize > 0 ? this.validationLoss() : null),
      checkpoint: () => this.checkpoint(),
      keepBest: () => (this.best = Float32Array.from(this.mem.params)),
      restoreBest: () => this.best && this.mem.params.set(this.best),
    });
    return this.finish(stoppedEarly, cancelled);
  }

  /** One optimisation step on the samples `indices` (gradients, reduction, clipping, Adam in the workers). */
  private async trainStep(
    indices: number[],
  ): Promise<{ loss: number; unalignable: number; gradNorm: number; lr: number }> {
    const lr = learningRate(this.config.options.schedule, this.s.step, this.totalSteps);
    // the step's seed (augmentation, dropout) comes from the step number, so the
    // run's Rng only plans batches, as in the single-threaded Trainer
    const seed = deriveSeed(this.config.options.seed, this.s.step);
    const { loss, gradNorm } = await this.runStep(indices, seed, lr);
    const unalignable = this.mem.total(WorkerStat.infinite);
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      throw new Error(
        `training diverged at step ${this.s.step} (loss ${loss}, gradient norm ${gradNorm}): lower the learning rate or enable gradient clipping`,
      );
    }
    this.adamT++;
    this.s.step++;
    this.s.batchInEpoch++;
    this.s.epochLoss += loss;
    this.s.epochBatches++;
    return { loss, unalignable, gradNorm, lr };
  }

  private async runStep(
    indices: readonly number[],
    seed: number,
    lr: number | null,
  ): Promise<{ loss: number; gradNorm: number }> {
    const { mem } = this;
    if (indices.length === 0 || indices.length > mem.maxBatch) {
      throw new RangeError(
        `a step needs 1 to ${mem.maxBatch} sample indices, got ${indices.length}`,
      );
    }
    for (const i of indices) {
      if (!(Number.isInteger(i) && i >= 0 && i < this.trainFrames.length)) {
        throw new RangeError(
          `sample index ${i} is outside the training data (0…${this.trainFrames.length - 1})`,
        );
      }
    }
    mem.control[Slot.batchSize] = indices.length;
    mem.control.set(indices, Slot.indices);
    mem.control[Slot.apply] = lr === null ? 0 : 1;
    mem.scalars[Scalar.stepSeed] = seed;
    mem.scalars[Scalar.learningRate] = lr ?? 0;
    mem.scalars[Scalar.clipNorm] = this.config.options.clipNorm;
    await this.command(Command.step);
    return {
      loss: mem.batchLoss(indices.length),
      gradNorm: Math.sqrt(mem.total(WorkerStat.sumSquares)),
    };
  }

  /**
   * The loss and averaged gradient of the training samples `indices` at the
   * current weights, without updating them (dropout and augmentation drawn
   * from `seed`). For checking the reduction and for diagnostics.
   */
  async gradient(
    indices: readonly number[],
    seed = 0,
  ): Promise<{ loss: number; gradient: Float32Array }> {
    const { loss } = await this.runStep(indices, seed >>> 0, null);
    return { loss, gradient: this.mem.grads[0].slice() };
  }

  /** Mean loss over the validation source (inference mode), computed by the workers. */
  async validationLoss(): Promise<number> {
    if (this.validSize === 0) throw new RangeError('no validation data source with items');
    this.mem.control[Slot.batchSize] = this.config.options.batchSize;
    await this.command(Command.validate);
    return this.mem.total(WorkerStat.lossSum) / this.validSize;
  }

  /** A copy of the current master weights. */
  weights(): Float32Array {
    return this.mem.params.slice();
  }

  /** The complete training state as bytes (container "VBP\x1a": JSON state + weights, Adam m and v, best weights). */
  async checkpoint(): Promise<Uint8Array> {
    await this.command(Command.saveOptimizer);
    const state: TrainerState = {
      ...this.s,
      rng: this.rng.getState(),
      adamT: this.adamT,
      early: this.early?.state ?? NO_EARLY_STATE,
      hasBest: this.best !== null,
    };
    const header = {
      architecture: this.network.architecture,
      parameters: this.mem.parameters,
      workers: this.workers,
      state: storedState(state),
    };
    const tensors = [this.mem.params, this.mem.m, this.mem.v];
    if (this.best) tensors.push(this.best);
    return writeContainer(CHECKPOINT_FORMAT, header, tensors);
  }

  /**
   * Restores a checkpoint of the same architecture and data; training then
   * continues exactly as the interrupted run would have (bit for bit with the
   * same worker count; with another count up to float rounding and dropout masks).
   */
  async restore(bytes: Uint8Array): Promise<void> {
    const P = this.mem.parameters;
    const { state: st, floats } = readCheckpoint(
      bytes,
      CHECKPOINT_FORMAT,
      this.network.architecture,
      P,
      this.trainFrames.length,
    );
    this.mem.params.set(floats.subarray(0, P));
    this.mem.m.set(floats.subarray(P, 2 * P));
    this.mem.v.set(floats.subarray(2 * P, 3 * P));
    this.mem.control[Slot.adamT] = st.adamT;
    await this.command(Command.loadOptimizer);
    this.best = st.hasBest ? floats.slice(3 * P, 4 * P) : null;
    this.adamT = st.adamT;
    this.rng.setState(st.rng);
    if (this.early) this.early.state = st.early;
    this.s = loopStateOf(st);
    this.network.params.data.set(this.mem.params);
  }

  /**
   * Stops the workers; the trainer cannot be used afterwards. When idle,
   * `network` gets the current weights. Disposing during a command (e.g. while
   * run() awaits a step) aborts it: that call rejects; checkpoints already
   * delivered stay valid.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending || this.failure) {
      this.fail(new Error('the parallel trainer was disposed while it was working'));
      await Promise.all(this.threads.map((t) => t.terminate()));
      return;
    }
    this.network.params.data.set(this.mem.params);
    const exited = Promise.all(
      this.threads.map((t) => new Promise((resolve) => t.once('exit', resolve))),
    );
    Atomics.store(this.mem.control, Slot.command, Command.stop);
    Atomics.add(this.mem.control, Slot.sequence, 1);
    Atomics.notify(this.mem.control, Slot.sequence);
    // The weights are copied out: a worker that does not leave by itself in
    // time (something in it keeps its event loop alive) is terminated, so a
    // finished run never waits on it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, EXIT_GRACE_MS)));
    await Promise.race([exited, late]);
    clearTimeout(timer);
    await Promise.all(this.threads.map((t) => t.terminate()));
  }

  private finish(stoppedEarly: boolean, cancelled: boolean): TrainResult {
    this.network.params.data.set(this.mem.params);
    return trainResult(this.s, this.early, stoppedEarly, cancelled);
  }

  /** Posts a command to every worker and resolves when all have finished it. */
  private command(code: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.reject(new Error('the parallel trainer has been disposed'));
    if (this.pending)
      throw new Error('parallel trainer: one command at a time (await the previous call)');
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      Atomics.store(this.mem.control, Slot.command, code);
      Atomics.add(this.mem.control, Slot.sequence, 1);
      Atomics.notify(this.mem.control, Slot.sequence);
    });
  }

  private watch(thread: Worker, w: number): void {
    thread.on('message', (m: TrainingWorkerMessage) => {
      if (m.type === 'done') {
        const p = this.pending;
        this.pending = null;
        p?.resolve();
      } else if (m.type === 'error') {
        this.fail(
          Object.assign(new Error(`training worker ${w}: ${m.message}`), { stack: m.stack }),
        );
      }
    });
    thread.on('error', (err) =>
      this.fail(new Error(`training worker ${w} crashed: ${err.message}`)),
    );
    thread.on('exit', (code) => {
      if (!this.disposed)
        this.fail(new Error(`training worker ${w} exited unexpectedly (code ${code})`));
    });
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.mem.abort();
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }
}

/** Resolves with the worker's 'ready' message, or rejects with its start-up error. */
function readyMessage(
  thread: Worker,
  w: number,
): Promise<Extract<TrainingWorkerMessage, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: TrainingWorkerMessage) => {
      if (m.type === 'ready') {
        cleanup();
        resolve(m);
      } else if (m.type === 'error') {
        cleanup();
        reject(new Error(`training worker ${w} failed to start: ${m.message}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`training worker ${w} failed to start: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`training worker ${w} exited during start-up (code ${code})`));
    };
    const cleanup = () => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
  });
}
