import { Rng } from '../../util/rng';
import type { DataSource } from '../runtime/data-source';

export interface RandomDataConfig {
  count: number;
  inputSize: number;
  /** Frames of every item. */
  frames: number;
  /** Labels per item (CTC targets in 1…outputSize−1). */
  labels: number;
  outputSize: number;
  seed: number;
}

/**
 * Random features and labels of a fixed shape, made per item on demand (as a
 * real pipeline featurises per item): a data source for training benchmarks.
 */
export function createDataSource(config: RandomDataConfig): DataSource {
  const { count, inputSize, frames, labels, outputSize, seed } = config;
  return {
    size: count,
    frames: () => frames,
    item(i) {
      const rng = new Rng(seed + i);
      const x = new Float32Array(frames * inputSize);
      for (let k = 0; k < x.length; k++) x[k] = rng.normal();
      const target = Int32Array.from({ length: labels }, () => 1 + rng.int(outputSize - 1));
      return { x, T: frames, target };
    },
  };
}

export const randomDataSourceUrl = import.meta.url;
