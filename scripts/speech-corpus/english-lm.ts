/**
 * The text of the broad speech model's English word LM (issue 19, item 4):
 * sentences a speaker might dictate, from what this machine has —
 *  - WordNet's example sentences (Debian's `wordnet-base`, WordNet 3.0
 *    licence: use, copy and distribute with its notice),
 *  - the corpus's own text generator (names, numbers, dates, times, commands,
 *    template sentences), drawn with a seed of its own,
 *  - every word and name of Debian's word lists as a sentence of one word, so
 *    any dictionary word can be dictated (wamerican/wbritish, SCOWL's notice).
 * Pure: file contents and randomness are passed in.
 */
import type { Random } from '../synth-vocabulary';
import { createTextSampler, type WordLists } from './text';

/** A word the speech alphabet can spell: a–z with inner apostrophes ("o'clock", "isn't"). */
const WORD = /^[a-z]+(?:'[a-z]+)*$/;

/**
 * A written sentence as the words a speaker says, or null when it holds
 * something the LM cannot take as it is written (digits, symbols read aloud,
 * non-English letters) or fewer than `minWords` words.
 */
export function normalizeSentence(text: string, minWords = 2): string | null {
  if (/[0-9&%$@#+=_<>/\\]/.test(text)) return null;
  const words = text
    .toLowerCase()
    .replace(/[-–—]+/g, ' ')
    .replace(/[.,;:!?()[\]{}"`]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
  if (words.length < minWords || !words.every((w) => WORD.test(w))) return null;
  return words.join(' ');
}

/**
 * The example sentences of a WordNet 3.0 data file (data.noun, data.verb, …):
 * the double-quoted parts of each synset's gloss, after the `|`. The licence
 * header (lines starting with spaces) has no gloss and is skipped.
 */
export function wordNetExamples(dataFile: string): string[] {
  const out: string[] = [];
  for (const line of dataFile.split('\n')) {
    if (line.startsWith(' ')) continue;
    const bar = line.indexOf(' | ');
    if (bar < 0) continue;
    for (const m of line.slice(bar + 3).matchAll(/"([^"]+)"/g)) {
      const s = normalizeSentence(m[1]);
      if (s) out.push(s);
    }
  }
  return out;
}

export interface LmTextSources {
  /** Contents of WordNet's data.* files. */
  wordNet: readonly string[];
  lists: WordLists;
  /** How many utterances of the corpus text generator to add. */
  generated: number;
  rng: Random;
}

export interface LmText {
  /** Each sentence as words. */
  sentences: string[][];
  counts: { wordNet: number; generated: number; listWords: number };
}

/** The LM's training sentences, each as words (see the file comment for the sources). */
export function englishLmText(o: LmTextSources): LmText {
  const wordNet = [...new Set(o.wordNet.flatMap(wordNetExamples))];
  const sample = createTextSampler(o.lists, o.rng);
  const generated = Array.from({ length: o.generated }, () => sample().text);
  const listWords = [...new Set([...o.lists.words, ...o.lists.names])];
  return {
    sentences: [...wordNet, ...generated, ...listWords].map((s) => s.split(' ')),
    counts: { wordNet: wordNet.length, generated: generated.length, listWords: listWords.length },
  };
}
