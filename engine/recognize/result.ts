import type { BeamResult } from 'ctc-decode-ts';

/** A recognized word with its position: seconds for audio, point indices for ink. */
export interface WordResult {
  word: string;
  start: number;
  end: number;
  /** In [0, 1]. */
  confidence: number;
}

/** What every recognizer returns (DESIGN.md "Result"). */
export interface RecognitionResult {
  text: string;
  words: WordResult[];
  nbest: { text: string; score: number }[];
}

/**
 * Below this confidence a word is one the recognizer is unsure of: the app
 * marks it for checking (the CLI's --json gives every word's confidence).
 */
export const LOW_CONFIDENCE = 0.6;

export const emptyResult = (): RecognitionResult => ({ text: '', words: [], nbest: [] });

/**
 * Turns decoder beams into a result; `position(frame, edge)` maps an output
 * frame index to seconds or a point index (edge 'end' gives the end of the frame).
 */
export function beamsToResult(
  beams: readonly BeamResult[],
  position: (frame: number, edge: 'start' | 'end') => number,
): RecognitionResult {
  const best = beams[0];
  if (!best) return emptyResult();
  return {
    text: best.text,
    words: best.words.map((w) => ({
      word: w.word,
      start: position(w.startFrame, 'start'),
      end: position(w.endFrame, 'end'),
      confidence: w.confidence,
    })),
    nbest: beams.map((b) => ({ text: b.text, score: b.score })),
  };
}

/** Appends `next` to `acc` (words shifted by `offset`), joining texts with a space. */
export function concatResults(
  acc: RecognitionResult,
  next: RecognitionResult,
  offset: number,
): RecognitionResult {
  if (!next.text) return acc;
  const join = (a: string, b: string) => (a && b ? `${a} ${b}` : a || b);
  return {
    text: join(acc.text, next.text),
    words: [
      ...acc.words,
      ...next.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })),
    ],
    // N-best of a multi-utterance input: combine the best prefix with each alternative of the last part.
    nbest: next.nbest.map((n) => ({
      text: join(acc.text, n.text),
      score: (acc.nbest[0]?.score ?? 0) + n.score,
    })),
  };
}
