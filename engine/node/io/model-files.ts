// The one place a `.vbm` file is read from disk (path → bytes → model), with
// one set of error messages: an unreadable file says so with its path, a bad
// one "PATH is not a usable Verbatim model: why" (readingModel).
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Kernels } from '../../kernels/kernels';
import {
  loadModel,
  modelHeaderLength,
  readingModel,
  readModelHeader,
  saveModel,
  type LoadedModel,
  type ModelHeader,
  type ModelInfo,
  type SaveOptions,
} from '../../model/vbm';
import type { Network } from '../../nn/network';
import {
  loadRecognizer,
  type Recognizer,
  type RecognizerOptions,
} from '../../recognize/recognizer';
import { writeFileAtomic } from './write-atomic';

/**
 * Saves a network as a `.vbm` file atomically (temp file + rename: never a
 * half-written model), creating its folder; returns the file's size in bytes.
 * `options.weights: 'float16'` stores the weights at half the size.
 */
export function writeModelFile(
  path: string,
  network: Network,
  info: ModelInfo,
  options: SaveOptions = {},
): number {
  const bytes = saveModel(network, info, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes);
  return bytes.length;
}

/** The bytes of a `.vbm` file, unchecked (to copy or ship; loading checks them). */
export function readModelBytes(path: string): Uint8Array {
  try {
    const bytes = readFileSync(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (err) {
    throw new Error(`cannot read model file ${path}: ${(err as Error).message}`);
  }
}

/** Reads and validates a `.vbm` file into its header and network. */
export function readModelFile(path: string, options: { kernels?: Kernels } = {}): LoadedModel {
  const bytes = readModelBytes(path);
  return readingModel(path, () => loadModel(bytes, options));
}

/** Reads a `.vbm` file as a recognizer (validated, CTC head). */
export function readRecognizerFile(path: string, options: RecognizerOptions = {}): Recognizer {
  const bytes = readModelBytes(path);
  return readingModel(path, () => loadRecognizer(bytes, options));
}

/**
 * The validated header of a `.vbm` file, read from the file's head only: no
 * weights are read and no network is built (model lists, details).
 */
export function readModelFileHeader(path: string): ModelHeader {
  let head: Uint8Array;
  try {
    const fd = openSync(path, 'r');
    try {
      const read = (length: number) => {
        const buffer = new Uint8Array(length);
        return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
      };
      // at most the file: a foreign file's "length" is refused by the header check
      head = read(Math.min(modelHeaderLength(read(12)), fstatSync(fd).size));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new Error(`cannot read model file ${path}: ${(err as Error).message}`);
  }
  return readingModel(path, () => readModelHeader(head));
}

/**
 * The identity of a model file's current contents for caches: its path, size
 * and modification time (a replaced file gets a new one).
 */
export function modelFileKey(path: string): string {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${path}@${mtimeMs}:${size}`;
  } catch (err) {
    throw new Error(`cannot read model file ${path}: ${(err as Error).message}`);
  }
}
