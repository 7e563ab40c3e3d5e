/**
 * The SharedArrayBuffers through which the coordinator and the training
 * workers exchange everything per step (no postMessage on the hot path):
 *
 *   control  Int32   command word, barrier, batch indices (see Slot)
 *   scalars  Float64 learning rate, clip norm, step seed, per-worker statistics (WorkerStat)
 *   params   Float32 [P]      master parameters (every worker copies them in)
 *   moments  Float32 [2, P]   Adam m and v, filled only to save or restore them
 *   grads    Float32 [N, P]   one gradient region per worker; after the
 *                             reduction region 0 holds the averaged gradient
 */
export const Slot = {
  /** Incremented by the coordinator to post a command; workers wait on it. */
  sequence: 0,
  command: 1,
  /** Non-zero once the run failed: every wait wakes up and gives up. */
  abort: 2,
  barrierCount: 3,
  barrierGeneration: 4,
  /** Sequences in the current batch; their indices start at Slot.indices. */
  batchSize: 5,
  /** 1 when the step also applies the update (clip + Adam), 0 for the gradient only. */
  apply: 6,
  /** Adam's step count, for restoring the optimizer. */
  adamT: 7,
  indices: 16,
} as const;

export const Command = {
  step: 1,
  validate: 2,
  saveOptimizer: 3,
  loadOptimizer: 4,
  stop: 5,
} as const;

export const Scalar = {
  learningRate: 0,
  clipNorm: 1,
  stepSeed: 2,
  /** Per-worker statistics start here, STATS_STRIDE values each (see WorkerStat). */
  stats: 4,
} as const;

export const WorkerStat = {
  /** Step: the mean loss of the worker's shard. */
  loss: 0,
  /** Step: sequences in the shard. */
  sequences: 1,
  /** Step: CTC sequences that cannot be aligned. */
  infinite: 2,
  /** Step: sum of squares of the averaged gradient over the worker's parameter range. */
  sumSquares: 3,
  /** Validation: the sum over the worker's sequences of their loss. */
  lossSum: 4,
} as const;
const STATS_STRIDE = 5;

export interface TrainingBuffers {
  control: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  params: SharedArrayBuffer;
  moments: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  workers: number;
  parameters: number;
}

/** Typed views over TrainingBuffers, the same in the coordinator and in every worker. */
export class TrainingMemory {
  readonly control: Int32Array;
  readonly scalars: Float64Array;
  readonly params: Float32Array;
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly grads: Float32Array[];
  readonly workers: number;
  readonly parameters: number;

  constructor(readonly buffers: TrainingBuffers) {
    const { workers: N, parameters: P } = buffers;
    this.workers = N;
    this.parameters = P;
    this.control = new Int32Array(buffers.control);
    this.scalars = new Float64Array(buffers.scalars);
    this.params = new Float32Array(buffers.params);
    this.m = new Float32Array(buffers.moments, 0, P);
    this.v = new Float32Array(buffers.moments, P * 4, P);
    this.grads = Array.from({ length: N }, (_, w) => new Float32Array(buffers.grads, w * P * 4, P));
  }

  /** Allocates the buffers for N workers, P parameters and batches of up to maxBatch sequences. */
  static allocate(workers: number, parameters: number, maxBatch: number): TrainingMemory {
    const f32 = (n: number) => new SharedArrayBuffer(n * 4);
    return new TrainingMemory({
      control: new SharedArrayBuffer((Slot.indices + maxBatch) * 4),
      scalars: new SharedArrayBuffer((Scalar.stats + workers * STATS_STRIDE) * 8),
      params: f32(parameters),
      moments: f32(2 * parameters),
      grads: f32(workers * parameters),
      workers,
      parameters,
    });
  }

  get maxBatch(): number {
    return this.control.length - Slot.indices;
  }

  stat(worker: number, which: number): number {
    return this.scalars[Scalar.stats + worker * STATS_STRIDE + which];
  }

  setStat(worker: number, which: number, value: number): void {
    this.scalars[Scalar.stats + worker * STATS_STRIDE + which] = value;
  }

  /** Sum of one statistic over the workers, in worker order (deterministic). */
  total(which: number): number {
    let sum = 0;
    for (let w = 0; w < this.workers; w++) sum += this.stat(w, which);
    return sum;
  }

  /**
   * The loss of the whole batch of B sequences: Σ_k loss_k·(B_k/B), the shard
   * means weighted like their gradients (with one worker exactly its loss).
   */
  batchLoss(B: number): number {
    let sum = 0;
    for (let w = 0; w < this.workers; w++) {
      const n = this.stat(w, WorkerStat.sequences);
      if (n > 0) sum += this.stat(w, WorkerStat.loss) * (n / B);
    }
    return sum;
  }

  /** Marks the run as failed and wakes every thread waiting on a command or a barrier. */
  abort(): void {
    Atomics.store(this.control, Slot.abort, 1);
    Atomics.add(this.control, Slot.sequence, 1);
    Atomics.add(this.control, Slot.barrierGeneration, 1);
    Atomics.notify(this.control, Slot.sequence);
    Atomics.notify(this.control, Slot.barrierGeneration);
  }

  get aborted(): boolean {
    return Atomics.load(this.control, Slot.abort) !== 0;
  }
}

/** [start, end) of part `k` when `n` items are cut into `parts` contiguous, near-equal parts. */
export function partRange(n: number, parts: number, k: number): [number, number] {
  return [Math.floor((k * n) / parts), Math.floor(((k + 1) * n) / parts)];
}
