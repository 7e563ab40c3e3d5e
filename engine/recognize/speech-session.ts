import {
  TARGET_SAMPLE_RATE,
  resample,
  VoiceActivityDetector,
  type VadOptions,
} from '../audio/index';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import { createDecoder, type DecodeParams } from './decode-params';
import type { Recognizer } from './recognizer';
import { emptyResult, type RecognitionResult } from './result';
import { recognizeUtterance, SPEECH_MARGIN_MS } from './speech';

export interface SpeechSessionCallbacks {
  /** The current guess for the utterance in progress (at least every `partialIntervalMs` of speech). */
  onPartial?: (result: RecognitionResult) => void;
  /** A finished utterance (VAD endpoint or finish()); word times are from the session start. */
  onFinal?: (result: RecognitionResult) => void;
}

export interface SpeechSessionOptions {
  vad?: VadOptions;
  /** Audio between partial results while speech goes on (default 400 ms). */
  partialIntervalMs?: number;
  /** Longest utterance before it is cut and finalised (default 30 s). */
  maxUtteranceSeconds?: number;
}

/**
 * Live dictation over a recognizer: push audio as it arrives; a streaming VAD
 * finds utterances; while one goes on it is re-recognized every
 * partialIntervalMs (a BiLSTM sees the whole utterance, so partials are
 * recomputed, not extended); at its end the final result is emitted.
 * Caller-owned state, like whisper.h's whisper_state.
 */
export class SpeechSession {
  private readonly vad: VoiceActivityDetector;
  private readonly partialEvery: number;
  private readonly maxUtterance: number;
  /** All audio of the session so far is not kept, only the current utterance (+ pre-roll). */
  private chunks: Float32Array[] = [];
  /** Session sample index of chunks[0][0]. */
  private bufferStart = 0;
  private received = 0;
  private inSpeech = false;
  private utteranceStart = 0;
  private sinceLastPartial = 0;
  private disposed = false;

  constructor(
    private readonly recognizer: Recognizer,
    private readonly params: DecodeParams,
    private readonly callbacks: SpeechSessionCallbacks = {},
    options: SpeechSessionOptions = {},
    /** One built for `params` with the model's resources (a plain one otherwise). */
    private readonly decoder: BeamSearchDecoder = createDecoder(recognizer.labels, params),
  ) {
    this.vad = new VoiceActivityDetector({
      padMs: SPEECH_MARGIN_MS, // the pauses around an utterance the models expect
      ...options.vad,
      sampleRate: TARGET_SAMPLE_RATE,
    });
    this.partialEvery = ((options.partialIntervalMs ?? 400) * TARGET_SAMPLE_RATE) / 1000;
    this.maxUtterance = (options.maxUtteranceSeconds ?? 30) * TARGET_SAMPLE_RATE;
  }

  /** Feeds audio at any rate (16 kHz avoids resampling); emits partial/final results. */
  pushAudio(samples: Float32Array, sampleRate = TARGET_SAMPLE_RATE): void {
    if (this.disposed) throw new Error('this speech session was disposed');
    const audio =
      sampleRate === TARGET_SAMPLE_RATE
        ? samples
        : resample(samples, sampleRate, TARGET_SAMPLE_RATE);
    this.chunks.push(audio.slice());
    this.received += audio.length;
    for (const event of this.vad.push(audio)) {
      const at = Math.round(event.time * TARGET_SAMPLE_RATE);
      if (event.type === 'start') {
        this.inSpeech = true;
        this.utteranceStart = Math.max(at, this.bufferStart);
        this.sinceLastPartial = 0;
      } else if (this.inSpeech) this.finalize(at);
    }
    if (this.inSpeech) {
      this.sinceLastPartial += audio.length;
      if (this.received - this.utteranceStart >= this.maxUtterance) this.finalize(this.received);
      else if (this.sinceLastPartial >= this.partialEvery) {
        this.sinceLastPartial = 0;
        this.callbacks.onPartial?.(this.recognize(this.utteranceStart, this.received));
      }
    } else this.dropBefore(this.received - TARGET_SAMPLE_RATE); // keep 1 s of pre-roll
  }

  /** Ends the stream: the utterance in progress (if any) is finalised and returned. */
  finish(): RecognitionResult {
    if (this.disposed) throw new Error('this speech session was disposed');
    let last = emptyResult();
    for (const event of this.vad.finish()) {
      if (event.type === 'start') {
        this.inSpeech = true;
        this.utteranceStart = Math.round(event.time * TARGET_SAMPLE_RATE);
      }
    }
    if (this.inSpeech) last = this.finalize(this.received);
    return last;
  }

  dispose(): void {
    this.disposed = true;
    this.chunks = [];
  }

  private finalize(end: number): RecognitionResult {
    const result = this.recognize(this.utteranceStart, end);
    this.inSpeech = false;
    this.dropBefore(end);
    if (result.text) this.callbacks.onFinal?.(result);
    return result;
  }

  /** Recognizes session samples [from, to) with word times relative to the session start. */
  private recognize(from: number, to: number): RecognitionResult {
    const audio = this.slice(from, to);
    const r = recognizeUtterance(this.recognizer, audio, this.params, this.decoder);
    const offset = from / TARGET_SAMPLE_RATE;
    return {
      ...r,
      words: r.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })),
    };
  }

  private slice(from: number, to: number): Float32Array {
    const out = new Float32Array(Math.max(0, to - from));
    let at = this.bufferStart;
    for (const chunk of this.chunks) {
      const lo = Math.max(from, at);
      const hi = Math.min(to, at + chunk.length);
      if (hi > lo) out.set(chunk.subarray(lo - at, hi - at), lo - from);
      at += chunk.length;
    }
    return out;
  }

  /** Forgets buffered audio before session sample `index`. */
  private dropBefore(index: number): void {
    while (this.chunks.length > 0 && this.bufferStart + this.chunks[0].length <= index) {
      this.bufferStart += this.chunks[0].length;
      this.chunks.shift();
    }
  }
}
