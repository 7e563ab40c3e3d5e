/** A word list as a trie over the alphabet's tokens. */
import type { Alphabet } from './alphabet.js';
import { TokenTrie, type TokenTrieData } from './token-trie.js';

/** A Lexicon's trie and the words it skipped, from share(), for Lexicon.fromShared in another thread. */
export interface LexiconData {
  trie: TokenTrieData;
  skipped: string[];
}

export class Lexicon {
  private words: TokenTrie;
  /** Words that could not be spelled with the alphabet (left out). */
  readonly skipped: string[] = [];

  /** The words' trie (it keeps where each word ends, not the word's text). */
  get trie(): TokenTrie {
    return this.words;
  }

  constructor(
    readonly alphabet: Alphabet,
    words: Iterable<string>,
  ) {
    this.words = new TokenTrie(alphabet.size);
    const spell = spellerOf(alphabet);
    for (const word of words) {
      if (typeof word !== 'string') throw new TypeError('lexicon words must be strings');
      const tokens =
        word === '' || (alphabet.delimiterIndex >= 0 && word.includes(alphabet.wordDelimiter))
          ? null
          : spell(word);
      if (tokens === null) {
        this.skipped.push(word);
        continue;
      }
      this.words.insert(tokens);
    }
  }

  /** Number of words in the trie (a word listed twice counts once). */
  get size(): number {
    return this.words.ends;
  }

  /**
   * The trie, moved onto SharedArrayBuffers (once) for Lexicon.fromShared in
   * other threads, which then read it instead of building their own.
   */
  share(): LexiconData {
    return { trie: this.words.share(), skipped: this.skipped };
  }

  /** The lexicon another thread shared, over the same alphabet (read-only). */
  static fromShared(alphabet: Alphabet, data: LexiconData): Lexicon {
    if (data.trie.V !== alphabet.size)
      throw new RangeError('the shared lexicon was built for a different alphabet');
    const lexicon = new Lexicon(alphabet, []);
    lexicon.skipped.push(...data.skipped);
    lexicon.words = TokenTrie.fromShared(data.trie);
    return lexicon;
  }
}

/**
 * A word's tokens, or null when the alphabet cannot spell it. With one
 * UTF-16 unit per token (most alphabets) a table lookup per character, with
 * no array of tokens thrown away for an unspellable word (a speech model
 * spells none of a word list's capitalised variants); else alphabet.encode.
 */
function spellerOf(alphabet: Alphabet): (word: string) => ArrayLike<number> | null {
  if (alphabet.tokens.some((t, i) => i !== alphabet.blank && t.length !== 1))
    return (word) => {
      try {
        return alphabet.encode(word);
      } catch {
        return null;
      }
    };
  const tokenOf = new Int32Array(0x10000).fill(-1);
  alphabet.tokens.forEach((t, i) => {
    if (i !== alphabet.blank) tokenOf[t.charCodeAt(0)] = i;
  });
  const tokens = new Int32Array(64);
  return (word) => {
    const out =
      word.length <= tokens.length ? tokens.subarray(0, word.length) : new Int32Array(word.length);
    for (let i = 0; i < word.length; i++) {
      const k = tokenOf[word.charCodeAt(i)];
      if (k < 0) return null;
      out[i] = k;
    }
    return out;
  };
}
