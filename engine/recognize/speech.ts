import {
  TARGET_SAMPLE_RATE,
  detectSpeech,
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
    // Long leading/trailing silence skews the per-utterance feature normalisation
    // (the models learned on tightly cut utterances): recognize from the first
    // detected speech to the last, keeping times relative to the input.
    const found = detectSpeech(audio, {
      padMs: 300, // generous: onsets of nasals and fricatives are quiet
      ...options.vad,
      sampleRate: TARGET_SAMPLE_RATE,
    });
    const from = found.length ? Math.floor(found[0].start * TARGET_SAMPLE_RATE) : 0;
    const to = found.length
      ? Math.ceil(found[found.length - 1].end * TARGET_SAMPLE_RATE)
      : audio.length;
    const r = recognizeUtterance(recognizer, audio.subarray(from, to), params, decoder);
    options.onProgress?.(1, 1);
    return concatResults(emptyResult(), r, from / TARGET_SAMPLE_RATE);
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
