// The user's own datasets under VERBATIM_HOME/datasets/<name>/:
//   dataset.json     { kind: "speech" | "ink", created, title? }
//   manifest.jsonl   one sample a line (NeMo-style, paths relative to the folder)
//   audio/*.wav      16 kHz 16-bit mono     ink/*.inkml   one labelled ink each
//   .trash/          files of deleted samples, until the session's undo is gone
// Every manifest change is read-modify-write under a lock file and written
// atomically (temp + rename), so the CLI and the app can share a dataset.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { Ink } from '../../../ink/ink';
import { isModelKind, modalityOf } from '../../../modality/index';
import { writeWavFile } from '../../io/audio-files';
import { writeFileAtomic } from '../../io/write-atomic';
import { writeInkFile } from '../../io/ink-files';
import { verbatimHome } from '../models/model-store';
import { withFileLock } from './dataset-lock';
import {
  PartialWavWriter,
  recoverPartialWavs,
  type RecoveredRecording,
} from '../../io/datasets/partial-wav';

export type DatasetKind = 'speech' | 'ink';
export const SAMPLE_STATUSES = ['unlabelled', 'labelled', 'verified'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/** One manifest line. Exactly one of audio_filepath / ink_filepath is set (relative to the dataset). */
export interface DatasetSample {
  id: string;
  audio_filepath?: string;
  ink_filepath?: string;
  /** Seconds (of audio, or of writing when the ink has times; else 0). */
  duration: number;
  text: string;
  speaker?: string;
  writer?: string;
  status: SampleStatus;
  created: string;
}

export interface DatasetInfo {
  /** The folder's name: a safe id for commands and paths. */
  name: string;
  /** What people call it (may hold spaces); the name when none was given. */
  title: string;
  kind: DatasetKind;
  dir: string;
  samples: number;
  created: string;
  /** The manifest's version: changes with every write (see Dataset.snapshot). */
  version: string;
}

/** A failed write, with what to do about it; what was on disk before is untouched. */
export class DatasetWriteError extends Error {
  constructor(path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why =
      code === 'ENOSPC'
        ? 'the disk is full; free some space and try again'
        : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
          ? 'the folder is read-only; choose a writable VERBATIM_HOME or fix its permissions'
          : ((cause as Error)?.message ?? String(cause));
    super(`Cannot write ${path}: ${why}. Nothing already saved was lost.`);
    this.name = 'DatasetWriteError';
  }
}

function guardWrite<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code && ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT'].includes(code))
      throw new DatasetWriteError(path, err);
    throw err;
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function datasetsRoot(): string {
  return join(verbatimHome(), 'datasets');
}

export function checkDatasetName(name: string, what = 'dataset'): string {
  if (!NAME.test(name) || name.includes('..'))
    throw new Error(
      `"${name}" is not a usable ${what} name: use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  return name;
}

const TITLE_MAX = 64;

/** A dataset's display name: 1–64 characters, no slashes or control characters. */
export function checkDatasetTitle(title: string): string {
  const t = title.trim();
  // eslint-disable-next-line no-control-regex
  if (!t || t.length > TITLE_MAX || /[\\/\u0000-\u001f\u007f]/.test(t))
    throw new Error(
      `"${title}" is not a usable dataset name: use 1–${TITLE_MAX} characters without slashes`,
    );
  return t;
}

/** The folder name for a title: the title itself when it is already safe, else a slug of it. */
function datasetId(title: string, root: string): string {
  if (NAME.test(title) && !title.includes('..')) return title;
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[^A-Za-z0-9]+|-+$/g, '')
      .slice(0, 58) || 'dataset';
  let id = slug;
  for (let n = 2; existsSync(join(root, id)); n++) id = `${slug}-${n}`;
  return id;
}

export function listDatasets(root = datasetsRoot()): DatasetInfo[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'dataset.json')))
    .map((e) => new Dataset(join(root, e.name)).info())
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Creates a dataset called `name`, which may hold spaces ("Anna's digits"): its
 * folder is the name when that is a safe id, else a slug of it ("Anna-s-digits").
 */
export function createDataset(name: string, kind: DatasetKind, root = datasetsRoot()): Dataset {
  const title = checkDatasetTitle(name);
  const taken = (t: string) => t.toLowerCase() === title.toLowerCase();
  if (
    existsSync(join(root, title, 'dataset.json')) ||
    listDatasets(root).some((d) => taken(d.title) || taken(d.name))
  )
    throw new Error(`a dataset named "${title}" exists`);
  const id = datasetId(title, root);
  const dir = join(root, id);
  const meta = { kind, created: new Date().toISOString(), ...(id !== title ? { title } : {}) };
  guardWrite(dir, () => {
    mkdirSync(join(dir, modalityOf(kind).sampleFolder), { recursive: true });
    writeFileAtomic(join(dir, 'manifest.jsonl'), '');
    writeFileAtomic(join(dir, 'dataset.json'), `${JSON.stringify(meta)}\n`);
  });
  return new Dataset(dir);
}

/** A dataset by name (under datasetsRoot), by title, or by folder path. */
export function openDataset(nameOrDir: string, root = datasetsRoot()): Dataset {
  const dir =
    NAME.test(nameOrDir) && existsSync(join(root, nameOrDir))
      ? join(root, nameOrDir)
      : (listDatasets(root).find((d) => d.title === nameOrDir)?.dir ?? resolve(nameOrDir));
  if (!existsSync(join(dir, 'dataset.json')))
    throw new Error(
      `no dataset "${nameOrDir}" (expected ${join(root, nameOrDir)} or a folder with dataset.json)`,
    );
  return new Dataset(dir);
}

/** Removes a whole dataset folder. */
export function deleteDataset(name: string, root = datasetsRoot()): void {
  rmSync(join(root, checkDatasetName(name)), { recursive: true, force: true });
}

function parseSamples(text: string, source: string): DatasetSample[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as DatasetSample;
      } catch {
        throw new Error(`${source}:${n}: not valid JSON; fix or remove the line`);
      }
    });
}

/** A manifest's version: its modification time and size ("none" when it is missing). */
function manifestVersion(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}-${stat.size}` : 'none';
}

/**
 * The last few manifests parsed, by path, with the version they were read at
 * (taken before reading, so a write in between only causes one more read).
 * Parsing 100,000 samples takes about half a second: the app's page queries
 * and edits of a big dataset read it once per change instead of per call.
 * Samples are frozen: the cached objects are shared with every caller.
 */
const parsedManifests = new Map<
  string,
  { version: string; samples: readonly Readonly<DatasetSample>[] }
>();
const PARSED_MANIFESTS_KEPT = 4;

function keepParsed(path: string, version: string, samples: DatasetSample[]) {
  for (const s of samples) Object.freeze(s);
  parsedManifests.delete(path);
  parsedManifests.set(path, { version, samples });
  for (const old of parsedManifests.keys()) {
    if (parsedManifests.size <= PARSED_MANIFESTS_KEPT) break;
    parsedManifests.delete(old);
  }
}

/** A token that undoes a delete (see Dataset.remove / restore). */
export interface DeletedSample {
  sample: DatasetSample;
  index: number;
  trashed: string | null;
}

let counter = 0;
/** Time-ordered, collision-free within a process and across processes (pid). */
export function newId(): string {
  counter = (counter + 1) % 1e6;
  return `${Date.now().toString(36)}-${process.pid.toString(36)}-${counter.toString(36)}`;
}

export class Dataset {
  readonly dir: string;
  readonly kind: DatasetKind;
  readonly created: string;
  readonly title: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    const meta = JSON.parse(readFileSync(join(this.dir, 'dataset.json'), 'utf8')) as {
      kind: DatasetKind;
      created: string;
      title?: unknown;
    };
    if (!isModelKind(meta.kind))
      throw new Error(`${this.dir}/dataset.json: kind must be "speech" or "ink"`);
    this.kind = meta.kind;
    this.created = meta.created;
    this.title = typeof meta.title === 'string' && meta.title.trim() ? meta.title : this.name;
  }

  get name(): string {
    return this.dir.split(/[\\/]/).pop()!;
  }

  get manifestPath(): string {
    return join(this.dir, 'manifest.jsonl');
  }

  info(): DatasetInfo {
    return {
      name: this.name,
      title: this.title,
      kind: this.kind,
      dir: this.dir,
      samples: this.count(),
      created: this.created,
      version: manifestVersion(this.manifestPath),
    };
  }

  /** How many samples the manifest holds: its non-blank lines, without parsing them (listings of big datasets). */
  count(): number {
    const path = this.manifestPath;
    const known = parsedManifests.get(path);
    if (known && known.version === manifestVersion(path)) return known.samples.length;
    if (!existsSync(path)) return 0;
    let n = 0;
    for (const line of readFileSync(path, 'utf8').split('\n')) if (line.trim()) n++;
    return n;
  }

  /** The samples, in a list of the caller's own (the samples themselves are frozen). */
  samples(): DatasetSample[] {
    return [...this.snapshot().samples];
  }

  /**
   * The samples as the manifest holds them now, and its version (which
   * changes with every write): parsed once per version. Read-only: the same
   * array and (frozen) samples are given to every caller until the next change.
   */
  snapshot(): { version: string; samples: readonly Readonly<DatasetSample>[] } {
    const path = this.manifestPath;
    const version = manifestVersion(path);
    const known = parsedManifests.get(path);
    if (known?.version === version) return known;
    if (version === 'none') return { version, samples: [] };
    const samples = parseSamples(readFileSync(path, 'utf8'), path);
    keepParsed(path, version, samples);
    return { version, samples };
  }

  /** Absolute path of a sample's audio or ink file. */
  fileOf(sample: DatasetSample): string {
    return join(this.dir, (sample.audio_filepath ?? sample.ink_filepath)!);
  }

  /** Read-modify-write of the manifest under the dataset's lock; atomic. */
  update<T>(change: (samples: DatasetSample[]) => T): T {
    return guardWrite(this.manifestPath, () =>
      withFileLock(join(this.dir, 'manifest.lock'), () => {
        const samples = this.samples();
        const result = change(samples);
        writeFileAtomic(
          this.manifestPath,
          samples.map((s) => JSON.stringify(s)).join('\n') + (samples.length ? '\n' : ''),
        );
        // still under the lock: no other writer can have changed it since
        keepParsed(this.manifestPath, manifestVersion(this.manifestPath), samples);
        return result;
      }),
    );
  }

  get(id: string): DatasetSample {
    const sample = this.samples().find((s) => s.id === id);
    if (!sample) throw new Error(`no sample "${id}" in dataset ${this.name}`);
    return sample;
  }

  add(samples: DatasetSample[]): void {
    this.update((all) => void all.push(...samples));
  }

  /** Changes a sample's text / status / speaker; an edited text becomes "labelled" unless a status is given. */
  edit(
    id: string,
    patch: Partial<Pick<DatasetSample, 'text' | 'status' | 'speaker' | 'writer'>>,
  ): DatasetSample {
    return this.update((all) => {
      const i = all.findIndex((s) => s.id === id);
      if (i < 0) throw new Error(`no sample "${id}" in dataset ${this.name}`);
      const next = { ...all[i], ...patch };
      if (patch.text !== undefined && patch.status === undefined && next.status !== 'verified')
        next.status = next.text.trim() ? 'labelled' : 'unlabelled';
      all[i] = next;
      return next;
    });
  }

  /** Deletes a sample; its file goes to .trash/ so `restore` can bring it back. */
  remove(id: string): DeletedSample {
    return this.update((all) => {
      const index = all.findIndex((s) => s.id === id);
      if (index < 0) throw new Error(`no sample "${id}" in dataset ${this.name}`);
      const [sample] = all.splice(index, 1);
      const file = this.fileOf(sample);
      let trashed: string | null = null;
      if (existsSync(file)) {
        mkdirSync(join(this.dir, '.trash'), { recursive: true });
        trashed = join(this.dir, '.trash', `${sample.id}-${file.split(/[\\/]/).pop()}`);
        renameSync(file, trashed);
      }
      return { sample, index, trashed };
    });
  }

  /** Undoes a `remove` (the sample returns to its place). */
  restore(deleted: DeletedSample): DatasetSample {
    return this.update((all) => {
      if (deleted.trashed) {
        if (!existsSync(deleted.trashed))
          throw new Error(`the deleted file of "${deleted.sample.id}" is gone from .trash`);
        renameSync(deleted.trashed, this.fileOf(deleted.sample));
      }
      all.splice(Math.min(deleted.index, all.length), 0, deleted.sample);
      return deleted.sample;
    });
  }

  /** Empties .trash/ (the end of a session: deletes become final). */
  purgeTrash(): void {
    rmSync(join(this.dir, '.trash'), { recursive: true, force: true });
  }

  private newSample(
    file: { audio_filepath: string } | { ink_filepath: string },
    duration: number,
    text: string,
    who: { speaker?: string; writer?: string },
    created = new Date().toISOString(),
  ): DatasetSample {
    const id = (('audio_filepath' in file ? file.audio_filepath : file.ink_filepath) ?? '')
      .split('/')
      .pop()!
      .replace(/\.[^.]+$/, '');
    return {
      id,
      ...file,
      duration: Math.round(duration * 1e4) / 1e4,
      text,
      ...(who.speaker ? { speaker: who.speaker } : {}),
      ...(who.writer ? { writer: who.writer } : {}),
      status: text.trim() ? 'labelled' : 'unlabelled',
      created,
    };
  }

  private requireKind(kind: DatasetKind) {
    if (this.kind !== kind)
      throw new Error(`dataset ${this.name} holds ${this.kind}; it cannot take ${kind} samples`);
  }

  /** Adds a finished recording (16 kHz mono samples). */
  addAudio(samples: Float32Array, text: string, speaker?: string, sampleRate = 16000) {
    const sample = this.writeAudio(samples, text, speaker, sampleRate);
    this.add([sample]);
    return sample;
  }

  /** Writes the audio file of a new sample without adding it to the manifest (batch imports). */
  writeAudio(samples: Float32Array, text: string, speaker?: string, sampleRate = 16000) {
    this.requireKind('speech');
    const rel = `audio/${newId()}.wav`;
    guardWrite(join(this.dir, rel), () => writeWavFile(join(this.dir, rel), samples, sampleRate));
    return this.newSample({ audio_filepath: rel }, samples.length / sampleRate, text, { speaker });
  }

  /** Starts a recording streamed to disk; `finishRecording` turns it into a sample. */
  startRecording(text: string, speaker?: string, sampleRate = 16000): PartialWavWriter {
    this.requireKind('speech');
    const path = join(this.dir, 'audio', `${newId()}.wav`);
    return guardWrite(
      path,
      () =>
        new PartialWavWriter(path, sampleRate, {
          text,
          speaker,
          created: new Date().toISOString(),
        }),
    );
  }

  finishRecording(writer: PartialWavWriter, text: string, speaker?: string): DatasetSample {
    const seconds = guardWrite(writer.wavPath, () => writer.close());
    const rel = `audio/${writer.wavPath.split(/[\\/]/).pop()}`;
    const sample = this.newSample({ audio_filepath: rel }, seconds, text, { speaker });
    this.add([sample]);
    return sample;
  }

  /** Repairs recordings cut off by a crash and adds them to the manifest (unverified). */
  recoverRecordings(): DatasetSample[] {
    // Only recordings are written incrementally (an ink folder holds no partial WAVs).
    const recovered: RecoveredRecording[] = recoverPartialWavs(
      join(this.dir, modalityOf(this.kind).sampleFolder),
    );
    const samples = recovered.map((r) =>
      this.newSample(
        { audio_filepath: `audio/${r.wavPath.split(/[\\/]/).pop()}` },
        r.seconds,
        r.meta?.text ?? '',
        { speaker: r.meta?.speaker },
        r.meta?.created,
      ),
    );
    if (samples.length) this.add(samples);
    return samples;
  }

  /** Adds a drawn sample, saved as InkML with its label. */
  addInk(ink: Ink, text: string, writer?: string): DatasetSample {
    const sample = this.writeInk(ink, text, writer);
    this.add([sample]);
    return sample;
  }

  /** Writes the InkML file of a new sample without adding it to the manifest (batch imports). */
  writeInk(ink: Ink, text: string, writer?: string): DatasetSample {
    this.requireKind('ink');
    const rel = `ink/${newId()}.inkml`;
    guardWrite(join(this.dir, rel), () =>
      writeInkFile(join(this.dir, rel), [
        { ink, label: text, annotations: writer ? { writer } : undefined },
      ]),
    );
    const times = ink.strokes.flatMap((s) => s.points.map((p) => p.t ?? 0));
    const duration = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
    return this.newSample({ ink_filepath: rel }, duration, text, { writer });
  }
}
