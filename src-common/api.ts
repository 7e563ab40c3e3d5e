// The one contract between the UI and the back end (DESIGN.md, "IPC / HTTP API").
// Every call takes one argument and returns a promise; every argument is
// validated against `requestSchemas` by the transport before a service sees it
// (Electron IPC in src-main/electron/ipc.ts, HTTP in src-main/server/). Events
// (partial results, progress) flow the other way and are described by
// `eventSchema`. This file is platform-free (zod only) because the renderer's
// transport clients import it too.
import { z } from 'zod';
// The model roles are the engine's, through its platform-free front door (the
// renderer's bundle keeps only what it uses of it).
import { MAX_VOCABULARY_ENTRIES, MODEL_ROLES, UNSURE_REASONS } from '../engine/index';

const id = z.string().min(1).max(200);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** 16 kHz mono is what the speech engine consumes; capture resamples to it. */
export const SPEECH_SAMPLE_RATE = 16_000;
/** One streamed chunk holds at most 5 s of audio (the UI sends ~100 ms). */
export const MAX_CHUNK_SAMPLES = SPEECH_SAMPLE_RATE * 5;
/** A file sent for transcription holds at most 15 minutes of 16 kHz audio. */
export const MAX_FILE_SAMPLES = SPEECH_SAMPLE_RATE * 60 * 15;

const samples = (max: number) =>
  z
    .custom<Float32Array>((v) => v instanceof Float32Array, {
      message: 'samples must be a Float32Array of 16 kHz mono audio',
    })
    .refine((a) => a.length <= max, `at most ${max} samples per request`);

const hotwords = z.array(z.string().trim().min(1).max(100)).max(500).default([]);

/**
 * A closed vocabulary (the Vocabulary setting): only these words and phrases
 * may be recognized, each weight (natural log) added when its entry is, each
 * written as `written` when given; null for any text. The engine checks the
 * characters of the phrases against the model.
 */
export const vocabularyEntrySchema = z.object({
  phrase: z
    .string()
    .trim()
    .min(1, 'a vocabulary entry is empty')
    .max(200, 'a vocabulary entry is longer than 200 characters'),
  weight: finite.default(0),
  /** How to write the entry when that differs from how it is said ("John" for "jon"). */
  written: z
    .string()
    .trim()
    .min(1, 'a written form is empty')
    .max(200, 'a written form is longer than 200 characters')
    .optional(),
});
export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;
const vocabularyList = z
  .array(vocabularyEntrySchema)
  .min(1, 'the vocabulary has no words')
  .max(MAX_VOCABULARY_ENTRIES, `at most ${MAX_VOCABULARY_ENTRIES} vocabulary entries`);
const vocabulary = vocabularyList.nullable().default(null);

// --- results --------------------------------------------------------------

export const wordSchema = z.object({
  word: z.string(),
  /** Seconds for audio, point indices for ink. */
  start: finite,
  end: finite,
  confidence: z.number().min(0).max(1),
});
export type Word = z.infer<typeof wordSchema>;

export const resultSchema = z.object({
  text: z.string(),
  words: z.array(wordSchema),
  nbest: z.array(z.object({ text: z.string(), score: finite })),
});
export type RecognitionResult = z.infer<typeof resultSchema>;

/**
 * A handwritten word judged as `recognize-ink --json` judges it (the engine's
 * unsureFlagger): `unsure` when its confidence is low or it is spelled outside
 * the model's word list, and then `why`.
 */
export const inkWordSchema = wordSchema.extend({
  unsure: z.boolean(),
  why: z.array(z.enum(UNSURE_REASONS)).min(1).optional(),
});
export type InkWord = z.infer<typeof inkWordSchema>;

/** What handwriting recognition answers: a result whose words are judged. */
export const inkResultSchema = resultSchema.extend({ words: z.array(inkWordSchema) });
export type InkRecognitionResult = z.infer<typeof inkResultSchema>;

export const inkModeSchema = z.enum(['digits', 'letters', 'words']);
export type InkMode = z.infer<typeof inkModeSchema>;

export const modelRoleSchema = z.enum(MODEL_ROLES);
export type ModelRole = z.infer<typeof modelRoleSchema>;

export const modelInfoSchema = z.object({
  id,
  name: z.string(),
  /** What the model is for: speech, or one of the handwriting modes. */
  role: modelRoleSchema,
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  modified: z.string(),
  source: z.enum(['shipped', 'user']),
  description: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

// --- ink --------------------------------------------------------------------

export const inkPointSchema = z.object({
  x: finite,
  y: finite,
  /** Milliseconds since the stroke's page was opened. */
  t: finite,
  /** Pen pressure 0..1 (0.5 for mice, which have none). */
  p: z.number().min(0).max(1).default(0.5),
});
export type InkPoint = z.infer<typeof inkPointSchema>;

export const strokeSchema = z.object({
  points: z.array(inkPointSchema).min(1).max(20_000),
});
export type Stroke = z.infer<typeof strokeSchema>;

/** How the ink of a handwriting session changes: a stroke added, the last one undone, all cleared. */
export const strokeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add'), stroke: strokeSchema }).strict(),
  z.object({ type: z.literal('undo') }).strict(),
  z.object({ type: z.literal('clear') }).strict(),
]);
export type StrokeEvent = z.infer<typeof strokeEventSchema>;

// --- studio, training and models (issue 9) ---------------------------------

const datasetName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
/** A dataset's display name; the store derives a safe folder name (the id) from it. */
const datasetTitle = z
  .string()
  .trim()
  .min(1, 'Give the dataset a name.')
  .max(64, 'Use at most 64 characters.')
  .regex(
    // eslint-disable-next-line no-control-regex
    /^[^\\/\u0000-\u001f\u007f]*$/,
    'Use any letters, digits, spaces or marks except slashes.',
  );
export const datasetKindSchema = z.enum(['speech', 'ink']);
export type DatasetKind = z.infer<typeof datasetKindSchema>;
export const sampleStatusSchema = z.enum(['unlabelled', 'labelled', 'verified']);
export type SampleStatus = z.infer<typeof sampleStatusSchema>;
/** Which samples the Studio lists: all, those without a label, or those not verified yet. */
export const sampleFilterSchema = z.enum(['all', 'unlabelled', 'unverified']);
export type SampleFilter = z.infer<typeof sampleFilterSchema>;
const label = z.string().max(500);
const person = z.string().trim().max(100).default('');
const filePath = z.string().trim().min(1).max(4096);
const errorRatesSchema = z.object({ cer: finite, wer: finite });
export type ErrorRates = z.infer<typeof errorRatesSchema>;
/** A model's name is also its file's name. */
const newModelName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'Use up to 64 letters, digits, ".", "_" or "-" (no spaces), starting with a letter or digit.',
  );
export const freshArchitectureSchema = z.object({
  cell: z.enum(['lstm', 'gru', 'rnn']),
  layers: z.number().int().min(1).max(4),
  hidden: z.number().int().min(8).max(512),
  bidirectional: z.boolean(),
});
export type FreshArchitecture = z.infer<typeof freshArchitectureSchema>;

const studioRequestSchemas = {
  getStudioStatus: z.object({}).strict(),
  listDatasets: z.object({}).strict(),
  /** `name` is what people call it (spaces allowed); the summary's `name` is the safe id. */
  createDataset: z.object({ name: datasetTitle, kind: datasetKindSchema }).strict(),
  listSamples: z.object({ dataset: datasetName }).strict(),
  /** One page of the samples matching a search and filters (the Studio's list). */
  listSamplePage: z
    .object({
      dataset: datasetName,
      /** Part of the label, any case; empty for all. */
      query: z.string().max(500).default(''),
      filter: sampleFilterSchema.default('all'),
      /** Only this speaker's or writer's samples ('' for those without one); null for everyone's. */
      person: z.string().max(100).nullable().default(null),
      /** 0-based; past the last page gives the last. */
      page: z.number().int().min(0).max(10_000_000).default(0),
      pageSize: z.number().int().min(1).max(500).default(25),
    })
    .strict(),
  startRecording: z
    .object({
      dataset: datasetName,
      text: label,
      speaker: person,
      /** Re-record: the sample this take replaces once it is stopped. */
      replaceId: id.nullable().default(null),
    })
    .strict(),
  pushRecording: z.object({ recordingId: id, samples: samples(MAX_CHUNK_SAMPLES) }).strict(),
  stopRecording: z.object({ recordingId: id }).strict(),
  cancelRecording: z.object({ recordingId: id }).strict(),
  saveInk: z
    .object({
      dataset: datasetName,
      text: label,
      writer: person,
      strokes: z.array(strokeSchema).min(1).max(1000),
    })
    .strict(),
  updateSample: z
    .object({
      dataset: datasetName,
      id,
      text: label.optional(),
      status: sampleStatusSchema.optional(),
    })
    .strict(),
  deleteSample: z.object({ dataset: datasetName, id }).strict(),
  undoDelete: z.object({ dataset: datasetName }).strict(),
  getSampleAudio: z.object({ dataset: datasetName, id }).strict(),
  getSampleInk: z.object({ dataset: datasetName, id }).strict(),
  importDataset: z
    .object({ dataset: datasetName, format: z.string().min(1).max(40), source: filePath })
    .strict(),
  exportDataset: z
    .object({
      dataset: datasetName,
      format: z.enum(['nemo', 'kaldi', 'inkml']),
      out: filePath.nullable().default(null),
    })
    .strict(),
  cancelTask: z.object({ taskId: id }).strict(),
  startTraining: z
    .object({
      kind: datasetKindSchema,
      datasets: z.array(datasetName).max(50).default([]),
      /** Mix in the project's shipped training data (FSDD / UNIPEN digits from VERBATIM_DATA_DIR). */
      includeShipped: z.boolean().default(false),
      /** A model name to fine-tune; null trains `fresh`. */
      base: z.string().min(1).max(200).nullable().default(null),
      fresh: freshArchitectureSchema.nullable().default(null),
      epochs: z.number().int().min(1).max(1000).nullable().default(null),
      minutes: z
        .number()
        .positive()
        .max(24 * 60)
        .nullable()
        .default(null),
      validFraction: z.number().min(0).max(0.5).default(0.2),
      batchSize: z.number().int().min(1).max(256).nullable().default(null),
      /** The new model's name; null names it after the base or kind and the time. */
      name: newModelName.nullable().default(null),
    })
    .strict(),
  cancelTraining: z.object({ runId: id }).strict(),
  resumeTraining: z.object({ runId: id }).strict(),
  listModelDetails: z.object({}).strict(),
  setActiveModel: z.object({ name: z.string().min(1).max(200) }).strict(),
  renameModel: z.object({ name: z.string().min(1).max(200), to: newModelName }).strict(),
  deleteModel: z.object({ name: z.string().min(1).max(200) }).strict(),
  exportModel: z
    .object({
      name: z.string().min(1).max(200),
      format: z.enum(['vbm', 'onnx']),
      out: filePath.nullable().default(null),
    })
    .strict(),
  importModel: z
    .object({
      fileName: z.string().min(1).max(500),
      bytes: z
        .custom<Uint8Array>((v) => v instanceof Uint8Array, {
          message: 'bytes must be the .vbm file as a Uint8Array',
        })
        .refine((b) => b.length <= 256 * 1024 * 1024, 'a model file is at most 256 MB'),
      role: modelRoleSchema.nullable().default(null),
    })
    .strict(),
} as const;

// --- file pickers, uploads and downloads (issue 23) ---------------------------

/** A path inside an upload: relative, forward slashes, no "..", no empty parts. */
const relativePath = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (p) =>
      !p.startsWith('/') && p.split('/').every((part) => part && part !== '..' && part !== '.'),
    'must be a relative path inside the upload (no "..", no leading "/")',
  )
  .refine((p) => !/[\\:]/.test(p) && !p.includes('\u0000'), 'must not hold "\\", ":" or NUL');
/** One upload request holds at most 32 MB (HTTP bodies: 64 MB); big folders go in batches. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

const fileRequestSchemas = {
  /** The desktop app's native file dialog; the browser mode has none (it uploads instead). */
  chooseFile: z
    .object({
      mode: z.enum(['open-file', 'open-folder', 'save']),
      title: z.string().max(200),
      defaultName: z.string().max(255).nullable().default(null),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/, 'an extension without the dot'))
        .max(10)
        .default([]),
    })
    .strict(),
  /** Files picked in the browser, copied to VERBATIM_HOME/uploads/<uploadId>/ for an import. */
  uploadFiles: z
    .object({
      /** Null starts a new upload; later batches name the one they add to. */
      uploadId: z
        .string()
        .regex(/^[0-9a-f-]{36}$/, 'must be the uploadId a first batch returned')
        .nullable()
        .default(null),
      files: z
        .array(
          z
            .object({
              path: relativePath,
              bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
                message: 'bytes must be the file as a Uint8Array',
              }),
            })
            .strict(),
        )
        .min(1)
        .max(5000)
        .refine(
          (files) => files.reduce((n, f) => n + f.bytes.length, 0) <= MAX_UPLOAD_BYTES,
          `at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB per request`,
        ),
    })
    .strict(),
  /** An exported file's bytes, for the browser to download (only files under VERBATIM_HOME/exports). */
  downloadExport: z.object({ out: filePath }).strict(),
} as const;

// --- requests ---------------------------------------------------------------

export const requestSchemas = {
  getAppInfo: z.object({}).strict(),
  listModels: z.object({}).strict(),
  startDictation: z
    .object({
      modelId: id.nullable().default(null),
      hotwords,
      vocabulary,
      sampleRate: z.literal(SPEECH_SAMPLE_RATE),
    })
    .strict(),
  pushAudio: z.object({ sessionId: id, samples: samples(MAX_CHUNK_SAMPLES) }).strict(),
  stopDictation: z.object({ sessionId: id }).strict(),
  transcribeAudio: z
    .object({
      name: z.string().max(500),
      samples: samples(MAX_FILE_SAMPLES),
      sampleRate: z.literal(SPEECH_SAMPLE_RATE),
      modelId: id.nullable().default(null),
      hotwords,
      vocabulary,
    })
    .strict(),
  /** What a speech model recognizes ("What can I say?"): null for the active one. */
  getModelDomain: z.object({ modelId: id.nullable().default(null) }).strict(),
  /**
   * The speech model dictation and transcription use with these settings: the
   * one asked for; else the active one, or a broad model when the vocabulary
   * has words outside the active model's domain (with a note saying so).
   */
  chooseSpeechModel: z
    .object({ modelId: id.nullable().default(null), vocabulary, hotwords })
    .strict(),
  recognizeInk: z
    .object({
      mode: inkModeSchema,
      strokes: z.array(strokeSchema).min(1).max(1000),
      modelId: id.nullable().default(null),
      vocabulary,
    })
    .strict(),
  // A handwriting session: the back end keeps its strokes, the Write view sends
  // what changed. Opening loads the mode's model and builds its decoder (a
  // large lexicon takes a second) before the first stroke needs them; a
  // vocabulary is the session's for its whole life.
  openInk: z
    .object({
      mode: inkModeSchema,
      modelId: id.nullable().default(null),
      vocabulary,
    })
    .strict(),
  /**
   * Why the mode's handwriting model (the one asked for, else the active one)
   * cannot take this vocabulary (an entry with a character it cannot write),
   * said before any ink is sent; null when it can or no model is installed.
   */
  checkInkVocabulary: z
    .object({
      mode: inkModeSchema,
      modelId: id.nullable().default(null),
      vocabulary: vocabularyList,
    })
    .strict(),
  /** Applies the events in order; answers the recognition of the ink as it then is. */
  inkEvents: z
    .object({ sessionId: id, events: z.array(strokeEventSchema).min(1).max(1000) })
    .strict(),
  closeInk: z.object({ sessionId: id }).strict(),
  ...studioRequestSchemas,
  ...fileRequestSchemas,
} as const;

export type ApiMethod = keyof typeof requestSchemas;
export const API_METHODS = Object.keys(requestSchemas) as ApiMethod[];
/** What a caller passes (defaults may be omitted). */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof requestSchemas)[M]>;
/** What a service receives (validated, defaults filled in). */
export type ApiArgs<M extends ApiMethod> = z.output<(typeof requestSchemas)[M]>;

// --- responses --------------------------------------------------------------

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'browser';
}

export interface DictationStarted {
  sessionId: string;
  /** Null when no speech model is installed: audio is still captured. */
  model: ModelInfo | null;
  /** Why nothing will be recognized, to show inline (null when all is well). */
  notice: string | null;
}

export interface ModelDomainInfo {
  model: ModelInfo;
  /** What the model handles, said for people. */
  description: string;
  /** The words it decodes against (its word list or its LM's), or null when it spells what it hears. */
  words: string[] | null;
  /** A broad model of English: its words come first, others are spelled as heard. */
  broad: boolean;
}

export interface SpeechModelChoice {
  /** Null when no speech model is installed. */
  model: ModelInfo | null;
  /** Why it is not simply the active model, said plainly (e.g. "Using speech-broad: …"); else null. */
  note: string | null;
  /**
   * Why that model cannot take the vocabulary (an entry it cannot spell, and
   * what to write instead), said before dictation starts; else null.
   */
  problem: string | null;
}

export interface DictationStopped {
  receivedSeconds: number;
  /** Null when there was no model to recognize with. */
  result: RecognitionResult | null;
}

export interface DatasetSummary {
  /** The safe id every call takes (the dataset's folder name). */
  name: string;
  /** What people call it (may hold spaces); the name when none was given. */
  title: string;
  /** Changes whenever the samples change (a reload is needed only then). */
  version: string;
  kind: DatasetKind;
  samples: number;
  created: string;
  dir: string;
}

export interface StudioSample {
  id: string;
  kind: DatasetKind;
  text: string;
  status: SampleStatus;
  speaker: string;
  writer: string;
  /** Seconds of audio (or of writing). */
  duration: number;
  created: string;
  file: string;
}

/** A sample in a page of the Studio's list. */
export interface SampleRow {
  sample: StudioSample;
  /** 1-based place in the dataset (names the row for screen readers: "Delete sample 12"). */
  n: number;
  /** Its speaker or writer ('' for none). */
  person: string;
}

export interface SamplePage {
  rows: SampleRow[];
  /** Samples in the dataset. */
  total: number;
  /** Samples matching the search and filters. */
  matches: number;
  /** The page given (the last one when the request asked past it). */
  page: number;
  /** Everyone with samples in the dataset, sorted ('' when some have none). */
  people: string[];
  /** The dataset's version (as in its DatasetSummary) the page was cut from. */
  version: string;
}

export interface StudioStatus {
  /** Takes cut off by a crash and recovered at start (kept unverified). */
  recovered: { dataset: string; id: string; text: string; seconds: number }[];
}

export interface ModelDetails {
  info: ModelInfo;
  kind: DatasetKind;
  /** The roles this model is the active one for. */
  activeFor: ModelRole[];
  created: string;
  metrics: Record<string, unknown>;
  recipe: string | null;
  training: Record<string, unknown>;
}

export interface StudioResponses {
  getStudioStatus: StudioStatus;
  listDatasets: DatasetSummary[];
  createDataset: DatasetSummary;
  listSamples: StudioSample[];
  listSamplePage: SamplePage;
  startRecording: { recordingId: string };
  pushRecording: { seconds: number };
  stopRecording: StudioSample;
  cancelRecording: { cancelled: true };
  saveInk: StudioSample;
  updateSample: StudioSample;
  deleteSample: StudioSample;
  /** Null when there is nothing to undo. */
  undoDelete: StudioSample | null;
  /** 16-bit little-endian PCM, base64 (JSON-safe for both transports). */
  getSampleAudio: { sampleRate: number; pcm16: string };
  getSampleInk: { strokes: Stroke[] };
  importDataset: { taskId: string };
  exportDataset: { taskId: string; out: string };
  cancelTask: { cancelled: boolean };
  startTraining: { runId: string };
  cancelTraining: { cancelled: boolean };
  resumeTraining: { runId: string };
  listModelDetails: ModelDetails[];
  setActiveModel: ModelDetails;
  renameModel: ModelDetails;
  deleteModel: { deleted: string };
  exportModel: { out: string; bytes: number };
  importModel: ModelDetails;
}

export interface FileResponses {
  /** Null when the dialog was cancelled. */
  chooseFile: { path: string | null };
  uploadFiles: { uploadId: string; dir: string; files: number };
  /** The file's bytes as base64 (JSON-safe for both transports). */
  downloadExport: { fileName: string; base64: string };
}

export interface ApiResponses extends StudioResponses, FileResponses {
  getAppInfo: AppInfo;
  listModels: ModelInfo[];
  startDictation: DictationStarted;
  pushAudio: { receivedSeconds: number };
  stopDictation: DictationStopped;
  transcribeAudio: RecognitionResult;
  getModelDomain: ModelDomainInfo;
  chooseSpeechModel: SpeechModelChoice;
  recognizeInk: InkRecognitionResult;
  openInk: { sessionId: string };
  inkEvents: InkRecognitionResult;
  closeInk: { closed: boolean };
  checkInkVocabulary: { problem: string | null };
}

// --- events -----------------------------------------------------------------

export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('speech.partial'),
    sessionId: id,
    text: z.string(),
    /** The guess's words with their confidence, for marking the unsure ones as in the final text. */
    words: z.array(wordSchema).default([]),
  }),
  z.object({ type: z.literal('speech.final'), sessionId: id, result: resultSchema }),
  z.object({ type: z.literal('speech.error'), sessionId: id, message: z.string() }),
  z.object({
    type: z.literal('progress'),
    taskId: id,
    done: z.number(),
    total: z.number(),
    message: z.string(),
  }),
  /** The global push-to-talk shortcut (Electron only) toggles dictation. */
  z.object({ type: z.literal('shortcut'), action: z.literal('toggle-dictation') }),
  /** A long import/export ended (its progress came as `progress` events). */
  z.object({
    type: z.literal('task'),
    taskId: id,
    state: z.enum(['done', 'failed', 'cancelled']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('training.step'),
    runId: id,
    epoch: z.number(),
    step: z.number(),
    totalSteps: z.number(),
    loss: z.number(),
    etaSeconds: z.number(),
    /** Seconds since this run (or resumption) took its first step: time budgets count from there. */
    elapsedSeconds: z.number(),
  }),
  z.object({
    type: z.literal('training.epoch'),
    runId: id,
    epoch: z.number(),
    trainLoss: z.number(),
    validLoss: z.number().nullable(),
    valid: errorRatesSchema.nullable(),
    /** How many validation samples `valid` was measured on. */
    validation: z.number(),
  }),
  z.object({
    type: z.literal('training.done'),
    runId: id,
    state: z.enum(['finished', 'cancelled', 'failed']),
    message: z.string(),
    /** The new model's name (registered), null on failure. */
    model: z.string().nullable(),
    base: errorRatesSchema.nullable(),
    trained: errorRatesSchema.nullable(),
    validation: z.number(),
  }),
]);
export type VerbatimEvent = z.infer<typeof eventSchema>;

// --- the interface both transports implement --------------------------------

export type VerbatimApi = {
  // Calls whose request has no required field may omit it.
  [M in ApiMethod]: Record<string, never> extends ApiRequest<M>
    ? (request?: ApiRequest<M>) => Promise<ApiResponses[M]>
    : (request: ApiRequest<M>) => Promise<ApiResponses[M]>;
} & {
  /** Subscribes to back-end events; returns the unsubscribe function. */
  onEvent(listener: (event: VerbatimEvent) => void): () => void;
};

// --- errors -----------------------------------------------------------------

export const apiErrorCodes = ['bad-request', 'no-model', 'not-found', 'internal'] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];
export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
});

/** An error meant for the user: its message says what happened and what to do. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The envelope every transport returns, so errors survive IPC and HTTP intact. */
export type ApiReply<T> =
  { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };
