// The recognition engine behind the app: models from the engine's model store,
// recognition in the engine's worker pool (engine/node/use-cases/recognition/recognition-host.ts),
// never on the main loop. The main thread names a model by its files and sends
// the knobs of each call; the worker opens the model package (network, LM,
// lexicon) itself and keeps it. Per model version, one hosted recognizer stays
// for files and whole inks; each dictation gets its own hosted speech session
// and each handwriting session its own hosted ink session, which keeps the
// strokes and takes the Write view's stroke events.
import {
  activeModel,
  chooseSpeechModel,
  decodeParamsFor,
  type HostedInkSession,
  type HostedRecognizer,
  type HostedSpeechSession,
  listModels,
  type ModelEntry,
  type ModelLookup,
  modelPackageKey,
  type ModelRole,
  type ModelSource,
  type RecognitionHostData,
  type Remote,
  ROLE_CHARSET,
  WorkerPool,
} from '../../engine/node/index';
import { type DecodeParams, type RecognitionResult as EngineResult } from '../../engine/index';
import {
  ApiError,
  SPEECH_SAMPLE_RATE,
  type Stroke,
  type StrokeEvent,
  type VocabularyEntry,
} from '../../src-common/api';
import { modelInfo, vocabularyProblem } from './models';
import {
  NO_SPEECH_MODEL,
  noInkModel,
  type InkParams,
  type RecognitionEngine,
  type InkStream,
  type SpeechCallbacks,
  type SpeechParams,
  type SpeechStream,
} from './recognizer';

/** Boost of a hotword from the Hotwords field (natural log, as the CLI's default). */
export const HOTWORD_BOOST = 5;

export interface WorkerEngineOptions {
  /** The worker module: engine/node/use-cases/recognition/recognition-host (.ts in browser mode, built .js in Electron). */
  module: URL;
  /** Worker threads (default 2: recognition of one request is single-threaded). */
  poolSize?: number;
  /** Hears crashes of pool workers (a fresh worker replaces each). */
  log?(message: string): void;
  /** Where models are found (default: the engine's model store, engine/node/use-cases/models/model-store.ts). */
  store?: ModelLookup;
  /** Passed to the workers (recognition-host.ts: which kernels run the networks). */
  workerData?: RecognitionHostData;
}

export interface WorkerEngine extends RecognitionEngine {
  /** Stops the pool's workers. */
  dispose(): Promise<void>;
}

/** A model as the main thread knows it: its entry, its files' identity and default knobs. */
interface LoadedModel {
  entry: ModelEntry;
  /** modelPackageKey: the .vbm's path, size and mtime, and its resources'. */
  key: string;
  params: DecodeParams;
  /** What the worker opens: the files, never their contents. */
  source: ModelSource;
}

export function createWorkerEngine(options: WorkerEngineOptions): WorkerEngine {
  const store = options.store ?? { activeModel, listModels };
  let pool: WorkerPool | null = null;
  // Started on first use, so a server that never recognizes starts no threads.
  const workers = () =>
    (pool ??= new WorkerPool({
      module: options.module,
      size: options.poolSize ?? 2,
      workerData: options.workerData,
      onCrash: (err) => options.log?.(`recognition ${err.message}; it was restarted`),
    }));

  const models = new Map<string, LoadedModel>();
  /**
   * Resolves the model to use: the requested one (by ModelInfo id), else the
   * active one of the role; for speech, chooseSpeechModel may pick a broad
   * model instead when the vocabulary leaves the active model's domain.
   */
  const model = (
    role: ModelRole,
    modelId: string | null,
    missing: string,
    vocabulary: SpeechParams['vocabulary'] = null,
  ): LoadedModel => {
    let entry: ModelEntry | undefined;
    if (modelId === null) {
      entry =
        role === 'speech'
          ? chooseSpeechModel({ requested: null, vocabulary }, store)?.entry
          : store.activeModel(role);
      if (!entry) throw new ApiError('no-model', missing);
    } else {
      entry = store.listModels().find((m) => modelInfo(m).id === modelId);
      if (!entry) {
        throw new ApiError(
          'not-found',
          `The model ${modelId} is not installed (any more); choose another one in the model picker.`,
        );
      }
      if (entry.role !== role) {
        throw new ApiError(
          'bad-request',
          `The model ${entry.name} is a ${entry.role} model, not a ${role} model; choose a ${role} model.`,
        );
      }
    }
    const key = modelPackageKey(entry);
    let loaded = models.get(key);
    if (!loaded) {
      const { path, lm, lexicon, charLm, charset } = entry;
      const source = { path, lm, lexicon, charLm, charset };
      loaded = { entry, key, params: decodeParamsFor(entry), source };
      models.set(key, loaded);
    }
    return loaded;
  };

  // One hosted recognizer (files, whole inks) per model version; a replaced
  // file gets a new key and its old recognizer goes.
  const recognizers = new Map<string, Promise<Remote<HostedRecognizer>>>();
  const forgetOlderVersions = (m: LoadedModel) => {
    const older = (key: string) => key.startsWith(`${m.entry.path}@`) && !key.startsWith(m.key);
    for (const key of [...models.keys()].filter(older)) models.delete(key);
    for (const [key, old] of recognizers) {
      if (!older(key)) continue;
      recognizers.delete(key);
      void old.then((o) => o.dispose()).catch(() => {});
    }
  };
  /** The hosted object under `key`, created once (and again after its worker crashed). */
  const hostedObject = <T>(
    map: Map<string, Promise<T>>,
    key: string,
    create: (onLost: () => void) => Promise<T>,
  ): Promise<T> => {
    let hosted = map.get(key);
    if (!hosted) {
      hosted = create(() => map.delete(key));
      hosted.catch(() => map.delete(key));
      map.set(key, hosted);
    }
    return hosted;
  };
  const recognizer = (m: LoadedModel) => {
    forgetOlderVersions(m);
    return hostedObject(recognizers, m.key, (onLost) =>
      workers().create<HostedRecognizer>('recognizer', [m.source], { onLost }),
    );
  };
  const inkModel = (params: InkParams) => {
    const m = model(params.mode, params.modelId, noInkModel(params.mode));
    const decode: DecodeParams = {
      ...m.params,
      charset: m.entry.charset ?? ROLE_CHARSET[params.mode],
      vocabulary: checkedVocabulary(m, params.vocabulary),
    };
    return { m, decode };
  };

  const speechParams = (m: LoadedModel, params: SpeechParams): DecodeParams => ({
    ...m.params,
    hotwords: params.hotwords.map((phrase) => ({
      phrase,
      boost: HOTWORD_BOOST,
    })),
    vocabulary: checkedVocabulary(m, params.vocabulary),
  });

  return {
    async openSpeech(params, callbacks) {
      const m = model('speech', params.modelId, NO_SPEECH_MODEL, params.vocabulary);
      return openSpeechStream(workers(), m, speechParams(m, params), callbacks);
    },

    async transcribe(samples, params) {
      const m = model('speech', params.modelId, NO_SPEECH_MODEL, params.vocabulary);
      const hosted = await recognizer(m);
      return hosted.transcribe(samples, SPEECH_SAMPLE_RATE, speechParams(m, params));
    },

    async recognizeInk(strokes, params: InkParams) {
      const { m, decode } = inkModel(params);
      const hosted = await recognizer(m);
      return hosted.recognizeInk({ strokes: strokes.map(toEngineStroke) }, decode);
    },

    async openInk(params: InkParams) {
      const { m, decode } = inkModel(params);
      forgetOlderVersions(m);
      return openInkStream(workers(), m, decode);
    },

    async dispose() {
      await pool?.dispose();
      pool = null;
      recognizers.clear();
      models.clear();
    },
  };
}

/**
 * The vocabulary (null: none), refused here (before a worker builds a decoder)
 * when the model cannot write one of its entries: the message names the entry.
 */
function checkedVocabulary(
  m: LoadedModel,
  vocabulary: readonly VocabularyEntry[] | null,
): DecodeParams['vocabulary'] {
  if (vocabulary === null) return null;
  const problem = vocabularyProblem(m.entry, vocabulary);
  if (problem !== null) throw new ApiError('bad-request', problem);
  return vocabulary;
}

const toEngineStroke = (s: Stroke) => ({
  points: s.points.map(({ x, y, t, p }) => ({ x, y, t, pressure: p })),
});

/**
 * A handwriting session over a hosted ink session, which keeps the strokes in
 * the worker. Once its worker is lost the strokes are gone with it: the
 * session answers not-found, and the view opens a new one.
 */
async function openInkStream(
  pool: WorkerPool,
  m: LoadedModel,
  params: DecodeParams,
): Promise<InkStream> {
  let lost = false;
  const session = await pool.create<HostedInkSession>('ink-session', [m.source, params], {
    onLost: () => (lost = true),
  });
  const gone = () =>
    new ApiError(
      'not-found',
      'The handwriting recognizer restarted and lost this session; open a new one and send its strokes.',
    );
  return {
    async apply(events: StrokeEvent[]) {
      if (lost) throw gone();
      try {
        return await session.apply(
          events.map((e) =>
            e.type === 'add' ? { type: 'add', points: toEngineStroke(e.stroke).points } : e,
          ),
        );
      } catch (e) {
        throw lost ? gone() : e;
      }
    },
    dispose() {
      void session.dispose().catch(() => {});
    },
  };
}

/**
 * A dictation over a hosted speech session. Audio is queued to the worker in
 * order; partial and final results come back as events. The final result of
 * what remains at finish() is returned, not also reported through onFinal.
 */
async function openSpeechStream(
  pool: WorkerPool,
  m: LoadedModel,
  params: DecodeParams,
  callbacks: SpeechCallbacks,
): Promise<SpeechStream> {
  let finishing = false;
  const session = await pool.create<HostedSpeechSession>('speech-session', [m.source, params], {
    onEvent: (kind, payload) => {
      const result = payload as EngineResult;
      if (kind === 'partial') callbacks.onPartial(result.text, result.words);
      else if (kind === 'final' && !finishing) callbacks.onFinal(result);
    },
    onLost: (err) => callbacks.onError?.(err.message),
  });
  // The chain of pushes: each waits for the previous, so audio stays in order
  // and the first failure is reported once.
  let pushed: Promise<void> = Promise.resolve();
  let failed = false;
  return {
    model: modelInfo(m.entry),
    pushAudio(samples) {
      pushed = pushed.then(async () => {
        if (failed) return;
        try {
          await session.pushAudio(samples);
        } catch (e) {
          failed = true;
          callbacks.onError?.((e as Error).message);
        }
      });
    },
    async finish() {
      // Events of the pushes arrive before their replies: once they are all
      // answered, any 'final' event comes from finish() itself.
      await pushed;
      finishing = true;
      return session.finish();
    },
    dispose() {
      void session.dispose().catch(() => {});
    },
  };
}
