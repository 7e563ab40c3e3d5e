import {
  TARGET_SAMPLE_RATE,
  speechExtent,
  resample,
  splitUtterances,
  type VadOptions,
} from '../audio/index';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import { outputFrames } from '../nn/architecture';
import { createDecoder, type DecodeParams } from './decode-params';
import { decodeFeatures, type Recognizer } from './recognizer';
import { beamsToResult, concatResults, emptyResult, type RecognitionResult } from './result';
import { speechFeatures, validateSpeechFrontEnd } from './speech-front-end';

/** Longer inputs are split into utterances by voice activity detection first. */
const SPLIT_ABOVE_SECONDS = 20;

/** Seconds per network output frame of a speech model. */
export function secondsPerOutputFrame(recognizer: Recognizer): number {
  const fe = validateSpeechFrontEnd(recognizer.header.featureConfig);
  const big = 1_000_000;
  const subsample = big / outputFrames(recognizer.network.architecture, big);
  return (fe.audio.hopMs / 1000) * fe.stack * subsample;
}

/** Recognizes one utterance of 16 kHz audio. */
export function recognizeUtterance(
  recognizer: Recognizer,
  samples16k: Float32Array,
  params: DecodeParams,
  decoder = createDecoder(recognizer.labels, params),
): RecognitionResult {
  const fe = validateSpeechFrontEnd(recognizer.header.featureConfig);
  const { x, T } = speechFeatures(samples16k, fe);
  const { beams } = decodeFeatures(recognizer, x, T, params, decoder);
  const step = secondsPerOutputFrame(recognizer);
  return beamsToResult(beams, (f, edge) => round3((f + (edge === 'end' ? 1 : 0)) * step));
}

/**
 * Recognizes a whole recording at any sample rate: resampled to 16 kHz, split
 * into utterances by VAD when long, each decoded, words timed from the start.
 */
export function transcribeSamples(
  recognizer: Recognizer,
  samples: Float32Array,
  sampleRate: number,
  params: DecodeParams,
  options: {
    vad?: VadOptions;
    onProgress?: (done: number, total: number) => void;
    /** A decoder built for these params to reuse; one is built otherwise. */
    decoder?: BeamSearchDecoder;
  } = {},
): RecognitionResult {
  const audio =
    sampleRate === TARGET_SAMPLE_RATE ? samples : resample(samples, sampleRate, TARGET_SAMPLE_RATE);
  const decoder = options.decoder ?? createDecoder(recognizer.labels, params);
  if (audio.length <= SPLIT_ABOVE_SECONDS * TARGET_SAMPLE_RATE) {
    const { samples: speech, offset } = trimToSpeech(audio, options.vad?.padMs);
    const r = recognizeUtterance(recognizer, speech, params, decoder);
    options.onProgress?.(1, 1);
    return concatResults(emptyResult(), r, offset);
  }
  const parts = splitUtterances(audio, { ...options.vad, sampleRate: TARGET_SAMPLE_RATE });
  let result = emptyResult();
  parts.forEach((part, i) => {
    const r = recognizeUtterance(recognizer, part.samples, params, decoder);
    result = concatResults(result, r, part.segment.start);
    options.onProgress?.(i + 1, parts.length);
  });
  return result;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * What is kept of a recording around its speech (ms): long leading or
 * trailing silence skews the per-utterance feature normalization. Chosen on
 * speech-en's validation (beam + LM) among 100 / 150 / 300 ms: AN4 WER
 * 12.4 / 11.3 / 11.8%, the held-out FSDD speaker with half a second of silence
 * around each clip 85.8 / 87.2 / 84.2% right (docs/experiments/speech-en.md).
 */
export const SPEECH_MARGIN_MS = 150;

/**
 * The 16 kHz recording from its first speech to its last (speechExtent) with
 * `marginMs` of what surrounds it on each side, as far as the recording goes;
 * `offset` is the time of its first sample.
 */
export function trimToSpeech(
  audio: Float32Array,
  marginMs = SPEECH_MARGIN_MS,
): { samples: Float32Array; offset: number } {
  const margin = Math.round((marginMs * TARGET_SAMPLE_RATE) / 1000);
  const { start, end } = speechExtent(audio, TARGET_SAMPLE_RATE);
  const from = Math.max(0, start - margin);
  return {
    samples: audio.subarray(from, Math.min(audio.length, end + margin)),
    offset: from / TARGET_SAMPLE_RATE,
  };
}
