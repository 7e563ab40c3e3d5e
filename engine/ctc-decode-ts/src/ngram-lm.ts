/**
 * Back-off n-gram language model (the ARPA model of Katz 1987 as written by
 * SRILM and KenLM), any order, natural-log probabilities inside.
 *
 *   P(w | h) = P*(h w)                  if the n-gram h w is listed
 *            = bow(h) * P(w | h[1:])    otherwise (bow = 1 when h is not listed)
 *
 * Every listed n-gram gets an id; an n-gram h w is found with one hash probe
 * of the key (id(h) + 1) * W + id(w). A model state is the id of the longest
 * listed suffix of the history, which is all the back-off formula needs.
 */
import { BOS, EOS, UNK, type LanguageModel, type LmScore } from './language-model.js';

/** One n-gram with natural-log probability and back-off weight. */
export interface NgramEntry {
  words: readonly string[];
  logProb: number;
  backoff: number;
}

/** Score of a word absent from a model that has no <unk>: log10 = -100, as KenLM. */
const MISSING_UNK_LOG_PROB = -100 * Math.LN10;

export class NgramLm implements LanguageModel {
  private readonly vocab: string[] = [];
  private readonly wordIds = new Map<string, number>();
  private readonly index = new Map<number, number>();
  private W = 0;
  // Per n-gram id.
  private readonly lp: number[] = [];
  private readonly bow: number[] = [];
  private readonly word: number[] = [];
  private readonly prefix: number[] = [];
  private readonly suffix: number[] = [];
  private readonly len: number[] = [];
  /** 0 for n-grams created only because a listed longer n-gram needs them as context. */
  private readonly listed: number[] = [];
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
    if (!Number.isInteger(order) || order < 1) {
      throw new RangeError(`order must be an integer >= 1, got ${order}`);
    }
    const lm = new NgramLm(order);
    for (const w of vocabulary) lm.internWord(w);
    lm.W = lm.vocab.length + 1;
    return {
      add(words, logProb, backoff) {
        const id = lm.ensure(words.map((w) => lm.wordIds.get(w)!));
        if (lm.listed[id]) return false;
        lm.listed[id] = 1;
        lm.lp[id] = logProb;
        lm.bow[id] = backoff;
        return true;
      },
      build() {
        lm.unkId = lm.wordIds.get(UNK) ?? -1;
        return lm;
      },
    };
  }

  private internWord(w: string): void {
    if (!this.wordIds.has(w)) {
      this.wordIds.set(w, this.vocab.length);
      this.vocab.push(w);
    }
  }

  /** Id of the n-gram with these word ids, created unlisted (with its prefix and suffix) if absent. */
  private ensure(ids: readonly number[]): number {
    const n = ids.length;
    const prefix = n > 1 ? this.ensure(ids.slice(0, -1)) : -1;
    const key = (prefix + 1) * this.W + ids[n - 1];
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const suffix = n > 1 ? this.ensure(ids.slice(1)) : -1;
    const id = this.lp.length;
    this.index.set(key, id);
    this.lp.push(-Infinity);
    this.bow.push(0);
    this.word.push(ids[n - 1]);
    this.prefix.push(prefix);
    this.suffix.push(suffix);
    this.len.push(n);
    this.listed.push(0);
    return id;
  }

  initialState(): number {
    if (this.order === 1) return -1;
    const bos = this.wordIds.get(BOS);
    return bos === undefined ? -1 : (this.index.get(bos) ?? -1);
  }

  score(state: number, word: string): LmScore {
    let w = this.wordIds.get(word);
    if (w === undefined || word === BOS) w = this.unkId;
    if (w < 0) return { logProb: MISSING_UNK_LOG_PROB, state: -1 };
    let s = state;
    let backoff = 0;
    let next = -2;
    for (;;) {
      const id = this.index.get((s + 1) * this.W + w);
      if (id !== undefined) {
        if (next === -2) next = id;
        if (this.listed[id]) {
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
    return bos === undefined ? -1 : (this.index.get(bos) ?? -1);
  }

  /** Listed n-grams in order of length, then insertion. */
  entries(): NgramEntry[] {
    const ids = [...this.lp.keys()].filter((id) => this.listed[id]);
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
