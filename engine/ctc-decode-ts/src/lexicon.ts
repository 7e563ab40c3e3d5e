/** A word list as a trie over the alphabet's tokens. */
import type { Alphabet } from './alphabet.js';
import { TokenTrie } from './token-trie.js';

export class Lexicon {
  readonly trie: TokenTrie;
  /** Words that could not be spelled with the alphabet (left out). */
  readonly skipped: string[] = [];
  private count = 0;

  constructor(
    readonly alphabet: Alphabet,
    words: Iterable<string>,
  ) {
    this.trie = new TokenTrie(alphabet.size);
    for (const word of words) {
      if (typeof word !== 'string') throw new TypeError('lexicon words must be strings');
      if (word === '' || (alphabet.delimiterIndex >= 0 && word.includes(alphabet.wordDelimiter))) {
        this.skipped.push(word);
        continue;
      }
      let tokens: number[];
      try {
        tokens = alphabet.encode(word);
      } catch {
        this.skipped.push(word);
        continue;
      }
      this.trie.insert(tokens, word);
      this.count++;
    }
  }

  /** Number of words in the trie. */
  get size(): number {
    return this.count;
  }
}
