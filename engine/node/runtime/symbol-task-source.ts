import { makeSymbolTask, type SymbolTaskOptions } from '../../train/synthetic-task';
import type { DataSource } from './data-source';

/**
 * The synthetic symbol task of engine/train (noisy one-hot symbols of variable
 * durations, inputSize = symbols + 1) as a data source module for the
 * parallel trainer: `{ module: symbolTaskSourceUrl, config: SymbolTaskOptions }`.
 */
export function createDataSource(config: SymbolTaskOptions): DataSource {
  const samples = makeSymbolTask(config);
  return {
    size: samples.length,
    frames: (i) => samples[i].frames,
    item: (i) => ({ x: samples[i].features, T: samples[i].frames, target: samples[i].target }),
  };
}

export const symbolTaskSourceUrl = import.meta.url;
