import { countCaseErrors } from '../../../metrics/case-errors';
import { ErrorRate } from '../../../metrics/edit-distance';
import {
  createDecoder,
  NO_DECODE_RESOURCES,
  type DecodeParams,
  type DecodeResources,
  type PreparedResources,
} from '../../../recognize/decode-params';
import { recognizeInk } from '../../../recognize/ink';
import type { Recognizer } from '../../../recognize/recognizer';
import { transcribeSamples } from '../../../recognize/speech';
import { TARGET_SAMPLE_RATE } from '../../../audio/index';
import type { Ink } from '../../../ink/index';
import { readExampleAudio, type SpeechExample } from './speech-data-source';

export interface EvalDetail {
  reference: string;
  hypothesis: string;
  input?: string;
}

export interface EvalSummary {
  n: number;
  wer: number;
  cer: number;
  ser: number;
  accuracy: number;
  /**
   * Ink only: reference words recognized right except for their case (see
   * countCaseErrors), and their share of the reference words.
   */
  caseErrors?: number;
  caseErrorRate?: number;
  details: EvalDetail[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The scores of recognized utterances or ink, each hypothesis against its reference. */
export function scoreDetails(details: EvalDetail[]): EvalSummary {
  const rates = new ErrorRate();
  for (const d of details) rates.add(d.reference, d.hypothesis);
  return {
    n: rates.sentences,
    wer: round4(rates.wer),
    cer: round4(rates.cer),
    ser: round4(rates.ser),
    accuracy: round4(rates.accuracy),
    details,
  };
}

/**
 * Scores a speech recognizer on utterances with reference texts, each
 * recognized as `verbatim transcribe` does (pauses around the speech trimmed
 * by VAD, long recordings split).
 */
export function evaluateSpeech(
  recognizer: Recognizer,
  examples: readonly SpeechExample[],
  params: DecodeParams,
  resources: DecodeResources | PreparedResources = NO_DECODE_RESOURCES,
  onProgress?: (done: number, total: number) => void,
  onError?: (input: string, error: Error) => void,
): EvalSummary {
  const decoder = createDecoder(recognizer.labels, params, resources);
  const details: EvalDetail[] = [];
  examples.forEach((e, i) => {
    let audio;
    try {
      audio = readExampleAudio(e);
    } catch (err) {
      // With onError, an unreadable file is reported and left out of the scores.
      if (!onError) throw err;
      onError(e.audio, err as Error);
      return;
    }
    const hyp = transcribeSamples(recognizer, audio.samples, TARGET_SAMPLE_RATE, params, {
      decoder,
    }).text;
    details.push({ input: e.audio, reference: e.text, hypothesis: hyp });
    onProgress?.(i + 1, examples.length);
  });
  return scoreDetails(details);
}

/** The scores of recognized ink, with the words wrong only by their case (countCaseErrors). */
export function scoreInkDetails(details: EvalDetail[]): EvalSummary {
  let caseErrors = 0;
  let words = 0;
  for (const d of details) {
    caseErrors += countCaseErrors(d.reference, d.hypothesis);
    words += d.reference.split(/\s+/).filter(Boolean).length;
  }
  const { details: rows, ...totals } = scoreDetails(details);
  return {
    ...totals,
    caseErrors,
    caseErrorRate: round4(words ? caseErrors / words : 0),
    details: rows,
  };
}

/** Scores a handwriting recognizer on labelled ink. */
export function evaluateInk(
  recognizer: Recognizer,
  examples: readonly { ink: Ink; label: string; input?: string }[],
  params: DecodeParams,
  resources: DecodeResources | PreparedResources = NO_DECODE_RESOURCES,
  onProgress?: (done: number, total: number) => void,
): EvalSummary {
  const decoder = createDecoder(recognizer.labels, params, resources);
  const details: EvalDetail[] = [];
  examples.forEach((e, i) => {
    const hyp = recognizeInk(recognizer, e.ink, params, decoder).text;
    details.push({ input: e.input, reference: e.label, hypothesis: hyp });
    onProgress?.(i + 1, examples.length);
  });
  return scoreInkDetails(details);
}
