/**
 * Hotwords as one trie over tokens, so a beam advances its few partial
 * matches by one token with a hash probe each, whatever the list size.
 *
 * A hotword (a word or a phrase of words) must start at a word start and end
 * at a word end. A completed hotword adds its weight; while a match is in
 * progress the beam gets the share weight * matched / length (the largest over
 * the hotwords below the trie node), which keeps it alive until it completes
 * and disappears if the match breaks.
 */
import type { Alphabet } from './alphabet.js';
import { TokenTrie } from './token-trie.js';

export interface Hotword {
  phrase: string;
  /** Bonus (natural log) for producing the phrase. Default: the decoder's hotwordWeight. */
  weight?: number;
}

export class HotwordTrie {
  readonly trie: TokenTrie;
  /** Per trie node: bonus of a match in progress at that node. */
  private readonly partial: number[] = [0];
  /** Per trie node: bonus of a completed hotword ending there. */
  private readonly complete: number[] = [0];
  /** Per trie node: the largest partial bonus among its children. */
  private readonly childPartial: number[] = [-Infinity];

  constructor(alphabet: Alphabet, hotwords: readonly (string | Hotword)[], defaultWeight: number) {
    this.trie = new TokenTrie(alphabet.size);
    hotwords.forEach((entry, i) => {
      const phrase = typeof entry === 'string' ? entry : entry?.phrase;
      const weight = typeof entry === 'string' ? defaultWeight : (entry?.weight ?? defaultWeight);
      if (typeof phrase !== 'string' || phrase.trim() === '') {
        throw new TypeError(`hotwords[${i}] must be a non-empty string or { phrase, weight }`);
      }
      if (!Number.isFinite(weight))
        throw new TypeError(`hotwords[${i}].weight must be a finite number`);
      let tokens: number[];
      try {
        tokens = alphabet.encode(phrase.trim());
      } catch (e) {
        throw new RangeError(`hotwords[${i}]: ${(e as Error).message}`);
      }
      let node = TokenTrie.ROOT;
      tokens.forEach((token, depth) => {
        const parent = node;
        node = this.trie.extend(node, token);
        while (this.partial.length <= node) {
          this.partial.push(-Infinity);
          this.complete.push(-Infinity);
          this.childPartial.push(-Infinity);
        }
        this.partial[node] = Math.max(this.partial[node], (weight * (depth + 1)) / tokens.length);
        this.childPartial[parent] = Math.max(this.childPartial[parent], this.partial[node]);
      });
      this.trie.insert(tokens);
      this.complete[node] = Math.max(this.complete[node], weight);
    });
  }

  child(node: number, token: number): number {
    return this.trie.child(node, token);
  }

  /** Bonus of a match in progress at node. */
  partialBonus(node: number): number {
    return this.partial[node];
  }

  /** The largest partial bonus one more token can reach from node (-Infinity at a leaf). */
  childPartialBonus(node: number): number {
    return this.childPartial[node];
  }

  /** Bonus when a hotword ends at node, 0 otherwise. */
  completeBonus(node: number): number {
    return this.trie.isTerminal(node) ? this.complete[node] : 0;
  }
}
