/**
 * Back-off n-gram language model (the ARPA model of Katz 1987 as written by
 * SRILM and KenLM), any order, natural-log probabilities inside.
 *
 *   P(w | h) = P*(h w)                  if the n-gram h w is listed
 *            = bow(h) * P(w | h[1:])    otherwise (bow = 1 when h is not listed)
 *
 * Every n-gram gets an id; its id + 1 is its node in a TokenTrie over word
 * ids (node 0 is the empty history), so an n-gram h w is found with one hash
 * probe of the edge (node of h, id(w)). A model state is the id of the
 * longest listed suffix of the history, which is all the back-off formula
 * needs. The tables are typed arrays, and share() puts them on
 * SharedArrayBuffers for NgramLm.fromShared in other threads.
 */
import { BOS, EOS, UNK, type LanguageModel, type LmScore } from './language-model.js';
import { sharedCopy, TokenTrie, type TokenTrieData } from './token-trie.js';

/** One n-gram with natural-log probability and back-off weight. */
export interface NgramEntry {
  words: readonly string[];
  logProb: number;
  backoff: number;
}

/** An NgramLm's tables, from share(): SharedArrayBuffer-backed, for NgramLm.fromShared in another thread. */
export interface NgramLmData {
  order: number;
  vocab: string[];
  trie: TokenTrieData;
  lp: Float64Array;
  bow: Float64Array;
  word: Int32Array;
  prefix: Int32Array;
  suffix: Int32Array;
  len: Uint8Array;
}

/** Score of a word absent from a model that has no <unk>: log10 = -100, as KenLM. */
const MISSING_UNK_LOG_PROB = -100 * Math.LN10;

type Table = Float64Array | Int32Array | Uint8Array;

/** Longest n-gram order (lengths are kept in bytes). */
const MAX_ORDER = 255;

export class NgramLm implements LanguageModel {
  private readonly vocab: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Node id + 1 of every n-gram; terminal = listed (0 for n-grams created only as context). */
  private trie = new TokenTrie(0);
  private count = 0;
  // Per n-gram id.
  private lp: Float64Array = new Float64Array(16);
  private bow: Float64Array = new Float64Array(16);
  private word: Int32Array = new Int32Array(16);
  private prefix: Int32Array = new Int32Array(16);
  private suffix: Int32Array = new Int32Array(16);
  private len: Uint8Array = new Uint8Array(16);
  private unkId = -1;

  private constructor(readonly order: number) {}

  /**
   * Builds a model from n-grams. Entries must be unique; prefixes and
   * suffixes missing from the list (pruned models) are added as unlisted
   * contexts with back-off weight 1.
   */
  static fromEntries(order: number, entries: readonly NgramEntry[]): NgramLm {
    const vocabulary = new Set<string>();
    for (const e of entries) for (const w of e.words) vocabulary.add(w);
    const builder = NgramLm.builder(order, [...vocabulary]);
    const sorted = entries.slice().sort((a, b) => a.words.length - b.words.length);
    for (const e of sorted) {
      if (e.words.length < 1 || e.words.length > order) {
        throw new RangeError(`n-gram "${e.words.join(' ')}" has length outside [1, ${order}]`);
      }
      if (!builder.add(e.words, e.logProb, e.backoff))
        throw new RangeError(`n-gram "${e.words.join(' ')}" is listed twice`);
    }
    return builder.build();
  }

  /**
   * Builds a model one n-gram at a time, shorter ones first (the order of an
   * ARPA file), over a known vocabulary, so a reader need not hold every
   * entry at once. `add` returns false for an n-gram listed already; its
   * words must be in the vocabulary and its length in [1, order].
   */
  static builder(
    order: number,
    vocabulary: readonly string[],
  ): {
    add(words: readonly string[], logProb: number, backoff: number): boolean;
    build(): NgramLm;
  } {
    if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
      throw new RangeError(`order must be an integer in [1, ${MAX_ORDER}], got ${order}`);
    }
    const lm = new NgramLm(order);
    for (const w of vocabulary) lm.internWord(w);
    lm.trie = new TokenTrie(lm.vocab.length);
    const ids: number[] = [];
    return {
      add(words, logProb, backoff) {
        ids.length = 0;
        for (const w of words) ids.push(lm.wordIds.get(w)!);
        const id = lm.ensure(ids, 0, ids.length);
        if (lm.trie.isTerminal(id + 1)) return false;
        lm.trie.setTerminal(id + 1);
        lm.lp[id] = logProb;
        lm.bow[id] = backoff;
        return true;
      },
      build() {
        lm.unkId = lm.wordIds.get(UNK) ?? -1;
        lm.trim();
        return lm;
      },
    };
  }

  /** The model another thread shared (read-only). */
  static fromShared(data: NgramLmData): NgramLm {
    const n = data.lp.length;
    if (
      [data.bow, data.word, data.prefix, data.suffix, data.len].some((a) => a.length !== n) ||
      data.trie.nodes !== n + 1
    )
      throw new RangeError('not the tables of a shared NgramLm');
    const lm = new NgramLm(data.order);
    for (const w of data.vocab) lm.internWord(w);
    lm.trie = TokenTrie.fromShared(data.trie);
    lm.count = n;
    lm.lp = data.lp;
    lm.bow = data.bow;
    lm.word = data.word;
    lm.prefix = data.prefix;
    lm.suffix = data.suffix;
    lm.len = data.len;
    lm.unkId = lm.wordIds.get(UNK) ?? -1;
    return lm;
  }

  /**
   * The tables, moved onto SharedArrayBuffers (once) for NgramLm.fromShared in
   * other threads; this model reads them from then on.
   */
  share(): NgramLmData {
    if (!(this.lp.buffer instanceof SharedArrayBuffer)) this.mapTables(sharedCopy);
    const { order, vocab, lp, bow, word, prefix, suffix, len } = this;
    return { order, vocab, trie: this.trie.share(), lp, bow, word, prefix, suffix, len };
  }

  private internWord(w: string): void {
    if (!this.wordIds.has(w)) {
      this.wordIds.set(w, this.vocab.length);
      this.vocab.push(w);
    }
  }

  /**
   * Id of the n-gram with word ids ids[from..to), created unlisted (with its
   * prefix and suffix) if absent.
   */
  private ensure(ids: readonly number[], from: number, to: number): number {
    const n = to - from;
    const prefix = n > 1 ? this.ensure(ids, from, to - 1) : -1;
    const w = ids[to - 1];
    const found = this.trie.child(prefix + 1, w);
    if (found >= 0) return found - 1;
    const suffix = n > 1 ? this.ensure(ids, from + 1, to) : -1;
    const id = this.trie.extend(prefix + 1, w) - 1;
    if (id === this.lp.length) this.grow();
    this.count = id + 1;
    this.lp[id] = -Infinity;
    this.bow[id] = 0;
    this.word[id] = w;
    this.prefix[id] = prefix;
    this.suffix[id] = suffix;
    this.len[id] = n;
    return id;
  }

  private grow(): void {
    const size = this.lp.length * 2;
    this.mapTables(<A extends Table>(a: A): A => {
      const out = new (a.constructor as new (n: number) => A)(size);
      out.set(a as never);
      return out;
    });
  }

  /** The per-n-gram tables cut to the n-grams there are. */
  private trim(): void {
    this.mapTables(<A extends Table>(a: A): A => a.slice(0, this.count) as A);
  }

  /** Replaces each per-n-gram table by f of it (grown, cut or shared). */
  private mapTables(f: <A extends Table>(a: A) => A): void {
    this.lp = f(this.lp);
    this.bow = f(this.bow);
    this.word = f(this.word);
    this.prefix = f(this.prefix);
    this.suffix = f(this.suffix);
    this.len = f(this.len);
  }

  initialState(): number {
    if (this.order === 1) return -1;
    return this.bosState();
  }

  score(state: number, word: string): LmScore {
    let w = this.wordIds.get(word);
    if (w === undefined || word === BOS) w = this.unkId;
    if (w < 0) return { logProb: MISSING_UNK_LOG_PROB, state: -1 };
    let s = state;
    let backoff = 0;
    let next = -2;
    for (;;) {
      const node = this.trie.child(s + 1, w);
      if (node >= 0) {
        const id = node - 1;
        if (next === -2) next = id;
        if (this.trie.isTerminal(node)) {
          if (this.len[next] >= this.order) next = this.suffix[next];
          return { logProb: backoff + this.lp[id], state: next };
        }
      }
      if (s < 0) return { logProb: MISSING_UNK_LOG_PROB, state: -1 };
      backoff += this.bow[s];
      s = this.suffix[s];
    }
  }

  finalScore(state: number): number {
    return this.wordIds.has(EOS) ? this.score(state, EOS).logProb : 0;
  }

  hasWord(word: string): boolean {
    return word !== BOS && word !== EOS && word !== UNK && this.wordIds.has(word);
  }

  words(): string[] {
    return this.vocab.filter((w) => this.hasWord(w));
  }

  /** ln P(word | context) with the context given as words (include '<s>' for a sentence start). */
  logProb(context: readonly string[], word: string): number {
    let state = -1;
    for (const w of context.slice(Math.max(0, context.length - (this.order - 1)))) {
      state = w === BOS ? this.bosState() : this.score(state, w).state;
    }
    return this.score(state, word).logProb;
  }

  /** ln P of a whole sentence, <s> ... </s> included. */
  sentenceLogProb(words: readonly string[]): number {
    let state = this.initialState();
    let total = 0;
    for (const w of words) {
      const r = this.score(state, w);
      total += r.logProb;
      state = r.state;
    }
    return total + this.finalScore(state);
  }

  private bosState(): number {
    const bos = this.wordIds.get(BOS);
    const node = bos === undefined ? -1 : this.trie.child(TokenTrie.ROOT, bos);
    return node < 0 ? -1 : node - 1;
  }

  /** Listed n-grams in order of length, then insertion. */
  entries(): NgramEntry[] {
    const ids = [...Array(this.count).keys()].filter((id) => this.trie.isTerminal(id + 1));
    ids.sort((a, b) => this.len[a] - this.len[b] || a - b);
    return ids.map((id) => ({
      words: this.wordsOf(id),
      logProb: this.lp[id],
      backoff: this.bow[id],
    }));
  }

  private wordsOf(id: number): string[] {
    const out: string[] = [];
    for (let i = id; i >= 0; i = this.prefix[i]) out.push(this.vocab[this.word[i]]);
    return out.reverse();
  }

  /** The model as ARPA text (log10 values, 8 significant digits). */
  toArpa(): string {
    const entries = this.entries();
    const counts = new Array<number>(this.order).fill(0);
    for (const e of entries) counts[e.words.length - 1]++;
    const lines = ['\\data\\'];
    counts.forEach((c, i) => lines.push(`ngram ${i + 1}=${c}`));
    let current = 0;
    for (const e of entries) {
      const n = e.words.length;
      if (n !== current) {
        for (let k = current + 1; k <= n; k++) lines.push('', `\\${k}-grams:`);
        current = n;
      }
      const bad = e.words.find((w) => /\s/.test(w) || w === '');
      if (bad !== undefined) {
        throw new RangeError(`toArpa: word ${JSON.stringify(bad)} is empty or contains whitespace`);
      }
      let line = `${log10(e.logProb)}\t${e.words.join(' ')}`;
      if (n < this.order) line += `\t${log10(e.backoff)}`;
      lines.push(line);
    }
    for (let k = current + 1; k <= this.order; k++) lines.push('', `\\${k}-grams:`);
    lines.push('', '\\end\\', '');
    return lines.join('\n');
  }
}

function log10(x: number): string {
  if (x === -Infinity) return '-99';
  const v = x / Math.LN10;
  return v === 0 ? '0' : String(Number(v.toPrecision(8)));
}
