/**
 * On-disk layout of the broad English corpus, and resuming it.
 *
 *   ROOT/corpus.json                  front end and generator settings (must match to resume)
 *   ROOT/<split>/shard-000042/audio.wav        the shard's utterances back to back, 16 kHz
 *   ROOT/<split>/shard-000042/features.i16     their log-mel features, int16 (value × FEATURE_SCALE)
 *   ROOT/<split>/shard-000042/manifest.jsonl   NeMo-style entries (audio_filepath, offset, duration, text)
 *
 * A shard is complete when its manifest exists: it is written last, atomically,
 * so an interrupted shard has none and is made again from its seed.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav16 } from '../../engine/index';
import { writeFileAtomic } from '../../engine/node/index';
import { FEATURE_SCALE, readShardManifest, shardName, type CorpusEntry } from './shard-format';

export { FEATURE_SCALE, readEntryFeatures, shardName, type CorpusEntry } from './shard-format';

/** Indices of the complete shards of a split, ascending. */
export function completeShards(splitDir: string): number[] {
  if (!existsSync(splitDir)) return [];
  return readdirSync(splitDir)
    .map((name) => /^shard-(\d{6})$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => existsSync(join(splitDir, m[0], 'manifest.jsonl')))
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The shards still to make to have `count` shards: the missing indices below count. */
export function missingShards(splitDir: string, count: number): number[] {
  const done = new Set(completeShards(splitDir));
  return Array.from({ length: count }, (_, i) => i).filter((i) => !done.has(i));
}

/** Shards 0…count−1 of a split, all of which must be complete; else an error ending with `hint` (what to run). */
export function requireShards(splitDir: string, count: number, hint: string): number[] {
  const missing = missingShards(splitDir, count);
  if (missing.length)
    throw new Error(
      `${splitDir} lacks ${missing.length} of ${count} shards (first: ${missing[0]}); ${hint}`,
    );
  return Array.from({ length: count }, (_, i) => i);
}

/** A per-shard seed: the same (seed, split, index) always gives the same shard. */
export function shardSeed(seed: number, split: string, index: number): number {
  let h = 2166136261 ^ seed;
  for (const c of `${split}/${index}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

export interface RenderedUtterance {
  samples: Float32Array;
  /** Features [frames, dim], row-major, already normalised. */
  features: Float32Array;
  frames: number;
  dim: number;
  entry: Omit<CorpusEntry, 'audio_filepath' | 'offset' | 'duration' | 'features'>;
}

/** Collects one shard's utterances in memory and writes it (audio, features, manifest last). */
export class ShardWriter {
  private utterances: RenderedUtterance[] = [];
  constructor(
    readonly dir: string,
    readonly sampleRate = 16000,
  ) {}

  add(u: RenderedUtterance): void {
    this.utterances.push(u);
  }

  get count(): number {
    return this.utterances.length;
  }

  /** Writes the shard and returns its entries. */
  finish(): CorpusEntry[] {
    mkdirSync(this.dir, { recursive: true });
    const totalSamples = this.utterances.reduce((s, u) => s + u.samples.length, 0);
    const audio = new Float32Array(totalSamples);
    const totalValues = this.utterances.reduce((s, u) => s + u.features.length, 0);
    const features = new Int16Array(totalValues);
    const entries: CorpusEntry[] = [];
    const audioPath = join(this.dir, 'audio.wav');
    let sample = 0;
    let value = 0;
    let frame = 0;
    for (const u of this.utterances) {
      audio.set(u.samples, sample);
      for (let i = 0; i < u.features.length; i++) {
        features[value + i] = Math.max(
          -32768,
          Math.min(32767, Math.round(u.features[i] * FEATURE_SCALE)),
        );
      }
      entries.push({
        audio_filepath: audioPath,
        offset: sample / this.sampleRate,
        duration: u.samples.length / this.sampleRate,
        ...u.entry,
        features: { file: join(this.dir, 'features.i16'), frame, frames: u.frames, dim: u.dim },
      });
      sample += u.samples.length;
      value += u.features.length;
      frame += u.frames;
    }
    writeFileAtomic(audioPath, encodeWav16(audio, this.sampleRate));
    writeFileAtomic(
      join(this.dir, 'features.i16'),
      new Uint8Array(features.buffer, features.byteOffset, features.byteLength),
    );
    writeFileAtomic(
      join(this.dir, 'manifest.jsonl'),
      entries.map((e) => JSON.stringify(e)).join('\n') + '\n',
    );
    return entries;
  }
}

/** The entries of every complete shard of a split. */
export function readSplit(splitDir: string): CorpusEntry[] {
  return completeShards(splitDir).flatMap((i) => {
    return readShardManifest(join(splitDir, shardName(i), 'manifest.jsonl'));
  });
}

/** Hours of audio in these entries. */
export const hours = (entries: { duration: number }[]) =>
  entries.reduce((s, e) => s + e.duration, 0) / 3600;
