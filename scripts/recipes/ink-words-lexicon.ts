/**
 * The handwritten-words model's decoding files: the lexicon (every training
 * label, lines cut into words, and Debian's wamerican: SCOWL's English words
 * with the 1990 US census names and places) with its licence, and the
 * character LM (ink-char-lm.ts). Written by the words evaluation when a
 * recipe publishes, and by scripts/ink-words-lexicon.ts for the shipped model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { englishWords } from './data-sources';
import { INK_CHAR_LM_FILE, inkCharLmArpa } from './ink-char-lm';

export const INK_WORDS_LEXICON_FILE = 'lexicons/ink-words.txt';
const LICENCE_FILE = 'lexicons/ink-words.LICENSE';
/** The word list's licence travels with it (SCOWL via Debian's wamerican). */
const WAMERICAN_NOTICE = '/usr/share/doc/wamerican/copyright';

/** The lexicon's words, sorted: training labels and wamerican. */
export function inkWordsLexicon(trainLabels: readonly string[]): string[] {
  return [...new Set([...trainLabels.filter(Boolean), ...englishWords()])].sort();
}

/**
 * Writes the lexicon, its licence and the character LM with `write(relative
 * path, text)` (writeAsset for assets/); returns the lexicon's words and the
 * files' relative paths.
 */
export function writeInkWordsDecoding(
  trainLabels: readonly string[],
  trainWords: readonly string[],
  write: (relative: string, text: string) => string,
): { words: string[]; lexicon: string; lexiconPath: string; charLm: string; charLmPath: string } {
  const words = inkWordsLexicon(trainLabels);
  const lexiconPath = write(INK_WORDS_LEXICON_FILE, `${words.join('\n')}\n`);
  if (existsSync(WAMERICAN_NOTICE)) write(LICENCE_FILE, readFileSync(WAMERICAN_NOTICE, 'utf8'));
  const charLmPath = write(INK_CHAR_LM_FILE, inkCharLmArpa(words, trainWords));
  return {
    words,
    lexicon: INK_WORDS_LEXICON_FILE,
    lexiconPath,
    charLm: INK_CHAR_LM_FILE,
    charLmPath,
  };
}
