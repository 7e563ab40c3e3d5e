// Exports of a dictation: plain text, SubRip subtitles from word timings, JSON.
// All three are made from the one transcript (transcript.ts): what is shown.
import type { Word } from '../../src-common/api';
import { unsureFields } from '../../engine/index';
import { shownWords, type TranscriptState } from './transcript';

/** SRT time: HH:MM:SS,mmm */
export function formatSrtTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(
    Math.floor(ms / 1000) % 60,
  )},${pad(ms % 1000, 3)}`;
}

export interface CueLimits {
  maxWords: number;
  maxSeconds: number;
  /** A pause longer than this starts a new cue. */
  maxGap: number;
}

const DEFAULT_LIMITS: CueLimits = { maxWords: 7, maxSeconds: 3.5, maxGap: 0.8 };

/** Groups words into subtitle cues: short, and split at pauses. */
export function toSrt(words: readonly Word[], limits: CueLimits = DEFAULT_LIMITS): string {
  const cues: Word[][] = [];
  for (const word of words) {
    const cue = cues.at(-1);
    const last = cue?.at(-1);
    if (
      !cue ||
      !last ||
      cue.length >= limits.maxWords ||
      word.end - cue[0]!.start > limits.maxSeconds ||
      word.start - last.end > limits.maxGap
    ) {
      cues.push([word]);
    } else {
      cue.push(word);
    }
  }
  return cues
    .map(
      (cue, i) =>
        `${i + 1}\n${formatSrtTime(cue[0]!.start)} --> ${formatSrtTime(cue.at(-1)!.end)}\n${cue
          .map((w) => w.word)
          .join(' ')}\n`,
    )
    .join('\n');
}

export function toTxt(transcript: string): string {
  return transcript.endsWith('\n') || transcript === '' ? transcript : `${transcript}\n`;
}

/**
 * The transcript and its words as shown (typed words marked, timed where they
 * sit); each word says whether the recognizer is unsure of it and why, as
 * `transcribe --json` does (a typed word is the user's: never unsure).
 */
export function toJson(transcript: TranscriptState): string {
  const words = shownWords(transcript).map((w) => ({
    ...w,
    ...(w.typed ? { unsure: false } : unsureFields(w)),
  }));
  return `${JSON.stringify({ transcript: transcript.text, words }, null, 2)}\n`;
}
