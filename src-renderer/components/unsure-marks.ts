// How the app marks a word the recognizer is unsure of (the engine's
// judgement, engine/recognize/unsure-words.ts): a class that underlines it and
// a note for its title saying why, the same in Dictate and in Write.
import type { UnsureReason } from '../../engine/index';

export interface UnsureMark {
  /** Said after the word's details in its title. */
  note: string;
  className: string;
}

const MARKS: Record<UnsureReason, UnsureMark> = {
  'low-confidence': { note: ' (low: check this word)', className: 'word low-confidence' },
  'spelled-as-heard': {
    note: " (not in the model's words, spelled as heard: check this word)",
    className: 'word spelled',
  },
};

/** The mark of a word unsure for these reasons (the first is shown); undefined for a word to trust. */
export function unsureMark(why: readonly UnsureReason[] | undefined): UnsureMark | undefined {
  const first = why?.[0];
  return first === undefined ? undefined : MARKS[first];
}
