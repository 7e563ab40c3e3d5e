/**
 * Training data of the broad English speech model, as a data-source module
 * for the engine's trainer: the synthetic corpus's cached features (no
 * featurisation per epoch: the waveform augmentation is baked into the
 * corpus; SpecAugment and a frequency warp are drawn per step), with real
 * recordings (AN4, FSDD) mixed into every batch. Batches are cut by length,
 * so the mixing is done per item: a training draw of item i is, with
 * probability `realProbability`, replaced by a real recording of about the
 * same length (augmented as the default recipe does), or, optionally, by one
 * of a set of real recordings whatever its length (realAnyLength: FSDD's short
 * digits, which no synthetic item is as short as). Validation (no rng)
 * reads the synthetic items only.
 *
 * The real recordings come from another data-source module named in the
 * config (the engine's speech data source), imported here by path as the
 * trainer imports this one: importing the engine's Node front door inside a
 * worker would also start the recognition host it exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeText,
  type Rng,
  specAugment,
  type SpecAugmentOptions,
  type SpeechFrontEndConfig,
  stackFrames,
} from '../../engine/index';
import type {
  CreateDataSource,
  DataItem,
  DataSource,
  SpeechDataConfig,
} from '../../engine/node/index';
import { readEntryFeatures, readShardManifest, shardName, type CorpusEntry } from './shard-format';

export interface MixedDataConfig {
  /** A split directory of the corpus (ROOT/train) and the shard indices to read from it. */
  synthetic: { splitDir: string; shards: number[] };
  alphabet: string[];
  frontEnd: SpeechFrontEndConfig;
  specAugment: SpecAugmentOptions | null;
  /** Real recordings: the engine's speech data-source module and its config (augmentation included). */
  real: { module: string; config: SpeechDataConfig } | null;
  realProbability: number;
  /**
   * Real recordings drawn whatever their length: with this probability a real
   * draw is one of `items` (indices into the real source), uniformly, instead
   * of one about as long as the synthetic item. For recordings shorter than
   * nearly every synthetic item (FSDD's isolated digits, ~0.4 s), which the
   * length match almost never reaches. Absent: every real draw is matched by
   * length (and the draws are exactly those of the sources made before this option).
   */
  realAnyLength?: { probability: number; items: number[] };
}

/** The corpus entries of the given shards (all of them must be complete). */
export function readShards(splitDir: string, shards: number[]): CorpusEntry[] {
  return shards.flatMap((i) => readShardManifest(join(splitDir, shardName(i), 'manifest.jsonl')));
}

/** Index of the sorted `lengths` nearest to `frames` (binary search). */
export function nearestByLength(lengths: readonly number[], frames: number): number {
  let lo = 0;
  let hi = lengths.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lengths[mid] < frames) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && frames - lengths[lo - 1] < lengths[lo] - frames) return lo - 1;
  return lo;
}

export async function createDataSource(config: MixedDataConfig): Promise<DataSource> {
  const entries = readShards(config.synthetic.splitDir, config.synthetic.shards);
  const stack = config.frontEnd.stack;
  const targets = entries.map((e) => {
    try {
      return encodeText(e.text, config.alphabet);
    } catch (err) {
      throw new RangeError(`${e.audio_filepath} at ${e.offset} s: ${(err as Error).message}`);
    }
  });
  const files = new Map<string, Buffer>();
  const file = (path: string) => {
    let bytes = files.get(path);
    if (!bytes) {
      bytes = readFileSync(path);
      files.set(path, bytes);
    }
    return bytes;
  };
  const real = config.real
    ? await (
        (await import(config.real.module)) as { createDataSource: CreateDataSource }
      ).createDataSource(config.real.config)
    : null;
  // Real items ordered by length, to find one about as long as a synthetic item.
  const realOrder = real
    ? Array.from({ length: real.size }, (_, i) => i).sort((a, b) => real.frames(a) - real.frames(b))
    : [];
  const realLengths = realOrder.map((i) => real!.frames(i));
  const frames = (i: number) => Math.max(1, Math.ceil(entries[i].features.frames / stack));
  return {
    size: entries.length,
    frames,
    item(i: number, rng: Rng | null): DataItem | Promise<DataItem> {
      if (rng && real && realOrder.length && rng.next() < config.realProbability) {
        const any = config.realAnyLength;
        if (any && any.items.length && rng.next() < any.probability)
          return real.item(any.items[Math.floor(rng.next() * any.items.length)], rng);
        // One of the 16 real recordings nearest in length to item i.
        const at = nearestByLength(realLengths, frames(i));
        const lo = Math.max(0, at - 8);
        const hi = Math.min(realOrder.length, lo + 16);
        return real.item(realOrder[lo + Math.floor(rng.next() * (hi - lo))], rng);
      }
      const e = entries[i];
      const { dim, frames: T } = e.features;
      const data = readEntryFeatures(e, file(e.features.file));
      if (rng && config.specAugment)
        specAugment({ data, frames: T, dim }, () => rng.next(), config.specAugment);
      if (T === 0) return { x: new Float32Array(dim * stack), T: 1, target: targets[i] };
      const { x, T: stacked } = stackFrames(data, T, dim, stack);
      return { x, T: stacked, target: targets[i] };
    },
  };
}
