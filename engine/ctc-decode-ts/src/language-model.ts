/**
 * What the beam search needs from a language model. States are small
 * integers owned by the model, so a beam stores one number and two beams with
 * the same state share it.
 */
export interface LmScore {
  /** Natural-log probability of the word given the state. */
  logProb: number;
  /** State after the word. */
  state: number;
}

export interface LanguageModel {
  /** Longest n-gram order. */
  readonly order: number;
  /** State at the start of a sentence (after <s>). */
  initialState(): number;
  /** ln P(word | state) and the next state. Unknown words score as <unk>. */
  score(state: number, word: string): LmScore;
  /** ln P(</s> | state): the cost of ending the sentence here. */
  finalScore(state: number): number;
  /** Whether the word is in the vocabulary (not <unk>). */
  hasWord(word: string): boolean;
  /** The vocabulary, without <s>, </s> and <unk>. */
  words(): string[];
}

/** Marker words of ARPA files. */
export const BOS = '<s>';
export const EOS = '</s>';
export const UNK = '<unk>';
/** How a character language model spells the word delimiter (ARPA tokens cannot contain spaces). */
export const CHAR_LM_SPACE = '<space>';
