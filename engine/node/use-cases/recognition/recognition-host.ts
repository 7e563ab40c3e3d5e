/**
 * The worker module of the recognition pool: hosts speech and ink sessions and
 * one-shot recognizers next to their model package, so recognition never runs
 * on the main thread. A model is named by its files (ModelSource: the .vbm and
 * its LM, lexicon, charset); the worker opens the package itself and keeps it,
 * so callers post only paths and the knobs of each call. Use it with
 *   const pool = new WorkerPool({ module: recognitionHostUrl });  // recognition-host-url.ts
 *   const session = await pool.create<HostedSpeechSession>('speech-session',
 *     [entry, params], { onEvent: (kind, result) => … });  // 'partial' | 'final'
 *   await session.pushAudio(samples);  const last = await session.finish();
 */
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import type { DecodeParams } from '../../../recognize/decode-params';
import { recognizeInk } from '../../../recognize/ink';
import { InkSession, type StrokeEvent } from '../../../recognize/ink-session';
import { transcribeSamples } from '../../../recognize/speech';
import { SpeechSession, type SpeechSessionOptions } from '../../../recognize/speech-session';
import { emptyResult, type RecognitionResult } from '../../../recognize/result';
import { unsureFlagger, type FlaggedResult } from '../../../recognize/unsure-words';
import type { Ink } from '../../../ink/index';
import { isMainThread, workerData } from 'node:worker_threads';
import { referenceKernels } from '../../../kernels/reference';
import { loadBestKernels } from '../../runtime/load-kernels';
import { hostObjects } from '../../runtime/object-host';
import { createModelPackageCache, type ModelPackage } from '../models/model-package';
import { decodingWordsFor, type ModelSource } from '../models/model-store';

/** What 'speech-session' objects offer (events: 'partial' and 'final', each a RecognitionResult). */
export type HostedSpeechSession = Pick<SpeechSession, 'pushAudio' | 'finish'>;
/**
 * What 'ink-session' objects offer: the strokes live in the worker and change
 * by events; each answer's words say which are unsure (inkJudge).
 */
export interface HostedInkSession {
  apply(events: readonly StrokeEvent[]): FlaggedResult;
}

/** What 'recognizer' objects offer: one-shot recognition with a model kept loaded. */
export interface HostedRecognizer {
  transcribe(samples: Float32Array, sampleRate: number, params: DecodeParams): RecognitionResult;
  /** The ink's words say which are unsure (inkJudge). */
  recognizeInk(ink: Ink, params: DecodeParams): FlaggedResult;
}

/** The pool's workerData for this module: which kernels run the networks (default 'best'). */
export interface RecognitionHostData {
  kernels?: 'best' | 'reference';
}

/** The packages of this worker by their files' identity (a replaced file is reopened). */
const modelPackage = createModelPackageCache({
  size: 4,
  kernels: () =>
    (workerData as RecognitionHostData | null)?.kernels === 'reference'
      ? referenceKernels
      : loadBestKernels(),
});

/** Each package's word list (read at the first judgement). */
const wordLists = new WeakMap<ModelPackage, readonly string[] | null>();
/**
 * The judgement of each decoder's readings: decoders are kept by their knobs,
 * closed vocabulary included, so a judge lives as long as its decoder does.
 */
const judges = new WeakMap<BeamSearchDecoder, ReturnType<typeof unsureFlagger>>();

/**
 * Judges the words of a package's handwriting results, read by `decoder` with
 * `vocabulary`, as recognize-ink judges them (unsureFlagger): of low
 * confidence, or outside the word list the package decodes against (its
 * lexicon, decodingWordsFor; a model without one judges by confidence alone)
 * and the decoding's closed vocabulary, whose listed words are never spelled
 * as heard.
 */
function inkJudge(
  pkg: ModelPackage,
  decoder: BeamSearchDecoder,
  vocabulary: DecodeParams['vocabulary'],
): (result: RecognitionResult) => FlaggedResult {
  let flag = judges.get(decoder);
  if (!flag) {
    const words = () => {
      if (!wordLists.has(pkg)) wordLists.set(pkg, decodingWordsFor(pkg.source));
      return wordLists.get(pkg)!;
    };
    flag = unsureFlagger(words, vocabulary, []);
    judges.set(decoder, flag);
  }
  return (result) => ({ ...result, words: flag(result.words) });
}

// Only when started as a worker (importing this module for its types or URL starts nothing).
if (!isMainThread) {
  hostObjects({
    'speech-session': ([model, params, options], emit) => {
      const pkg = modelPackage(model as ModelSource);
      return new SpeechSession(
        pkg.recognizer,
        params as DecodeParams,
        {
          onPartial: (r) => emit('partial', r),
          onFinal: (r) => emit('final', r),
        },
        options as SpeechSessionOptions | undefined,
        pkg.decoder(params as DecodeParams),
      );
    },
    'ink-session': ([model, params]): HostedInkSession => {
      const pkg = modelPackage(model as ModelSource);
      const knobs = params as DecodeParams;
      const decoder = pkg.decoder(knobs);
      const session = new InkSession(pkg.recognizer, knobs, decoder);
      const judge = inkJudge(pkg, decoder, knobs.vocabulary);
      // The word list is read now (a large lexicon: tens of ms), as the decoder
      // is built now, before the first stroke.
      judge(emptyResult());
      return { apply: (events) => judge(session.apply(events)) };
    },
    recognizer: ([model]): HostedRecognizer => {
      const pkg = modelPackage(model as ModelSource);
      const r = pkg.recognizer;
      return {
        transcribe: (samples, sampleRate, params) =>
          transcribeSamples(r, samples, sampleRate, params, { decoder: pkg.decoder(params) }),
        recognizeInk: (ink, params) => {
          const decoder = pkg.decoder(params);
          return inkJudge(pkg, decoder, params.vocabulary)(recognizeInk(r, ink, params, decoder));
        },
      };
    },
  });
}
