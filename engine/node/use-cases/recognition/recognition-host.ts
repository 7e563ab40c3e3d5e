/**
 * The worker module of the recognition pool: hosts speech and ink sessions and
 * one-shot recognizers next to their loaded model, so recognition never runs
 * on the main thread. Use it with
 *   const pool = new WorkerPool({ module: recognitionHostUrl });
 *   const session = await pool.create<HostedSpeechSession>('speech-session',
 *     [{ bytes, key }, params], { onEvent: (kind, result) => … });  // 'partial' | 'final'
 *   await session.pushAudio(samples);  const last = await session.finish();
 */
import { loadRecognizer, type Recognizer } from '../../../recognize/recognizer';
import { createDecoderCache, type DecodeParams } from '../../../recognize/decode-params';
import { recognizeInk, InkSession } from '../../../recognize/ink';
import { transcribeSamples } from '../../../recognize/speech';
import { SpeechSession, type SpeechSessionOptions } from '../../../recognize/speech-session';
import type { RecognitionResult } from '../../../recognize/result';
import type { Ink } from '../../../ink/index';
import { isMainThread, workerData } from 'node:worker_threads';
import { referenceKernels } from '../../../kernels/reference';
import { loadBestKernels } from '../../runtime/load-kernels';
import { hostObjects } from '../../runtime/object-host';

/** A model for a hosted object: its .vbm bytes, and a key under which the worker may cache it. */
export interface ModelRef {
  bytes: Uint8Array;
  /** e.g. the file path and its modification time; without a key the model is loaded anew. */
  key?: string;
}

/** What 'speech-session' objects offer (events: 'partial' and 'final', each a RecognitionResult). */
export type HostedSpeechSession = Pick<SpeechSession, 'pushAudio' | 'finish'>;
/** What 'ink-session' objects offer. */
export type HostedInkSession = Pick<InkSession, 'pushStroke' | 'undoStroke' | 'clear' | 'current'>;

/** What 'recognizer' objects offer: one-shot recognition with a model kept loaded. */
export interface HostedRecognizer {
  transcribe(samples: Float32Array, sampleRate: number, params: DecodeParams): RecognitionResult;
  recognizeInk(ink: Ink, params: DecodeParams): RecognitionResult;
}

export const recognitionHostUrl = new URL(import.meta.url);

/** The pool's workerData for this module: which kernels run the networks (default 'best'). */
export interface RecognitionHostData {
  kernels?: 'best' | 'reference';
}

const MAX_CACHED_MODELS = 4;
const cache = new Map<string, Recognizer>();

/** Loads a model with the fastest kernels of this worker, reusing a cached one by key. */
function recognizer(ref: ModelRef): Recognizer {
  if (!ref || !(ref.bytes instanceof Uint8Array)) {
    throw new TypeError('expected a model as { bytes: Uint8Array (.vbm contents), key?: string }');
  }
  const cached = ref.key === undefined ? undefined : cache.get(ref.key);
  if (cached) return cached;
  const wanted = (workerData as RecognitionHostData | null)?.kernels ?? 'best';
  const kernels = wanted === 'reference' ? referenceKernels : loadBestKernels();
  const loaded = loadRecognizer(ref.bytes, { kernels });
  if (ref.key !== undefined) {
    if (cache.size >= MAX_CACHED_MODELS) cache.delete(cache.keys().next().value!);
    cache.set(ref.key, loaded);
  }
  return loaded;
}

// Only when started as a worker (importing this module for its types or URL starts nothing).
if (!isMainThread) {
  hostObjects({
    'speech-session': ([model, params, options], emit) =>
      new SpeechSession(
        recognizer(model as ModelRef),
        params as DecodeParams,
        {
          onPartial: (r) => emit('partial', r),
          onFinal: (r) => emit('final', r),
        },
        options as SpeechSessionOptions | undefined,
      ),
    'ink-session': ([model, params]) =>
      new InkSession(recognizer(model as ModelRef), params as DecodeParams),
    recognizer: ([model]): HostedRecognizer => {
      const r = recognizer(model as ModelRef);
      const decoderFor = createDecoderCache(r.labels);
      return {
        transcribe: (samples, sampleRate, params) =>
          transcribeSamples(r, samples, sampleRate, params, { decoder: decoderFor(params) }),
        recognizeInk: (ink, params) => recognizeInk(r, ink, params, decoderFor(params)),
      };
    },
  });
}
