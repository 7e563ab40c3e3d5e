import type { Kernels } from '../kernels/kernels';
import type { Batch } from '../nn/network';
import type { Rng } from '../nn/rng';

/** One training example: features [frames, inputSize] row-major and its target (see Batch.targets). */
export interface Sample {
  features: Float32Array;
  frames: number;
  target: Int32Array;
}

/**
 * Length-bucketed batches: samples sorted by length (with a ±10% random jitter so
 * batches vary between epochs) are cut into batches of similar length, whose
 * order is then shuffled. Padded batches of similar lengths waste little work.
 * Returns lists of sample indices.
 */
export function planBatches(frames: readonly number[], batchSize: number, rng: Rng): number[][] {
  const keyed = frames.map((f, i) => ({ i, key: f * (0.9 + 0.2 * rng.next()) }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  const batches: number[][] = [];
  for (let s = 0; s < keyed.length; s += batchSize) {
    batches.push(keyed.slice(s, s + batchSize).map((k) => k.i));
  }
  return rng.shuffle(batches);
}

/** Pads samples into a time-major batch [T, B, inputSize], reusing its buffer across calls. */
export class BatchAssembler {
  private buffer: Float32Array;

  constructor(
    private readonly kernels: Kernels,
    readonly inputSize: number,
  ) {
    this.buffer = kernels.alloc(0);
  }

  assemble(samples: readonly Sample[], indices: readonly number[]): Batch {
    const C = this.inputSize;
    const B = indices.length;
    const picked = indices.map((i) => samples[i]);
    const T = Math.max(...picked.map((s) => s.frames));
    if (this.buffer.length < T * B * C) this.buffer = this.kernels.alloc(T * B * C);
    const x = this.buffer.subarray(0, T * B * C);
    x.fill(0);
    picked.forEach((s, b) => {
      if (s.features.length !== s.frames * C) {
        throw new RangeError(
          `sample ${indices[b]} has ${s.features.length} feature values, expected frames·inputSize = ${s.frames}·${C}`,
        );
      }
      for (let t = 0; t < s.frames; t++) {
        x.set(s.features.subarray(t * C, (t + 1) * C), (t * B + b) * C);
      }
    });
    return {
      x,
      T,
      B,
      lengths: Int32Array.from(picked, (s) => s.frames),
      targets: picked.map((s) => s.target),
    };
  }
}
