import type { Kernels } from '../kernels/kernels';
import type { Batch } from '../nn/network';
import type { Rng } from '../util/rng';

/** One training example: features [frames, inputSize] row-major and its target (see Batch.targets). */
export interface Sample {
  features: Float32Array;
  frames: number;
  target: Int32Array;
}

/**
 * Checks samples once, before training, so bad data is reported by sample index
 * (`what` names the set, e.g. 'training'): frames ≥ 1, features of length
 * frames·inputSize and all finite, integer targets.
 */
export function validateSamples(samples: readonly Sample[], inputSize: number, what: string): void {
  samples.forEach((s, i) => {
    const where = `${what} sample ${i}`;
    if (!Number.isInteger(s.frames) || s.frames < 1) {
      throw new RangeError(`${where}: frames must be a positive integer, got ${s.frames}`);
    }
    if (!(s.features instanceof Float32Array) || s.features.length !== s.frames * inputSize) {
      throw new RangeError(
        `${where}: expected ${s.frames}·${inputSize} = ${s.frames * inputSize} feature values (Float32Array [frames, inputSize]), got ${s.features?.length}`,
      );
    }
    const bad = s.features.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new RangeError(
        `${where}: feature ${bad % inputSize} of frame ${Math.floor(bad / inputSize)} is ${s.features[bad]}; check the feature extraction`,
      );
    }
    if (!(s.target instanceof Int32Array))
      throw new TypeError(`${where}: target must be an Int32Array`);
  });
}

/**
 * Length-bucketed batches: samples sorted by length (with a ±10% random jitter so
 * batches vary between epochs) are cut into batches of similar length, whose
 * order is then shuffled — or, with `ascending`, kept shortest first (SortaGrad,
 * Amodei et al. 2016: a curriculum that shortens CTC's all-blank plateau).
 * Padded batches of similar lengths waste little work. Returns lists of sample indices.
 */
export function planBatches(
  frames: readonly number[],
  batchSize: number,
  rng: Rng,
  options: { ascending?: boolean } = {},
): number[][] {
  const keyed = frames.map((f, i) => ({ i, key: f * (0.9 + 0.2 * rng.next()) }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  const batches: number[][] = [];
  for (let s = 0; s < keyed.length; s += batchSize) {
    batches.push(keyed.slice(s, s + batchSize).map((k) => k.i));
  }
  return options.ascending ? batches : rng.shuffle(batches);
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
