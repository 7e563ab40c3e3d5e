// The one transcript model: the text the user sees, and for each of its words
// the timing and confidence of the recognized word it came from. Dictation
// (spoken-commands.ts) and the user's edits both go through here, so the word
// list and every export show exactly the text in the Transcript box.

export interface Timing {
  start: number;
  end: number;
  confidence: number;
  /** Outside the model's words: spelled as heard (markSpelled, engine/recognize/unsure-words.ts). */
  spelled?: true;
}

/** One whitespace-separated word of `text`, [from, to) in characters. */
export interface TranscriptToken {
  from: number;
  to: number;
  /** Null for words the user typed. */
  timing: Timing | null;
}

export interface TranscriptState {
  text: string;
  /** Exactly the words of `text`, in order (an invariant every change keeps). */
  tokens: TranscriptToken[];
  /** Where each dictated phrase began in `text`, newest last, for "scratch that". */
  phraseStarts: number[];
}

export const emptyTranscript: TranscriptState = { text: '', tokens: [], phraseStarts: [] };

/** The [from, to) ranges of the whitespace-separated words of `text`. */
export function wordRanges(text: string): { from: number; to: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
}

/** Above this many word pairs to align, the changed middle is taken as retyped. */
const MAX_ALIGN_CELLS = 1_000_000;

/**
 * Pairs old[i] with new[j] where the words are the same, keeping their order
 * (longest common subsequence); returns, for each new word, its old index or -1.
 */
function alignWords(old: readonly string[], next: readonly string[]): number[] {
  const n = old.length;
  const m = next.length;
  const match = new Array<number>(m).fill(-1);
  if (n * m > MAX_ALIGN_CELLS) return match;
  // lcs[i][j]: LCS length of old[i..] and next[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        old[i] === next[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (old[i] === next[j]) match[j++] = i++;
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return match;
}

/**
 * The transcript after the user changed its text to `text` (typing, deleting,
 * pasting, clearing). The old and new words are aligned: a word still there
 * keeps its timing, a word replaced by exactly one word between two kept ones
 * was corrected and keeps its timing too, and other typed words have none.
 * Earlier phrases can no longer be scratched.
 */
export function editTranscript(state: TranscriptState, text: string): TranscriptState {
  const wordOf = (t: { from: number; to: number }, of: string) => of.slice(t.from, t.to);
  const oldWords = state.tokens.map((t) => wordOf(t, state.text));
  const ranges = wordRanges(text);
  const newWords = ranges.map((r) => wordOf(r, text));
  // Edits are local: align only what lies between the common first and last words.
  let a = 0;
  while (a < oldWords.length && a < newWords.length && oldWords[a] === newWords[a]) a++;
  let b = 0;
  while (
    b < oldWords.length - a &&
    b < newWords.length - a &&
    oldWords.at(-1 - b) === newWords.at(-1 - b)
  )
    b++;
  const middle = alignWords(
    oldWords.slice(a, oldWords.length - b),
    newWords.slice(a, newWords.length - b),
  );
  const source = newWords.map((_, j) => {
    if (j < a) return j;
    if (j >= newWords.length - b) return j - newWords.length + oldWords.length;
    const k = middle[j - a]!;
    return k < 0 ? -1 : k + a;
  });
  // A lone new word between two kept ones, where one old word stood: a correction.
  source.forEach((k, j) => {
    if (k >= 0) return;
    const before = j === 0 ? -1 : source[j - 1]!;
    const after = j === source.length - 1 ? oldWords.length : source[j + 1]!;
    if ((j === 0 || before >= 0) && after >= 0 && after - before === 2) source[j] = before + 1;
  });
  const tokens = ranges.map((r, j) => ({
    ...r,
    timing: source[j]! >= 0 ? state.tokens[source[j]!]!.timing : null,
  }));
  return { text, tokens, phraseStarts: [] };
}

/** A word as shown, with times for every export (typed words take their neighbour's time). */
export interface ShownWord {
  word: string;
  start: number;
  end: number;
  confidence: number;
  /** Outside the model's words: spelled as heard. */
  spelled?: true;
  /** Typed by the user, not recognized: its time is only where it sits. */
  typed: boolean;
}

export function shownWords(state: TranscriptState): ShownWord[] {
  const words: ShownWord[] = [];
  const nextTimed = (i: number) => state.tokens.slice(i).find((t) => t.timing)?.timing ?? null;
  state.tokens.forEach((t, i) => {
    const word = state.text.slice(t.from, t.to);
    if (t.timing) {
      words.push({ word, ...t.timing, typed: false });
      return;
    }
    const at = words.at(-1)?.end ?? nextTimed(i)?.start ?? 0;
    words.push({ word, start: at, end: at, confidence: 1, typed: true });
  });
  return words;
}
