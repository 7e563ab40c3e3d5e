import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  AudioFormatError,
  decodeRawPcm,
  decodeWav,
  encodeWav16,
  parseRawFormat,
  resample,
  TARGET_SAMPLE_RATE,
  type DecodedAudio,
  type RawPcmFormat,
} from '../audio/index';

export interface ReadAudioOptions {
  /** Headerless PCM layout, e.g. `s16be:16000` (CMU AN4); required for .raw/.pcm files. */
  raw?: string | RawPcmFormat;
}

/** A file's audio as the recognizer wants it: 16 kHz mono in [-1, 1]. */
export interface AudioFile {
  samples: Float32Array;
  sampleRate: 16000;
  /** Seconds. */
  duration: number;
  /** What the file held before mixing down and resampling. */
  source: { sampleRate: number; channels: number; encoding: string };
}

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

/** Decodes a file without resampling (for durations and tools that need the source rate). */
export function decodeAudioFile(path: string, options: ReadAudioOptions = {}): DecodedAudio {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
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
  try {
    if (options.raw !== undefined) {
      const format = typeof options.raw === 'string' ? parseRawFormat(options.raw) : options.raw;
      return decodeRawPcm(bytes, format);
    }
    if (RAW_EXTENSIONS.has(extname(path).toLowerCase())) {
      throw new AudioFormatError(
        'headerless raw PCM: say its layout with --raw ENCODING:RATE (CMU AN4 files are --raw s16be:16000)',
      );
    }
    return decodeWav(bytes);
  } catch (err) {
    if (err instanceof AudioFormatError) throw new AudioFileError(path, err.message);
    throw err;
  }
}

/** Reads a WAV (or raw PCM with `raw`) file as 16 kHz mono; errors name the file. */
export function readAudioFile(path: string, options: ReadAudioOptions = {}): AudioFile {
  const audio = decodeAudioFile(path, options);
  const samples =
    audio.sampleRate === TARGET_SAMPLE_RATE
      ? audio.samples
      : resample(audio.samples, audio.sampleRate, TARGET_SAMPLE_RATE);
  return {
    samples,
    sampleRate: TARGET_SAMPLE_RATE,
    duration: samples.length / TARGET_SAMPLE_RATE,
    source: { sampleRate: audio.sampleRate, channels: audio.channels, encoding: audio.encoding },
  };
}

/** Writes a temporary file beside `path`, then renames it over `path` (never a half-written file). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Writes mono samples as a 16-bit PCM WAV, atomically. */
export function writeWavFile(path: string, samples: Float32Array, sampleRate: number): void {
  writeFileAtomic(path, encodeWav16(samples, sampleRate));
}
