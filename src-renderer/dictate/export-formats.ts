// Exports of a dictation: plain text, SubRip subtitles from word timings, JSON.
import type { RecognitionResult, Word } from '../../src-common/api';

/** A recognized utterance and where its audio starts in the whole recording (s). */
export interface TimedUtterance {
  offset: number;
  result: RecognitionResult;
}

/** All words with times on one clock (the recording's). */
export function timedWords(utterances: readonly TimedUtterance[]): Word[] {
  return utterances.flatMap(({ offset, result }) =>
    result.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })),
  );
}

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

export function toJson(transcript: string, utterances: readonly TimedUtterance[]): string {
  return `${JSON.stringify({ transcript, words: timedWords(utterances), utterances }, null, 2)}\n`;
}
