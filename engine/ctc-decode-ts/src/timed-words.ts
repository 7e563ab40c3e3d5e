import type { Alphabet } from './alphabet.js';

export interface TokenTiming {
  token: number;
  text: string;
  /** Frame where this token's log-probability peaks. */
  frame: number;
  /** First and last frame of the run where the token is the most likely output (its peak if none). */
  startFrame: number;
  endFrame: number;
}

export interface WordTiming {
  word: string;
  startFrame: number;
  endFrame: number;
  /** exp(mean over the word's tokens of their peak log-probability), in [0, 1]. */
  confidence: number;
}

/**
 * A result's words from its timed tokens (split at word delimiters) and its
 * text: the words joined by the delimiter, or the tokens themselves when the
 * alphabet has none. peakLogProbs[i] is token i's peak log-probability.
 */
export function timedWords(
  alphabet: Alphabet,
  tokens: readonly TokenTiming[],
  peakLogProbs: readonly number[],
): { text: string; words: WordTiming[] } {
  const delim = alphabet.delimiterIndex;
  const words: WordTiming[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i].token !== delim) continue;
    if (i > start) {
      let sumLp = 0;
      let word = '';
      for (let j = start; j < i; j++) {
        sumLp += peakLogProbs[j];
        word += tokens[j].text;
      }
      words.push({
        word,
        startFrame: tokens[start].startFrame,
        endFrame: tokens[i - 1].endFrame,
        confidence: Math.exp(sumLp / (i - start)),
      });
    }
    start = i + 1;
  }
  const text =
    delim >= 0
      ? words.map((w) => w.word).join(alphabet.wordDelimiter)
      : tokens.map((x) => x.text).join('');
  return { text, words };
}
