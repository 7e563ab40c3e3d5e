/**
 * The character LM of the handwritten-words model: open-vocabulary decoding
 * (`--lexicon none`) spells words as English spells them instead of forcing a
 * word from the lexicon. Trained on the same word list as the lexicon.
 */
import { trainCharNgramLm } from '../../engine/ctc-decode-ts/src/index';
import { writeAsset } from './assets';

/** 5-gram: 4.6 MB of ARPA over the 105,729-word lexicon (4-gram 1.5 MB, 6-gram 10 MB). */
export const INK_CHAR_LM_ORDER = 5;
export const INK_CHAR_LM_FILE = `lm/ink-words.char${INK_CHAR_LM_ORDER}.arpa`;

/** Trains the modified Kneser-Ney character LM on `words` and writes it under assets/. */
export function writeInkCharLm(words: readonly string[]): { file: string; arpa: string } {
  const arpa = trainCharNgramLm(words, INK_CHAR_LM_ORDER, { smoothing: 'kneser-ney' }).toArpa();
  writeAsset(INK_CHAR_LM_FILE, arpa);
  return { file: INK_CHAR_LM_FILE, arpa };
}
