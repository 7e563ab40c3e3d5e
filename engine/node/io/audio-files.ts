import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { writeFileAtomic } from './write-atomic';
import {
  AudioFormatError,
  decodeAudio,
  decodeRawPcm,
  decodeWav,
  encodeWav16,
  parseRawFormat,
  type Audio16k,
  type DecodeAudioOptions,
  type DecodedAudio,
} from '../../audio/index';

/** `raw`: the headerless PCM layout, e.g. `s16be:16000` (CMU AN4); required for .raw/.pcm files. */
export type ReadAudioOptions = DecodeAudioOptions;

/** A file's audio as the recognizer wants it: 16 kHz mono in [-1, 1]. */
export type AudioFile = Audio16k;

/** A file that could not be read or decoded; the message starts with the path. */
export class AudioFileError extends Error {
  constructor(
    readonly path: string,
    /** The message without the path. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'AudioFileError';
  }
}

const RAW_EXTENSIONS = new Set(['.raw', '.pcm', '.sph16']);

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, expected an audio file'
          : (err as Error).message;
    throw new AudioFileError(path, reason);
  }
}

/**
 * Runs a decoder on a file's bytes (read here unless given, e.g. sent by a
 * job queue), turning format errors into errors that name the file.
 */
function decodeFile<T>(
  path: string,
  options: ReadAudioOptions,
  decode: (bytes: Uint8Array) => T,
  given?: Uint8Array,
): T {
  const bytes = given ?? readBytes(path);
  try {
    if (options.raw === undefined && RAW_EXTENSIONS.has(extname(path).toLowerCase())) {
      throw new AudioFormatError(
        'headerless raw PCM: say its layout with --raw ENCODING:RATE (CMU AN4 files are --raw s16be:16000)',
      );
    }
    return decode(bytes);
  } catch (err) {
    if (err instanceof AudioFormatError) throw new AudioFileError(path, err.message);
    throw err;
  }
}

/**
 * Decodes a file without resampling (for durations and tools that need the
 * source rate); `bytes`: its contents when they were read elsewhere.
 */
export function decodeAudioFile(
  path: string,
  options: ReadAudioOptions = {},
  bytes?: Uint8Array,
): DecodedAudio {
  return decodeFile(
    path,
    options,
    (data) => {
      if (options.raw === undefined) return decodeWav(data);
      return decodeRawPcm(
        data,
        typeof options.raw === 'string' ? parseRawFormat(options.raw) : options.raw,
      );
    },
    bytes,
  );
}

/**
 * Reads a WAV (or raw PCM with `raw`) file as 16 kHz mono; errors name the
 * file; `bytes`: its contents when they were read elsewhere.
 */
export function readAudioFile(
  path: string,
  options: ReadAudioOptions = {},
  bytes?: Uint8Array,
): AudioFile {
  return decodeFile(path, options, (data) => decodeAudio(data, options), bytes);
}

/** Writes mono samples as a 16-bit PCM WAV, atomically. */
export function writeWavFile(path: string, samples: Float32Array, sampleRate: number): void {
  writeFileAtomic(path, encodeWav16(samples, sampleRate));
}
