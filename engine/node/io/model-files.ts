import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kernels } from '../../kernels/kernels';
import {
  loadModel,
  ModelFormatError,
  saveModel,
  type LoadedModel,
  type ModelInfo,
} from '../../model/vbm';
import type { Network } from '../../nn/network';
import { writeFileAtomic } from './write-atomic';

/**
 * Saves a network as a `.vbm` file atomically (temp file + rename: never a
 * half-written model), creating its folder; returns the file's size in bytes.
 */
export function writeModelFile(path: string, network: Network, info: ModelInfo): number {
  const bytes = saveModel(network, info);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes);
  return bytes.length;
}

/** Reads and validates a `.vbm` file; a ModelFormatError names the file. */
export function readModelFile(path: string, options: { kernels?: Kernels } = {}): LoadedModel {
  const bytes = readFileSync(path);
  try {
    return loadModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  } catch (e) {
    if (e instanceof ModelFormatError) throw new ModelFormatError(`${path}: ${e.message}`);
    throw e;
  }
}
