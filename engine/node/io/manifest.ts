import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readAudioFile, type AudioFile } from './audio-files';
import { writeFileAtomic } from './write-atomic';

/**
 * One utterance of a NeMo-style speech manifest (one JSON object per line).
 * `format` marks headerless audio (`s16be:16000` for CMU AN4) for readers.
 */
export interface ManifestEntry {
  audio_filepath: string;
  /** Seconds. */
  duration: number;
  /** Lower-case words. */
  text: string;
  speaker?: string;
  format?: string;
}

/** A manifest line that is not a valid entry; the message says file, line and what is wrong. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Parses JSONL text; blank lines are skipped, unknown fields kept. */
export function parseManifest(text: string, source = 'manifest'): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new ManifestError(
        `${where}: not valid JSON (${(err as Error).message}); expected one object per line`,
      );
    }
    entries.push(checkEntry(value, where));
  }
  return entries;
}

function checkEntry(value: unknown, where: string): ManifestEntry {
  const expected = 'expected {"audio_filepath": string, "duration": seconds, "text": string}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${where}: not a JSON object; ${expected}`);
  }
  const e = value as Record<string, unknown>;
  if (typeof e.audio_filepath !== 'string' || e.audio_filepath === '') {
    throw new ManifestError(`${where}: "audio_filepath" missing or not a string; ${expected}`);
  }
  if (typeof e.duration !== 'number' || !Number.isFinite(e.duration) || e.duration < 0) {
    throw new ManifestError(`${where}: "duration" must be a number of seconds ≥ 0; ${expected}`);
  }
  if (typeof e.text !== 'string')
    throw new ManifestError(`${where}: "text" missing or not a string; ${expected}`);
  for (const key of ['speaker', 'format'] as const) {
    if (e[key] !== undefined && typeof e[key] !== 'string') {
      throw new ManifestError(`${where}: "${key}" must be a string`);
    }
  }
  return e as unknown as ManifestEntry;
}

export function serializeManifest(entries: readonly ManifestEntry[]): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
}

export function readManifest(path: string): ManifestEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ManifestError(
      `${path}: ${code === 'ENOENT' ? 'manifest not found' : (err as Error).message}`,
    );
  }
  return parseManifest(text, path);
}

/** Writes the manifest atomically (temp file + rename). */
export function writeManifest(path: string, entries: readonly ManifestEntry[]): void {
  writeFileAtomic(path, serializeManifest(entries));
}

/** An entry's audio path, resolved against the manifest's folder when relative. */
export function resolveAudioPath(manifestPath: string, entry: ManifestEntry): string {
  return isAbsolute(entry.audio_filepath)
    ? entry.audio_filepath
    : resolve(dirname(manifestPath), entry.audio_filepath);
}

/** An entry's audio as 16 kHz mono; its `format` (e.g. `s16be:16000` for AN4) says how to read headerless files. */
export function readEntryAudio(manifestPath: string, entry: ManifestEntry): AudioFile {
  return readAudioFile(resolveAudioPath(manifestPath, entry), { raw: entry.format });
}
