// Words a recognizer is unsure of, which Dictate underlines and `transcribe`
// flags: those of low acoustic confidence, and those spelled as heard, outside
// the model's words (its lexicon or word LM's, decoding-words.ts), the user's
// vocabulary and hotwords. A broad model writes such words letter by letter,
// often wrongly and yet with a high confidence ("santeryporttocjontomyrowmornay"
// at 73%), so confidence alone does not catch them.
import { LOW_CONFIDENCE } from './result';

/** Why a word is one to check. */
export type UnsureReason = 'low-confidence' | 'spelled-as-heard';

/**
 * The words a user listed, for knownWords: the vocabulary's entries as said
 * and as written ("John = jon": both) and the hotwords.
 */
export function listedWords(
  vocabulary: readonly { phrase: string; written?: string | undefined }[] | null,
  hotwords: readonly string[],
): string[] {
  return [
    ...hotwords,
    ...(vocabulary ?? []).flatMap((e) =>
      e.written === undefined ? [e.phrase] : [e.phrase, e.written],
    ),
  ];
}

/**
 * The words a recognition may write from a list (lower case): the model's
 * dictionary (decodingWords) and the words of the `listed` phrases; null when
 * the model has no dictionary (it spells every word, so none is singled out).
 */
export function knownWords(
  dictionary: readonly string[] | null,
  listed: readonly string[],
): ReadonlySet<string> | null {
  if (dictionary === null) return null;
  const known = new Set(dictionary.map((w) => w.toLowerCase()));
  for (const phrase of listed)
    for (const w of phrase.toLowerCase().split(/\s+/)) if (w !== '') known.add(w);
  return known;
}

/**
 * The recognized words, those outside `known` flagged `spelled` (the raw
 * words of a result, before numbers are written as digits or commands act);
 * as they are when the model has no word list to judge by.
 */
export function markSpelled<W extends { word: string }>(
  words: readonly W[],
  known: ReadonlySet<string> | null,
): (W & { spelled?: true })[] {
  if (known === null) return [...words];
  return words.map((w) => (known.has(w.word.toLowerCase()) ? w : { ...w, spelled: true }));
}

/** Why a word is one to check (low confidence first); empty for a word to trust. */
export function unsureReasons(w: { confidence: number; spelled?: boolean }): UnsureReason[] {
  const why: UnsureReason[] = [];
  if (w.confidence < LOW_CONFIDENCE) why.push('low-confidence');
  if (w.spelled) why.push('spelled-as-heard');
  return why;
}

/** The fields JSON outputs add to a word: `unsure`, and `why` when it is. */
export function unsureFields(w: { confidence: number; spelled?: boolean }): {
  unsure: boolean;
  why?: UnsureReason[];
} {
  const why = unsureReasons(w);
  return why.length > 0 ? { unsure: true, why } : { unsure: false };
}
