/**
 * A closed vocabulary (a grammar in Vosk's sense): the only words and phrases
 * the decoder may produce, as one trie over tokens. A phrase is stored as its
 * words joined by the word delimiter, so its words follow each other in the
 * trie; an entry ends at a terminal node carrying its weight.
 *
 * A prefix's place in the grammar is a small set of states (trie node, bonus
 * so far): after a word that both ends one entry and begins a longer phrase
 * ("new" and "new york"), a delimiter either goes on inside the phrase or
 * starts a new entry at the root. The bonus is the sum of the weights of the
 * entries completed on that reading; a prefix scores the best reading.
 */
import type { Alphabet } from './alphabet.js';
import { TokenTrie } from './token-trie.js';

export interface VocabularyEntry {
  /** A word, or a phrase of words separated by spaces. */
  phrase: string;
  /** Bonus (natural log) added each time the entry is produced. Default 0. */
  weight?: number;
}

/** Where a prefix may be in the grammar: parallel lists of trie nodes and their bonuses. */
export interface VocabularyStates {
  readonly nodes: readonly number[];
  readonly bonuses: readonly number[];
}

export class Vocabulary {
  readonly trie: TokenTrie;
  /** Largest entry weight, or 0 (what completing one entry can add at most). */
  readonly maxWeight: number;
  /** The start state: the root, nothing completed. */
  readonly initial: VocabularyStates = { nodes: [TokenTrie.ROOT], bonuses: [0] };
  private readonly weights = new Map<number, number>();
  private readonly delim: number;
  private count = 0;

  /**
   * Throws a RangeError naming the entry (its index) when an entry is empty,
   * has a non-finite weight, or cannot be spelled with the alphabet, and when a
   * phrase has several words but the alphabet has no word delimiter.
   */
  constructor(
    readonly alphabet: Alphabet,
    entries: Iterable<string | VocabularyEntry>,
  ) {
    this.trie = new TokenTrie(alphabet.size);
    this.delim = alphabet.delimiterIndex;
    let maxWeight = 0;
    let i = 0;
    for (const entry of entries) {
      const at = `vocabulary[${i++}]`;
      const phrase = typeof entry === 'string' ? entry : entry?.phrase;
      const weight = typeof entry === 'string' ? 0 : (entry?.weight ?? 0);
      if (typeof phrase !== 'string') {
        throw new TypeError(`${at} must be a string or { phrase, weight }`);
      }
      if (typeof weight !== 'number' || !Number.isFinite(weight)) {
        throw new RangeError(`${at}.weight must be a finite number, got ${String(weight)}`);
      }
      const words = phrase.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) throw new RangeError(`${at} is empty`);
      if (words.length > 1 && this.delim < 0) {
        throw new RangeError(
          `${at} ${JSON.stringify(phrase)} has several words but the alphabet has no word delimiter`,
        );
      }
      const tokens: number[] = [];
      for (const word of words) {
        if (tokens.length > 0) tokens.push(this.delim);
        try {
          tokens.push(...alphabet.encode(word));
        } catch (e) {
          throw new RangeError(`${at}: ${(e as Error).message}`);
        }
      }
      const node = this.trie.insert(tokens, words.join(alphabet.wordDelimiter));
      // The same entry twice keeps its largest weight.
      const previous = this.weights.get(node);
      if (previous === undefined) this.count++;
      this.weights.set(node, previous === undefined ? weight : Math.max(previous, weight));
      maxWeight = Math.max(maxWeight, this.weights.get(node)!);
    }
    this.maxWeight = maxWeight;
  }

  /** Number of distinct entries. */
  get size(): number {
    return this.count;
  }

  /** The entries as spelled in the trie, with their weights. */
  entries(): { phrase: string; weight: number }[] {
    return this.entryNodes().map(({ phrase, weight }) => ({ phrase, weight }));
  }

  /** The entries with the trie node where each ends, in insertion order. */
  entryNodes(): { phrase: string; weight: number; node: number }[] {
    return [...this.weights].map(([node, weight]) => ({
      phrase: this.trie.valueAt(node)!,
      weight,
      node,
    }));
  }

  /** Weight of the entry ending at node, or undefined when none ends there. */
  weightAt(node: number): number | undefined {
    return this.weights.get(node);
  }

  /**
   * The states after one more token: a letter of a word follows the trie; a
   * delimiter that closes a word goes on inside a phrase and, after a complete
   * entry, starts the next one at the root. Null when no state can take it.
   */
  advance(states: VocabularyStates, token: number): VocabularyStates | null {
    const nodes: number[] = [];
    const bonuses: number[] = [];
    const add = (node: number, bonus: number) => {
      const k = nodes.indexOf(node);
      if (k < 0) {
        nodes.push(node);
        bonuses.push(bonus);
      } else if (bonus > bonuses[k]) bonuses[k] = bonus;
    };
    for (let i = 0; i < states.nodes.length; i++) {
      const node = states.nodes[i];
      const next = this.trie.child(node, token);
      if (next >= 0) add(next, states.bonuses[i]);
      if (token === this.delim) {
        const w = this.weights.get(node);
        if (w !== undefined) add(TokenTrie.ROOT, states.bonuses[i] + w);
      }
    }
    return nodes.length === 0 ? null : { nodes, bonuses };
  }

  /** The best bonus of the states (what the prefix carries while it goes on). */
  best(states: VocabularyStates): number {
    let best = -Infinity;
    for (const b of states.bonuses) best = Math.max(best, b);
    return best;
  }

  /**
   * The bonus of ending the text here: at the root after a completed entry, or
   * at the end of an entry (its weight added); -Infinity inside an entry.
   */
  finalBonus(states: VocabularyStates): number {
    let best = -Infinity;
    for (let i = 0; i < states.nodes.length; i++) {
      const node = states.nodes[i];
      if (node === TokenTrie.ROOT) best = Math.max(best, states.bonuses[i]);
      const w = this.weights.get(node);
      if (w !== undefined) best = Math.max(best, states.bonuses[i] + w);
    }
    return best;
  }
}
