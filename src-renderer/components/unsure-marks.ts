// How the app marks a word the recognizer is unsure of (the engine's
// judgement, engine/recognize/unsure-words.ts): a class that underlines it, a
// note for its title saying why, and the same reason in a sentence for those
// who get neither the underline nor the title (UnsureWord.tsx): the same in
// Dictate and in Write.
import type { UnsureReason } from '../../engine/index';

export interface UnsureMark {
  /** Said after the word's details in its title. */
  note: string;
  /** Why, in a sentence: what assistive technology says of the word, and what pressing it shows. */
  reason: string;
  className: string;
}

const MARKS: Record<UnsureReason, UnsureMark> = {
  'low-confidence': {
    note: ' (low: check this word)',
    reason: 'Unsure: low confidence. Check this word.',
    className: 'word low-confidence',
  },
  'spelled-as-heard': {
    note: " (not in the model's words, spelled as heard: check this word)",
    reason: "Unsure: not in the model's words, spelled as heard. Check this word.",
    className: 'word spelled',
  },
};

/** The mark of a word unsure for these reasons (the first is shown); undefined for a word to trust. */
function unsureMark(why: readonly UnsureReason[] | undefined): UnsureMark | undefined {
  const first = why?.[0];
  return first === undefined ? undefined : MARKS[first];
}

/** How a recognized word is shown. */
export interface WordMarking {
  className: string;
  /** Its details (timing, confidence), then, for an unsure word, the note saying why. */
  title: string;
  /** Only for a word the recognizer is unsure of: why, and the details on their own. */
  unsure?: { reason: string; details: string };
}

/** A recognized word with these details (its timing, confidence), marked if it is unsure for these reasons. */
export function wordMarking(
  details: string,
  why: readonly UnsureReason[] | undefined,
): WordMarking {
  const mark = unsureMark(why);
  if (!mark) return { className: 'word', title: details };
  return {
    className: mark.className,
    title: details + mark.note,
    unsure: { reason: mark.reason, details },
  };
}
