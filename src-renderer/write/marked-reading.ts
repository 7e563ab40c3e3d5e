// The recognized text of the Write view cut into its words, each marked as
// Dictate marks its words (unsure-marks.ts): a title giving its confidence
// and, for a word the recognizer is unsure of (judged in the back end, as
// `recognize-ink --json` says it), the class, note and reason saying why.
import { placeWords } from '../../engine/index';
import type { InkWord } from '../../src-common/api';
import { wordMarking, type WordMarking } from '../components/unsure-marks';

export interface ReadingPiece {
  text: string;
  /** Only for a word: how it is shown. */
  word?: WordMarking;
}

/**
 * The text's pieces: its words (found in it in order) and what lies between
 * them; text no word accounts for (a result without words) stays plain.
 */
export function markedReading(text: string, words: readonly InkWord[]): ReadingPiece[] {
  return placeWords(text, words).map(({ text: piece, word }) =>
    word
      ? {
          text: piece,
          word: wordMarking(`confidence ${Math.round(word.confidence * 100)}%`, word.why),
        }
      : { text: piece },
  );
}
