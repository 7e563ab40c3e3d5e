// Moving datasets in and out of the store, with progress and cancellation:
// exports to NeMo JSONL, a Kaldi data folder and InkML; imports from every
// speech importer (wav folder, NeMo, FSDD, AN4, Speech Commands) and from
// InkML / UNIPEN files. The work yields to the event loop between items so
// the app stays responsive and a cancel is seen promptly.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { InkItem } from '../../../ink/ink';
import { describeUnipenSkip } from '../../../ink/unipen-file';
import { readAudioFile } from '../../io/audio-files';
import { writeFileAtomic } from '../../io/write-atomic';
import { readInkFile, writeInkFile } from '../../io/ink-files';
import { resolveAudioPath } from '../../io/manifest';
import { filesUnder } from '../../io/list-files';
import { UnipenReader } from '../../io/unipen-files';
import type { Dataset, DatasetKind, DatasetSample } from './dataset-store';
import type { ImportFailure } from './speech-import';
import { speechImporters } from '../../io/datasets/speech-importers';

export interface TransferOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export class TransferCancelled extends Error {
  constructor(what: string) {
    super(`${what} was cancelled; nothing was changed`);
    this.name = 'TransferCancelled';
  }
}

const breathe = () => new Promise<void>((r) => setImmediate(r));

/** Calls `each` for every item, reporting progress, yielding every few items, honouring the signal. */
async function forEach<T>(
  items: readonly T[],
  what: string,
  options: TransferOptions,
  each: (item: T, i: number) => void,
): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (options.signal?.aborted) throw new TransferCancelled(what);
    each(items[i], i);
    options.onProgress?.(i + 1, items.length);
    if (i % 8 === 7) await breathe();
  }
  if (options.signal?.aborted) throw new TransferCancelled(what);
}

export const EXPORT_FORMATS = {
  nemo: { kind: 'speech', summary: 'NeMo JSONL manifest (absolute audio paths)' },
  kaldi: { kind: 'speech', summary: 'Kaldi data folder: wav.scp, text, utt2spk, spk2utt' },
  inkml: { kind: 'ink', summary: 'one InkML file per sample, label and writer annotated' },
} as const satisfies Record<string, { kind: DatasetKind; summary: string }>;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export interface ExportResult {
  out: string;
  samples: number;
}

const labelled = (s: DatasetSample) => s.status !== 'unlabelled' && s.text.trim() !== '';

/** Kaldi wants utterance ids that sort with their speaker first. */
const kaldiId = (s: DatasetSample) => `${s.speaker || 'unknown'}-${s.id}`.replace(/\s+/g, '_');

/**
 * Exports the labelled samples of a dataset. A folder export is built beside
 * `out` and renamed into place, so a cancel or failure leaves nothing half-written.
 */
export async function exportDataset(
  dataset: Dataset,
  format: ExportFormat,
  out: string,
  options: TransferOptions = {},
): Promise<ExportResult> {
  const spec = EXPORT_FORMATS[format];
  if (!spec) throw new Error(`unknown export format "${format}"; expected nemo, kaldi or inkml`);
  if (spec.kind !== dataset.kind)
    throw new Error(
      `${format} exports ${spec.kind} datasets; ${dataset.name} holds ${dataset.kind}`,
    );
  out = resolve(out);
  const samples = dataset.samples().filter(labelled);
  const what = `export of ${dataset.name}`;
  if (format === 'nemo') {
    const lines: string[] = [];
    await forEach(samples, what, options, (s) => {
      lines.push(
        JSON.stringify({
          audio_filepath: dataset.fileOf(s),
          duration: s.duration,
          text: s.text,
          ...(s.speaker ? { speaker: s.speaker } : {}),
        }),
      );
    });
    writeFileAtomic(out, lines.map((l) => `${l}\n`).join(''));
    return { out, samples: samples.length };
  }
  const staging = join(dirname(out), `.${out.split(/[\\/]/).pop()}.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    if (format === 'kaldi') {
      const sorted = [...samples].sort((a, b) => (kaldiId(a) < kaldiId(b) ? -1 : 1));
      const scp: string[] = [];
      const text: string[] = [];
      const utt2spk: string[] = [];
      const spk2utt = new Map<string, string[]>();
      await forEach(sorted, what, options, (s) => {
        const id = kaldiId(s);
        const spk = (s.speaker || 'unknown').replace(/\s+/g, '_');
        scp.push(`${id} ${dataset.fileOf(s)}`);
        text.push(`${id} ${s.text}`);
        utt2spk.push(`${id} ${spk}`);
        spk2utt.set(spk, [...(spk2utt.get(spk) ?? []), id]);
      });
      const write = (name: string, lines: string[]) =>
        writeFileAtomic(join(staging, name), lines.map((l) => `${l}\n`).join(''));
      write('wav.scp', scp);
      write('text', text);
      write('utt2spk', utt2spk);
      write(
        'spk2utt',
        [...spk2utt].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} ${v.join(' ')}`),
      );
    } else {
      await forEach(samples, what, options, (s) => {
        const [item] = readInkFile(dataset.fileOf(s));
        const annotations = { ...item.annotations, ...(s.writer ? { writer: s.writer } : {}) };
        writeInkFile(join(staging, `${s.id}.inkml`), [
          { ink: item.ink, label: s.text, annotations },
        ]);
      });
    }
    if (existsSync(out)) {
      if (!statSync(out).isDirectory()) throw new Error(`${out} exists and is not a folder`);
      rmSync(out, { recursive: true });
    }
    renameSync(staging, out);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { out, samples: samples.length };
}

export const IMPORT_FORMATS: Record<string, { kind: DatasetKind; summary: string }> = {
  ...Object.fromEntries(
    Object.entries(speechImporters).map(([k, v]) => [k, { kind: 'speech', summary: v.summary }]),
  ),
  inkml: { kind: 'ink', summary: 'InkML files (a file or a folder of .inkml)' },
  unipen: { kind: 'ink', summary: 'UNIPEN segment files (.dat; a file or a folder)' },
};

export interface ImportResult {
  added: number;
  failures: ImportFailure[];
  /** What the tolerant UNIPEN reader left out of files it read (describeUnipenSkip); absent when nothing. */
  skipped?: string[];
}

/** What an import gathered: the samples written into the dataset, the sources that failed, the parts left out. */
interface Imported {
  added: DatasetSample[];
  failures: ImportFailure[];
  skipped: string[];
}

type Importer = (
  dataset: Dataset,
  format: string,
  source: string,
  options: TransferOptions & { what: string },
  into: Imported,
) => Promise<void>;

/** Recordings of a speech format, converted to 16 kHz WAV. */
const importSpeech: Importer = async (dataset, format, source, options, { added, failures }) => {
  const read = speechImporters[format].read(source);
  failures.push(...read.failures);
  // NeMo entries carry paths relative to their manifest; the importer made them absolute.
  await forEach(read.entries, options.what, options, (e) => {
    const path = resolveAudioPath(join(source, 'x'), e);
    try {
      const audio = readAudioFile(path, { raw: e.format });
      added.push(dataset.writeAudio(audio.samples, e.text, e.speaker));
    } catch (err) {
      failures.push({ path, error: (err as Error).message });
    }
  });
};

/** InkML or UNIPEN files, written as InkML. */
const importInk: Importer = async (
  dataset,
  format,
  source,
  options,
  { added, failures, skipped },
) => {
  const files = statSync(source).isDirectory()
    ? filesUnder(source, format === 'unipen' ? ['.dat'] : ['.inkml', '.xml'])
    : [source];
  // A bad point or segment of a UNIPEN file is left out and reported, the rest of the file comes
  // in; so is a whole file whose included pen data is not in the data (missing-include).
  const reader =
    format === 'unipen'
      ? UnipenReader.forPath(files[0] ?? source, undefined, {
          onSkip: (skip) => skipped.push(describeUnipenSkip(skip)),
        })
      : undefined;
  const items: (InkItem & { path: string })[] = [];
  for (const path of files) {
    try {
      items.push(...readInkFile(path, { unipenReader: reader }).map((it) => ({ ...it, path })));
    } catch (err) {
      if (!reader?.skippedMissingInclude(path, err))
        failures.push({ path, error: (err as Error).message });
    }
  }
  await forEach(items, options.what, options, (it) => {
    const writer = it.annotations?.writer;
    added.push(dataset.writeInk(it.ink, it.label ?? '', writer));
  });
};

const IMPORTERS: Record<DatasetKind, Importer> = { speech: importSpeech, ink: importInk };

/**
 * Copies a dataset in another format into `dataset` (audio converted to 16 kHz
 * WAV, ink to InkML). Added in one manifest update at the end; on cancel the
 * copied files are removed and the manifest is untouched.
 */
export async function importIntoDataset(
  dataset: Dataset,
  format: string,
  source: string,
  options: TransferOptions = {},
): Promise<ImportResult> {
  const spec = IMPORT_FORMATS[format];
  if (!spec)
    throw new Error(
      `unknown import format "${format}"; expected ${Object.keys(IMPORT_FORMATS).join(', ')}`,
    );
  if (spec.kind !== dataset.kind)
    throw new Error(`${format} holds ${spec.kind}; dataset ${dataset.name} holds ${dataset.kind}`);
  source = resolve(source);
  const imported: Imported = { added: [], failures: [], skipped: [] };
  try {
    await IMPORTERS[spec.kind](
      dataset,
      format,
      source,
      { ...options, what: `import of ${source}` },
      imported,
    );
  } catch (err) {
    for (const s of imported.added) rmSync(dataset.fileOf(s), { force: true });
    throw err;
  }
  dataset.add(imported.added);
  const { skipped } = imported;
  return {
    added: imported.added.length,
    failures: imported.failures,
    ...(skipped.length ? { skipped } : {}),
  };
}
