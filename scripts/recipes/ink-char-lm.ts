/**
 * The character LM of the handwritten-words model: open-vocabulary decoding
 * (`--lexicon none`), and words outside the lexicon, are spelled as English
 * spells them. Trained on the lexicon's words once each plus the words of the
 * training split as often as they were written, so frequent words weigh more
 * (on the words validation: 56.8% → 58.1% open vocabulary, 62.7% → 63.4% with
 * the lexicon).
 */
import { trainCharNgramLm } from 'ctc-decode-ts';

/** 5-gram: 4.6 MB of ARPA over the 105,729-word lexicon (4-gram 1.5 MB, 6-gram 10 MB). */
export const INK_CHAR_LM_ORDER = 5;
export const INK_CHAR_LM_FILE = `lm/ink-words.char${INK_CHAR_LM_ORDER}.arpa`;

/** The modified Kneser-Ney character LM of the lexicon `words` and the `written` words (with repeats), as ARPA. */
export function inkCharLmArpa(words: readonly string[], written: readonly string[]): string {
  return trainCharNgramLm([...words, ...written], INK_CHAR_LM_ORDER, {
    smoothing: 'kneser-ney',
  }).toArpa();
}
