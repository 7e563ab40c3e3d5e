/** A word list as a trie over the alphabet's tokens. */
import type { Alphabet } from './alphabet.js';
import { TokenTrie, type TokenTrieData } from './token-trie.js';

/** A Lexicon's trie and counts, from share(), for Lexicon.fromShared in another thread. */
export interface LexiconData {
  trie: TokenTrieData;
  count: number;
  skipped: string[];
}

export class Lexicon {
  private words: TokenTrie;
  /** Words that could not be spelled with the alphabet (left out). */
  readonly skipped: string[] = [];
  private count = 0;

  /** The words' trie (it keeps where each word ends, not the word's text). */
  get trie(): TokenTrie {
    return this.words;
  }

  constructor(
    readonly alphabet: Alphabet,
    words: Iterable<string>,
  ) {
    this.words = new TokenTrie(alphabet.size);
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
      this.words.insert(tokens);
      this.count++;
    }
  }

  /** Number of words in the trie. */
  get size(): number {
    return this.count;
  }

  /**
   * The trie, moved onto SharedArrayBuffers (once) for Lexicon.fromShared in
   * other threads, which then read it instead of building their own.
   */
  share(): LexiconData {
    return { trie: this.words.share(), count: this.count, skipped: this.skipped };
  }

  /** The lexicon another thread shared, over the same alphabet (read-only). */
  static fromShared(alphabet: Alphabet, data: LexiconData): Lexicon {
    if (data.trie.V !== alphabet.size)
      throw new RangeError('the shared lexicon was built for a different alphabet');
    const lexicon = new Lexicon(alphabet, []);
    lexicon.skipped.push(...data.skipped);
    lexicon.words = TokenTrie.fromShared(data.trie);
    lexicon.count = data.count;
    return lexicon;
  }
}
