// Studio: the user's datasets (engine/node/use-cases/datasets/dataset-store.ts) behind the
// API. This service is the app's single writer of a dataset (the store's lock
// also keeps the CLI out while it writes). Recordings stream to disk as they
// arrive; takes cut off by a crash are recovered when the service starts.
// Deletes are undoable until the app quits (the files wait in .trash/).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  type ApiArgs,
  type DatasetSummary,
  type StudioResponses,
  type StudioSample,
} from '../../src-common/api';
import {
  createDataset,
  type Dataset,
  type DatasetInfo,
  type DatasetSample,
  DatasetWriteError,
  type DeletedSample,
  exportDataset,
  type ExportFormat,
  importIntoDataset,
  listDatasets,
  openDataset,
  type PartialWavWriter,
  readInkFile,
  TransferCancelled,
  verbatimHome,
} from '../../engine/node/index';
import { indexSamples, samplePage, type SampleIndex } from '../../src-common/sample-page';
import type { EventBus } from './event-bus';
import { isUploadPath, removeUpload } from './files';

type Handler<M extends keyof StudioResponses> = (args: ApiArgs<M>) => Promise<StudioResponses[M]>;

export type StudioHandlers = {
  [
    M in Exclude<
      keyof StudioResponses,
      | 'startTraining'
      | 'cancelTraining'
      | 'resumeTraining'
      | 'listModelDetails'
      | 'setActiveModel'
      | 'renameModel'
      | 'deleteModel'
      | 'exportModel'
      | 'importModel'
    >
  ]: Handler<M>;
};

export function sampleInfo(ds: Dataset, s: DatasetSample): StudioSample {
  return {
    id: s.id,
    kind: ds.kind,
    text: s.text,
    status: s.status,
    speaker: s.speaker ?? '',
    writer: s.writer ?? '',
    duration: s.duration,
    created: s.created,
    file: (s.audio_filepath ?? s.ink_filepath)!,
  };
}

const summary = ({
  name,
  title,
  kind,
  samples,
  created,
  dir,
  version,
}: DatasetInfo): DatasetSummary => ({ name, title, kind, samples, created, dir, version });

/** Store errors become messages for the user (what happened, what to do). */
async function userErrors<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof DatasetWriteError) throw new ApiError('internal', err.message);
    const message = (err as Error).message ?? String(err);
    if (/^no (dataset|sample)/.test(message)) throw new ApiError('not-found', message);
    throw new ApiError('bad-request', message);
  }
}

interface Recording {
  dataset: Dataset;
  writer: PartialWavWriter;
  text: string;
  speaker: string;
  replaceId: string | null;
}

export interface StudioService {
  handlers: StudioHandlers;
  /** Ends the session: pending deletes become final, open takes are closed into the dataset. */
  dispose(): void;
}

export function createStudioService(options: { events: EventBus }): StudioService {
  const { events } = options;
  const recordings = new Map<string, Recording>();
  const undo = new Map<string, DeletedSample[]>();
  const tasks = new Map<string, AbortController>();
  const touched = new Set<Dataset>();
  // The Studio list's index of each parsed manifest version (the store keeps a
  // version's samples as one array until the manifest changes).
  const indexes = new WeakMap<readonly DatasetSample[], SampleIndex<DatasetSample>>();

  // Recover takes left by a crash before anything else touches the datasets.
  const recovered: StudioResponses['getStudioStatus']['recovered'] = [];
  for (const info of listDatasets()) {
    try {
      const ds = openDataset(info.dir);
      ds.purgeTrash(); // undo lasts one session; a crashed session's deletes are final
      for (const s of ds.recoverRecordings())
        recovered.push({ dataset: ds.name, id: s.id, text: s.text, seconds: s.duration });
    } catch {
      // an unreadable dataset is reported when opened; recovery of the others goes on
    }
  }

  const dataset = (name: string) => {
    try {
      return openDataset(name);
    } catch (err) {
      throw new ApiError('not-found', (err as Error).message);
    }
  };

  const runTask = (
    taskId: string,
    total: string,
    work: (signal: AbortSignal) => Promise<string>,
  ) => {
    const controller = new AbortController();
    tasks.set(taskId, controller);
    void work(controller.signal)
      .then(
        (message) => events.emit({ type: 'task', taskId, state: 'done', message }),
        (err: unknown) =>
          events.emit({
            type: 'task',
            taskId,
            state: err instanceof TransferCancelled ? 'cancelled' : 'failed',
            message: `${total}: ${(err as Error).message}`,
          }),
      )
      .finally(() => tasks.delete(taskId));
  };

  const handlers: StudioHandlers = {
    getStudioStatus: async () => ({ recovered }),
    listDatasets: async () => listDatasets().map(summary),
    createDataset: ({ name, kind }) => userErrors(() => summary(createDataset(name, kind).info())),
    listSamples: ({ dataset: name }) =>
      userErrors(() => {
        const ds = dataset(name);
        return ds.samples().map((s) => sampleInfo(ds, s));
      }),
    listSamplePage: ({ dataset: name, ...query }) =>
      userErrors(() => {
        const ds = dataset(name);
        const { version, samples } = ds.snapshot();
        let index = indexes.get(samples);
        if (!index) indexes.set(samples, (index = indexSamples(ds.kind, samples)));
        return samplePage(index, query, version, (s) => sampleInfo(ds, s));
      }),

    startRecording: ({ dataset: name, text, speaker, replaceId }) =>
      userErrors(() => {
        const ds = dataset(name);
        if (replaceId) ds.get(replaceId); // fail now rather than at stop
        const writer = ds.startRecording(text, speaker || undefined);
        const recordingId = crypto.randomUUID();
        recordings.set(recordingId, { dataset: ds, writer, text, speaker, replaceId });
        return { recordingId };
      }),
    pushRecording: ({ recordingId, samples }) =>
      userErrors(() => {
        const r = recordings.get(recordingId);
        if (!r) throw new ApiError('not-found', 'This recording was already stopped.');
        r.writer.append(samples);
        return { seconds: r.writer.seconds };
      }),
    stopRecording: ({ recordingId }) =>
      userErrors(() => {
        const r = recordings.get(recordingId);
        if (!r) throw new ApiError('not-found', 'This recording was already stopped.');
        recordings.delete(recordingId);
        const sample = r.dataset.finishRecording(r.writer, r.text, r.speaker || undefined);
        if (r.replaceId) {
          const deleted = r.dataset.remove(r.replaceId);
          undo.set(r.dataset.name, [...(undo.get(r.dataset.name) ?? []), deleted]);
        }
        touched.add(r.dataset);
        return sampleInfo(r.dataset, sample);
      }),
    cancelRecording: async ({ recordingId }) => {
      recordings.get(recordingId)?.writer.abort();
      recordings.delete(recordingId);
      return { cancelled: true as const };
    },

    saveInk: ({ dataset: name, text, writer, strokes }) =>
      userErrors(() => {
        const ds = dataset(name);
        const ink = {
          strokes: strokes.map((s) => ({
            points: s.points.map((p) => ({ x: p.x, y: p.y, t: p.t, pressure: p.p })),
          })),
        };
        return sampleInfo(ds, ds.addInk(ink, text, writer || undefined));
      }),

    updateSample: ({ dataset: name, id, text, status }) =>
      userErrors(() => {
        const ds = dataset(name);
        return sampleInfo(
          ds,
          ds.edit(id, { ...(text !== undefined ? { text } : {}), ...(status ? { status } : {}) }),
        );
      }),
    deleteSample: ({ dataset: name, id }) =>
      userErrors(() => {
        const ds = dataset(name);
        const deleted = ds.remove(id);
        undo.set(ds.name, [...(undo.get(ds.name) ?? []), deleted]);
        touched.add(ds);
        return sampleInfo(ds, deleted.sample);
      }),
    undoDelete: ({ dataset: name }) =>
      userErrors(() => {
        const ds = dataset(name);
        const last = undo.get(ds.name)?.pop();
        return last ? sampleInfo(ds, ds.restore(last)) : null;
      }),

    getSampleAudio: ({ dataset: name, id }) =>
      userErrors(() => {
        const ds = dataset(name);
        const bytes = readFileSync(ds.fileOf(ds.get(id)));
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        // our own files: canonical 44-byte header, 16-bit mono
        return {
          sampleRate: view.getUint32(24, true),
          pcm16: Buffer.from(bytes.subarray(44)).toString('base64'),
        };
      }),
    getSampleInk: ({ dataset: name, id }) =>
      userErrors(() => {
        const ds = dataset(name);
        const [item] = readInkFile(ds.fileOf(ds.get(id)));
        return {
          strokes: item.ink.strokes.map((s) => ({
            points: s.points.map((p) => ({ x: p.x, y: p.y, t: p.t ?? 0, p: p.pressure ?? 0.5 })),
          })),
        };
      }),

    importDataset: ({ dataset: name, format, source }) =>
      userErrors(() => {
        const ds = dataset(name);
        if (!existsSync(source))
          throw new ApiError(
            'bad-request',
            isUploadPath(source)
              ? // an upload is removed once its samples are in (a second import, or another tab)
                'These uploaded files were already imported and their copy removed; upload them again to import them once more.'
              : `${source} does not exist.`,
          );
        const taskId = crypto.randomUUID();
        runTask(taskId, `Import into ${ds.name}`, async (signal) => {
          const r = await importIntoDataset(ds, format, source, {
            signal,
            onProgress: (done, total) =>
              events.emit({
                type: 'progress',
                taskId,
                done,
                total,
                message: `Importing ${done}/${total}`,
              }),
          });
          removeUpload(source); // an uploaded copy is not needed once its samples are in
          const skipped = r.skipped ?? [];
          return `Imported ${r.added} samples into ${ds.name}${r.failures.length ? `; ${r.failures.length} files could not be read (first: ${r.failures[0].path}: ${r.failures[0].error})` : ''}${skipped.length ? `; ${skipped.length} bad parts of the files were left out (first: ${skipped[0]})` : ''}.`;
        });
        return { taskId };
      }),
    exportDataset: ({ dataset: name, format, out }) =>
      userErrors(() => {
        const ds = dataset(name);
        const target =
          out ??
          join(
            verbatimHome(),
            'exports',
            `${ds.name}-${format}${format === 'nemo' ? '.jsonl' : ''}`,
          );
        mkdirSync(join(target, '..'), { recursive: true });
        const taskId = crypto.randomUUID();
        runTask(taskId, `Export of ${ds.name}`, async (signal) => {
          const r = await exportDataset(ds, format as ExportFormat, target, {
            signal,
            onProgress: (done, total) =>
              events.emit({
                type: 'progress',
                taskId,
                done,
                total,
                message: `Exporting ${done}/${total}`,
              }),
          });
          return `Exported ${r.samples} samples to ${r.out}.`;
        });
        return { taskId, out: target };
      }),
    cancelTask: async ({ taskId }) => {
      const controller = tasks.get(taskId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
  };

  return {
    handlers,
    dispose() {
      for (const r of recordings.values()) {
        try {
          r.dataset.finishRecording(r.writer, r.text, r.speaker || undefined);
        } catch {
          // left as .partial: recovered on the next start
        }
      }
      recordings.clear();
      for (const ds of touched) ds.purgeTrash();
    },
  };
}
