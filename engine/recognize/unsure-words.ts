// Words a recognizer is unsure of, which Dictate underlines and `transcribe`
// flags: those of low acoustic confidence, and those spelled as heard, outside
// the model's words (its lexicon or word LM's, decoding-words.ts), the user's
// vocabulary and hotwords. A broad model writes such words letter by letter,
// often wrongly and yet with a high confidence ("santeryporttocjontomyrowmornay"
// at 73%), so confidence alone does not catch them.
import { LOW_CONFIDENCE, type RecognitionResult, type WordResult } from './result';

/** Why a word is one to check (as `--json` outputs and the app's API say it). */
export const UNSURE_REASONS = ['low-confidence', 'spelled-as-heard'] as const;
export type UnsureReason = (typeof UNSURE_REASONS)[number];

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

/** Punctuation written before or after a word (handwriting: "system.", "(see"). */
const SURROUNDING_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

/** A number written in digits ("678", "3.5", "10:30", "1,000"). */
const NUMBER = /^\d+(?:[.,:/-]\d+)*$/;

/**
 * Whether a word is in `known`, as written or without the punctuation around
 * it (handwriting writes "system." as one word, and a word list has
 * "system"). A number written in digits counts as known: no word list lists
 * numbers, so only its confidence can say it is wrong.
 */
function isKnown(word: string, known: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (known.has(w)) return true;
  const bare = w.replace(SURROUNDING_PUNCTUATION, '');
  return bare !== '' && (known.has(bare) || NUMBER.test(bare));
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
  return words.map((w) => (isKnown(w.word, known) ? w : { ...w, spelled: true }));
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

/** A recognized word judged: `unsure`, and `why` when it is. */
export type FlaggedWord = WordResult & { unsure: boolean; why?: UnsureReason[] };

/** A result whose words are judged. */
export interface FlaggedResult extends RecognitionResult {
  words: FlaggedWord[];
}

/**
 * Flags the words of results decoded against `dictionary`'s words
 * (decodingWords of the decoder's resources; null: it has no word list) with
 * this vocabulary and these hotwords: a word of low confidence, or outside
 * those words and the listed ones (spelled as heard), is unsure. The known
 * words (a set of the whole lexicon or LM vocabulary) are gathered at the
 * first call, so a caller that never shows the flags never pays for them.
 */
export function unsureFlagger(
  dictionary: () => readonly string[] | null,
  vocabulary: readonly { phrase: string; written?: string | undefined }[] | null,
  hotwords: readonly string[],
): (words: readonly WordResult[]) => FlaggedWord[] {
  let known: ReadonlySet<string> | null | undefined;
  return (words) => {
    if (known === undefined) known = knownWords(dictionary(), listedWords(vocabulary, hotwords));
    return markSpelled(words, known).map(({ spelled, ...w }) => ({
      ...w,
      ...unsureFields({ confidence: w.confidence, spelled }),
    }));
  };
}

/**
 * The text cut into the recognized words and what lies between them (spaces,
 * or text no word accounts for), each word found after the one before so the
 * text's own spacing stays; a word not found in the text is left out. The
 * pieces joined give the text back.
 */
export function placeWords<W extends { word: string }>(
  text: string,
  words: readonly W[],
): { text: string; word?: W }[] {
  const pieces: { text: string; word?: W }[] = [];
  let at = 0;
  for (const w of words) {
    const i = w.word === '' ? -1 : text.indexOf(w.word, at);
    if (i < 0) continue;
    if (i > at) pieces.push({ text: text.slice(at, i) });
    pieces.push({ text: w.word, word: w });
    at = i + w.word.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
