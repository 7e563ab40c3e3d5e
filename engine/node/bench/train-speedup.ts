import { pathToFileURL } from 'node:url';
import type { Architecture } from '../../nn/architecture';
import { ParallelTrainer } from '../runtime/parallel-trainer';
import { randomDataSourceUrl, type RandomDataConfig } from './random-data-source';

export interface TrainSpeedupOptions {
  /** Default: the reference shapes of issue 21 (referenceTrainingArchitecture). */
  architecture?: Architecture;
  batchSize?: number;
  /** Frames per utterance (default 150, 1.5 s at 10 ms). */
  frames?: number;
  /** Timed steps per worker count, after one warm-up step (default 4). */
  steps?: number;
  /** Kernels of the workers (default 'best': WASM SIMD when built). */
  kernels?: 'best' | 'reference';
  onProgress?(message: string): void;
}

export interface TrainSpeedupResult {
  /** Training samples per second (forward + backward + reduction + Adam) with 1 worker. */
  samples_per_second_1w: number;
  samples_per_second_2w: number;
  /**
   * Samples/s with 1 worker from the CPU time of the fastest step instead of
   * its wall clock: what an idle core would give; other load on a shared
   * machine does not lower it (only contention for caches and memory does).
   */
  samples_per_second_1w_cpu: number;
  /** Achieved GFLOP/s of forward + backward with 1 worker (trainingFlops per sample × samples/s). */
  train_gflops_1w: number;
  /** samples/s with 2 workers ÷ with 1 (wall clock). Required ≥ 1.6. */
  train_speedup_2w: number;
  /**
   * The speedup an idle machine would give if the two shards take equal time:
   * 2 × (CPU time per step with 1 worker) ÷ (CPU time per step of both workers).
   * On a shared machine the wall-clock figure also measures the other load.
   */
  train_speedup_2w_cpu: number;
  parameters: number;
  kernels: string;
}

/**
 * The training reference shapes of issue 21, on which PyTorch's CPU figure was
 * taken: 3-layer BiLSTM 192 per direction, 80 inputs, 30 outputs, CTC
 * (batches of 16 × 150 frames, Adam, clip 5: benchTrainSpeedup's defaults).
 */
export const referenceTrainingArchitecture: Architecture = {
  inputSize: 80,
  layers: [
    { cell: 'lstm', hidden: 192, bidirectional: true },
    { cell: 'lstm', hidden: 192, bidirectional: true },
    { cell: 'lstm', hidden: 192, bidirectional: true },
  ],
  head: 'ctc',
  outputSize: 30,
  dropout: 0,
};

const GATES = { lstm: 4, gru: 3, rnn: 1 } as const;

/**
 * Multiply-add FLOPs (2 per multiply-add) of one training step's matrix
 * products for one sequence of `frames` frames: per recurrent direction the
 * input projection x·Wx and recurrence h·Wh forward; backward dWx, dWh, the
 * recurrent dh·Whᵀ and dx·Wxᵀ (not for the first layer, whose input needs no
 * gradient); the output layer forward, dW and dx. Pointwise work (cells,
 * loss, Adam) is left out, as is usual for FLOP rates.
 */
export function trainingFlops(architecture: Architecture, frames: number): number {
  let flops = 0;
  let T = frames;
  let size = architecture.inputSize;
  architecture.layers.forEach((layer, i) => {
    const G = GATES[layer.cell] * layer.hidden;
    const directions = layer.bidirectional ? 2 : 1;
    const input = 2 * T * size * G; // one product over the input weights
    const recurrent = 2 * T * layer.hidden * G;
    flops += directions * ((i > 0 ? 3 : 2) * input + 3 * recurrent);
    size = layer.hidden * directions;
    if (layer.subsample) {
      T = Math.ceil(T / layer.subsample.factor);
      if (layer.subsample.mode === 'stack') size *= layer.subsample.factor;
    }
  });
  const outputRows = architecture.head === 'sequence' ? 1 : T;
  return flops + 3 * 2 * outputRows * size * architecture.outputSize;
}

/**
 * Samples/s of data-parallel training with 1 and 2 workers on random data,
 * steps of the two interleaved. Each figure comes from the fastest timed step:
 * the machine is shared, and other processes only ever add time.
 */
export async function benchTrainSpeedup(
  options: TrainSpeedupOptions = {},
): Promise<TrainSpeedupResult> {
  const architecture = options.architecture ?? referenceTrainingArchitecture;
  const batchSize = options.batchSize ?? 16;
  const steps = options.steps ?? 4;
  const frames = options.frames ?? 150;
  const data: RandomDataConfig = {
    count: batchSize * (steps + 1),
    inputSize: architecture.inputSize,
    frames,
    labels: 12,
    outputSize: architecture.outputSize,
    seed: 1,
  };
  /** One trainer per worker count; a step runs as run() with a budget of one step (it resumes where it stopped). */
  const start = async (workers: number) => {
    const timing = { wall: [] as number[], cpu: [] as number[], budget: 0, started: 0 };
    let cpuStart = process.cpuUsage();
    const trainer = await ParallelTrainer.create({
      architecture,
      train: { module: randomDataSourceUrl, config: data },
      options: {
        epochs: 1,
        batchSize,
        seed: 1,
        optimizer: { kind: 'adam' },
        schedule: { peak: 1e-3, warmupSteps: 1, decay: 'constant' },
        clipNorm: 5,
      },
      workers,
      kernels: options.kernels ?? 'best',
      callbacks: {
        shouldStop: () => {
          if (timing.budget-- <= 0) return true;
          timing.started = performance.now();
          cpuStart = process.cpuUsage();
          return false;
        },
        onStep: (p) => {
          const cpu = process.cpuUsage(cpuStart);
          if (p.step > 1) {
            // the first step warms up (JIT, WASM tier-up, workspace allocation)
            timing.wall.push((performance.now() - timing.started) / 1000);
            timing.cpu.push((cpu.user + cpu.system) / 1e6);
          }
          options.onProgress?.(`${workers} worker(s): step ${p.step}/${p.totalSteps}`);
        },
      },
    });
    const step = async () => {
      timing.budget = 1;
      await trainer.run();
    };
    return { trainer, timing, step };
  };
  const one = await start(1);
  const two = await start(2);
  try {
    // interleaved, so both see the same background load on a shared machine
    for (let s = 0; s <= steps; s++) {
      await one.step();
      await two.step();
    }
  } finally {
    await Promise.all([one.trainer.dispose(), two.trainer.dispose()]);
  }
  const rate = (t: typeof one.timing) => batchSize / Math.min(...t.wall);
  return {
    samples_per_second_1w: rate(one.timing),
    train_gflops_1w: (trainingFlops(architecture, frames) * rate(one.timing)) / 1e9,
    samples_per_second_2w: rate(two.timing),
    samples_per_second_1w_cpu: batchSize / Math.min(...one.timing.cpu),
    train_speedup_2w: rate(two.timing) / rate(one.timing),
    train_speedup_2w_cpu: (2 * Math.min(...one.timing.cpu)) / Math.min(...two.timing.cpu),
    parameters: one.trainer.network.parameterCount,
    kernels: one.trainer.kernels,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchTrainSpeedup({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  console.log(JSON.stringify(result, null, 2));
}
