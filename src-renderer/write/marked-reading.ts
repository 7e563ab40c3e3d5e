// The recognized text of the Write view cut into its words, each with a title
// giving its confidence and, for a word the recognizer is unsure of (judged in
// the back end, as `recognize-ink --json` says it), the class and note Dictate
// marks such words with (unsure-marks.ts).
import { placeWords } from '../../engine/index';
import type { InkWord } from '../../src-common/api';
import { unsureMark } from '../components/unsure-marks';

export interface ReadingPiece {
  text: string;
  /** Only for a word: how it is shown and what its title says. */
  word?: { className: string; title: string };
}

/**
 * The text's pieces: its words (found in it in order) and what lies between
 * them; text no word accounts for (a result without words) stays plain.
 */
export function markedReading(text: string, words: readonly InkWord[]): ReadingPiece[] {
  return placeWords(text, words).map(({ text: piece, word }) => {
    if (!word) return { text: piece };
    const mark = unsureMark(word.why);
    return {
      text: piece,
      word: {
        className: mark?.className ?? 'word',
        title: `confidence ${Math.round(word.confidence * 100)}%${mark?.note ?? ''}`,
      },
    };
  });
}
