/**
 * The parts of the corpus format a training worker reads (shards.ts has the
 * layout and the writer). Kept free of the engine's Node front door: a data
 * source runs inside training workers, where importing that front door would
 * also start the recognition host it exports.
 */
import { readFileSync } from 'node:fs';
import type { ManifestEntry } from '../../engine/node/index';
import type { RenderParams } from './params';
import type { TextKind } from './text';

/** Features are stored as round(value × FEATURE_SCALE), clamped to int16 (±16 after normalisation). */
export const FEATURE_SCALE = 2048;

export interface CorpusEntry extends ManifestEntry {
  /** Seconds into audio_filepath where the utterance starts (NeMo's field). */
  offset: number;
  kind: TextKind;
  engine: string;
  voice: string;
  family: string;
  /** What the synthesiser read, when not the text (a foreign voice's respelling). */
  spoken?: string;
  params: RenderParams;
  /** The utterance's rows in the shard's features file: first frame and count; `dim` values per frame. */
  features: { file: string; frame: number; frames: number; dim: number };
}

export const shardName = (index: number) => `shard-${String(index).padStart(6, '0')}`;

/** The entries of one shard's manifest, checked for the fields training reads. */
export function readShardManifest(path: string): CorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const e = JSON.parse(line) as CorpusEntry;
      if (typeof e.text !== 'string' || typeof e.features?.frames !== 'number')
        throw new Error(`${path}:${i + 1}: not a corpus entry (text and features expected)`);
      return e;
    });
}

/** Reads an entry's cached features back as floats [frames, dim]. */
export function readEntryFeatures(entry: CorpusEntry, file?: Buffer): Float32Array {
  const bytes = file ?? readFileSync(entry.features.file);
  const { frame, frames, dim } = entry.features;
  const values = new Int16Array(bytes.buffer, bytes.byteOffset + frame * dim * 2, frames * dim);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / FEATURE_SCALE;
  return out;
}
