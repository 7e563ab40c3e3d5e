/**
 * One data-parallel training worker (see parallel-trainer.ts). It owns a
 * Network replica, its data sources, and one contiguous range of the
 * parameters for which it reduces the gradient and runs Adam. Commands and
 * barriers go through Atomics on shared memory; postMessage only says ready,
 * done (worker 0, once per command) or what went wrong.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Kernels } from '../../kernels/kernels';
import { referenceKernels } from '../../kernels/reference';
import type { Architecture } from '../../nn/architecture';
import { Network } from '../../nn/network';
import { ParamSet } from '../../nn/param-set';
import { Rng } from '../../util/rng';
import { Adam, type AdamOptions } from '../../train/adam';
import { BatchAssembler, type Sample } from '../../train/batching';
import { checkItem, loadDataSource, type DataSource } from './data-source';
import { loadBestKernels } from './load-kernels';
import { deriveSeed, ItemStream } from './seeds';
import {
  Command,
  partRange,
  Scalar,
  Slot,
  TrainingMemory,
  WorkerStat,
  type TrainingBuffers,
} from './training-memory';

export interface TrainingWorkerInit {
  buffers: TrainingBuffers;
  index: number;
  architecture: Architecture;
  kernels: 'best' | 'reference';
  optimizer: AdamOptions;
  train: { module: string; config?: unknown };
  valid: { module: string; config?: unknown } | null;
}

export type TrainingWorkerMessage =
  | {
      type: 'ready';
      kernels: string;
      fallback: string | null;
      trainFrames: number[] | null;
      trainSize: number;
      validSize: number;
    }
  | { type: 'done'; sequence: number }
  | { type: 'error'; message: string; stack?: string };

/** Thrown inside a worker when another thread aborted the run. */
class Aborted extends Error {}

class TrainingWorker {
  private readonly mem: TrainingMemory;
  private readonly w: number;
  private readonly N: number;
  private readonly range: [number, number];
  private readonly shard: ParamSet;
  private readonly adam: Adam;
  private readonly assembler: BatchAssembler;
  private validOrder: number[] | null = null;

  constructor(
    init: TrainingWorkerInit,
    private readonly network: Network,
    private readonly train: DataSource,
    private readonly valid: DataSource | null,
  ) {
    this.mem = new TrainingMemory(init.buffers);
    this.w = init.index;
    this.N = this.mem.workers;
    this.range = partRange(this.mem.parameters, this.N, this.w);
    this.shard = shardParams(network.params, this.range);
    this.adam = new Adam(this.shard, init.optimizer);
    this.assembler = new BatchAssembler(network.kernels, network.architecture.inputSize);
  }

  /** Serves commands until told to stop or the run is aborted. */
  async serve(): Promise<void> {
    const ctl = this.mem.control;
    let seen = 0;
    for (;;) {
      Atomics.wait(ctl, Slot.sequence, seen);
      seen = Atomics.load(ctl, Slot.sequence);
      if (this.mem.aborted) return;
      const command = Atomics.load(ctl, Slot.command);
      if (command === Command.stop) return;
      try {
        await this.run(command);
        this.barrier();
      } catch (err) {
        if (err instanceof Aborted) return;
        throw err;
      }
      if (this.w === 0) post({ type: 'done', sequence: seen });
    }
  }

  private async run(command: number): Promise<void> {
    switch (command) {
      case Command.step:
        return this.step();
      case Command.validate:
        return this.validate();
      case Command.saveOptimizer:
        this.mem.m.set(this.adam.m, this.range[0]);
        this.mem.v.set(this.adam.v, this.range[0]);
        return;
      case Command.loadOptimizer: {
        const [lo, hi] = this.range;
        this.adam.m.set(this.mem.m.subarray(lo, hi));
        this.adam.v.set(this.mem.v.subarray(lo, hi));
        this.adam.t = this.mem.control[Slot.adamT];
        this.shard.data.set(this.mem.params.subarray(lo, hi));
        return;
      }
      default:
        throw new Error(`training worker: unknown command ${command}`);
    }
  }

  /**
   * One step. Every worker: its shard of the batch → gradient into its own
   * region; barrier; the weighted sum of all regions over its parameter range
   * (weights B_k/B, since each shard's loss is a mean over its B_k sequences,
   * this equals the gradient of the whole batch) → region 0; barrier; clip by
   * the global norm and Adam on its range → master parameters.
   */
  private async step(): Promise<void> {
    const { mem, w, network } = this;
    const ctl = mem.control;
    const B = ctl[Slot.batchSize];
    const seed = mem.scalars[Scalar.stepSeed];
    network.params.data.set(mem.params);
    const [first, end] = partRange(B, this.N, w);
    if (end > first) {
      const indices = Array.from(ctl.subarray(Slot.indices + first, Slot.indices + end));
      const samples = await this.samples(this.train, indices, seed, 'training');
      const batch = this.assembler.assemble(
        samples,
        samples.map((_, i) => i),
      );
      const summary = withItems(indices, () =>
        network.computeGradients(batch, { rng: new Rng(deriveSeed(seed, ItemStream.dropout + w)) }),
      );
      mem.grads[w].set(network.params.grad);
      mem.setStat(w, WorkerStat.loss, summary.loss);
      mem.setStat(w, WorkerStat.infinite, summary.infinite);
    } else {
      mem.setStat(w, WorkerStat.loss, 0);
      mem.setStat(w, WorkerStat.infinite, 0);
    }
    mem.setStat(w, WorkerStat.sequences, end - first);
    this.barrier();

    const [lo, hi] = this.range;
    mem.setStat(w, WorkerStat.sumSquares, reduceGradients(mem, B, lo, hi));
    this.barrier();
    if (ctl[Slot.apply] === 0) return;

    const loss = mem.batchLoss(B);
    const norm = Math.sqrt(mem.total(WorkerStat.sumSquares));
    if (!Number.isFinite(loss) || !Number.isFinite(norm)) return; // the coordinator reports it
    const maxNorm = mem.scalars[Scalar.clipNorm];
    const scale = maxNorm > 0 && norm > maxNorm ? maxNorm / norm : 1;
    const grad = this.shard.grad;
    const out = mem.grads[0];
    for (let i = lo; i < hi; i++) grad[i - lo] = out[i] * scale;
    this.adam.step(mem.scalars[Scalar.learningRate]);
    mem.params.set(this.shard.data, lo);
  }

  /** Loss sum over this worker's validation batches (every N-th of the length-sorted batches). */
  private async validate(): Promise<void> {
    const { mem, w, valid, network } = this;
    let lossSum = 0;
    if (valid) {
      network.params.data.set(mem.params);
      this.validOrder ??= Array.from({ length: valid.size }, (_, i) => i).sort(
        (a, b) => valid.frames(a) - valid.frames(b) || a - b,
      );
      const order = this.validOrder;
      const size = mem.control[Slot.batchSize];
      for (let b = w; b * size < order.length; b += this.N) {
        const indices = order.slice(b * size, (b + 1) * size);
        const samples = await this.samples(valid, indices, null, 'validation');
        const batch = this.assembler.assemble(
          samples,
          samples.map((_, i) => i),
        );
        lossSum += withItems(indices, () => network.loss(batch)).loss * indices.length;
      }
    }
    mem.setStat(w, WorkerStat.lossSum, lossSum);
  }

  private async samples(
    source: DataSource,
    indices: number[],
    seed: number | null,
    where: string,
  ): Promise<Sample[]> {
    const inputSize = this.network.architecture.inputSize;
    const samples: Sample[] = [];
    for (const i of indices) {
      const rng = seed === null ? null : new Rng(deriveSeed(seed, ItemStream.item + i));
      const item = await source.item(i, rng);
      checkItem(item, i, inputSize, where);
      samples.push({ features: item.x, frames: item.T, target: item.target });
    }
    return samples;
  }

  /** All workers meet here (a generation-counting barrier on Atomics). */
  private barrier(): void {
    const ctl = this.mem.control;
    const generation = Atomics.load(ctl, Slot.barrierGeneration);
    if (Atomics.add(ctl, Slot.barrierCount, 1) === this.N - 1) {
      Atomics.store(ctl, Slot.barrierCount, 0);
      Atomics.add(ctl, Slot.barrierGeneration, 1);
      Atomics.notify(ctl, Slot.barrierGeneration);
    } else {
      while (Atomics.load(ctl, Slot.barrierGeneration) === generation) {
        Atomics.wait(ctl, Slot.barrierGeneration, generation);
      }
    }
    if (this.mem.aborted) throw new Aborted();
  }
}

/**
 * The weighted sum of the workers' gradient regions over [lo, hi) into region 0
 * (weights B_k/B; workers without sequences left out) and its sum of squares.
 * One region with weight 1 is region 0 itself: only the squares are summed.
 */
function reduceGradients(mem: TrainingMemory, B: number, lo: number, hi: number): number {
  const parts = mem.grads
    .map((grad, k) => ({ grad, weight: mem.stat(k, WorkerStat.sequences) / B }))
    .filter((p) => p.weight > 0);
  const out = mem.grads[0];
  let sumSquares = 0;
  if (parts.length === 1 && parts[0].grad === out && parts[0].weight === 1) {
    for (let i = lo; i < hi; i++) sumSquares += out[i] * out[i];
  } else if (parts.length === 2) {
    const [{ grad: a, weight: wa }, { grad: b, weight: wb }] = parts;
    for (let i = lo; i < hi; i++) {
      out[i] = wa * a[i] + wb * b[i];
      sumSquares += out[i] * out[i];
    }
  } else {
    for (let i = lo; i < hi; i++) {
      let g = 0;
      for (const p of parts) g += p.weight * p.grad[i];
      out[i] = g;
      sumSquares += out[i] * out[i];
    }
  }
  return sumSquares;
}

/** Runs f on a batch of `indices`; its errors (which name batch positions) also name the items. */
function withItems<T>(indices: readonly number[], f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error)
      err.message += ` (batch positions 0… are items ${indices.join(', ')})`;
    throw err;
  }
}

/**
 * A ParamSet over params[lo, hi) with the same per-element weight-decay flags,
 * for Adam on one range, in the network's kernels' memory (Adam runs there).
 */
function shardParams(params: ParamSet, [lo, hi]: [number, number]): ParamSet {
  const specs = params.entries
    .filter((e) => e.offset < hi && e.offset + e.size > lo)
    .map((e) => ({
      name: e.name,
      shape: [Math.min(hi, e.offset + e.size) - Math.max(lo, e.offset)],
      decay: e.decay,
    }));
  return new ParamSet(params.kernels, specs);
}

/** Every item's frame count, checked (they drive the batch plan). */
function framesOf(source: DataSource): number[] {
  return Array.from({ length: source.size }, (_, i) => {
    const f = source.frames(i);
    if (!(typeof f === 'number' && Number.isFinite(f) && f >= 0)) {
      throw new TypeError(
        `training data source: frames(${i}) returned ${f}; expected a number ≥ 0`,
      );
    }
    return f;
  });
}

function post(message: TrainingWorkerMessage): void {
  parentPort!.postMessage(message);
}

async function main(init: TrainingWorkerInit): Promise<void> {
  let fallback: string | null = null;
  const kernels: Kernels =
    init.kernels === 'best' ? loadBestKernels((why) => (fallback = why)) : referenceKernels;
  const network = new Network(init.architecture, { kernels });
  const train = await loadDataSource(init.train);
  const valid = init.valid ? await loadDataSource(init.valid) : null;
  const worker = new TrainingWorker(init, network, train, valid);
  post({
    type: 'ready',
    kernels: kernels.name,
    fallback,
    trainFrames: init.index === 0 ? framesOf(train) : null,
    trainSize: train.size,
    validSize: valid?.size ?? 0,
  });
  await worker.serve();
}

main(workerData as TrainingWorkerInit).then(
  () => parentPort!.close(),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', message: e.message, stack: e.stack });
    new TrainingMemory((workerData as TrainingWorkerInit).buffers).abort();
    parentPort!.close();
  },
);
