import { statSync } from 'node:fs';
import { AudioFileError, decodeAudioFile } from '../../io/audio-files';
import type { ManifestEntry } from '../../io/manifest';

/** A file an importer could not use, and why. */
export interface ImportFailure {
  path: string;
  error: string;
}

export interface SpeechImportResult {
  entries: ManifestEntry[];
  failures: ImportFailure[];
}

export interface SpeechImportOptions {
  /** Called as files are processed (done of total). */
  onProgress?: (done: number, total: number) => void;
}

/** Reads a speech dataset folder into manifest entries (sorted by path). */
export type SpeechImporter = (dir: string, options?: SpeechImportOptions) => SpeechImportResult;

/** Throws a clear error when `dir` is not an existing folder. */
export function requireFolder(dir: string, what: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new Error(`${dir}: folder not found; expected ${what}`);
  }
  if (!isDir) throw new Error(`${dir}: not a folder; expected ${what}`);
}

/** Runs `make` on each file, collecting entries and per-file failures. */
export function collectEntries(
  files: string[],
  make: (path: string) => ManifestEntry | undefined,
  options: SpeechImportOptions = {},
): SpeechImportResult {
  const entries: ManifestEntry[] = [];
  const failures: ImportFailure[] = [];
  files.forEach((path, i) => {
    try {
      const entry = make(path);
      if (entry) entries.push(entry);
    } catch (err) {
      const error =
        err instanceof AudioFileError
          ? err.reason
          : err instanceof Error
            ? err.message
            : String(err);
      failures.push({ path, error });
    }
    options.onProgress?.(i + 1, files.length);
  });
  return { entries, failures };
}

/** Durations in manifests are rounded to 0.1 ms. */
export const roundDuration = (seconds: number) => Math.round(seconds * 1e4) / 1e4;

/** The manifest entry of one audio file: decoded here to measure its duration. */
export function audioEntry(path: string, text: string, speaker: string): ManifestEntry {
  const audio = decodeAudioFile(path);
  return {
    audio_filepath: path,
    duration: roundDuration(audio.samples.length / audio.sampleRate),
    text,
    speaker,
  };
}
