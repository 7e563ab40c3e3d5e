/**
 * Estimates a back-off n-gram model from sentences, as `lmplz`/`ngram-count`
 * do, so applications can ship or build their own LM without Python.
 *
 * Both smoothings are interpolated (Chen & Goodman 1998):
 *   P(w | h) = max(a(h w) - D, 0) / A(h) + gamma(h) * P(w | h[1:])
 * and the unigram level interpolates with the uniform distribution over the
 * vocabulary (</s> and <unk> included, <s> excluded). An interpolated model
 * is exactly an ARPA back-off model with P*(h w) = P(w | h) for seen n-grams
 * and bow(h) = gamma(h), so the written ARPA sums to 1 for every history.
 *
 * - 'kneser-ney': modified Kneser-Ney. a = raw counts at the highest order
 *   and for n-grams starting with <s>, continuation counts N1+(. h w)
 *   otherwise; three discounts D1, D2, D3+ per order from counts of counts.
 * - 'witten-bell': a = raw counts, D = 0, gamma(h) = T(h) / (A(h) + T(h)) with
 *   T(h) the number of distinct words seen after h.
 */
import { BOS, CHAR_LM_SPACE, EOS, UNK } from './language-model.js';
import { NgramLm, type NgramEntry } from './ngram-lm.js';
import { checkInteger } from './validate.js';

export type Smoothing = 'kneser-ney' | 'witten-bell';

export interface TrainNgramOptions {
  /** Default 'kneser-ney'. */
  smoothing?: Smoothing;
  /**
   * Count cut-offs for orders 2, 3, …: an n-gram (n ≥ 2) seen fewer times than
   * its order's minimum is left out of the model (unless it is the history of
   * a longer n-gram that stays), and its history's back-off weight is
   * recomputed so every distribution still sums to 1 (as SRILM's -gtNmin).
   * Makes the ARPA file much smaller for a large vocabulary. Default: none.
   */
  minCounts?: readonly number[];
}

/** Statistics of one history at one order. */
interface History {
  total: number;
  types: number;
  /** Number of continuations with adjusted count 1, 2 and >= 3 (Kneser-Ney). */
  n1: number;
  n2: number;
  n3: number;
}

const SEP = ' ';

/** Trains a word n-gram model; each sentence is an array of words (tokens without whitespace). */
export function trainNgramLm(
  sentences: readonly (readonly string[])[],
  order: number,
  options: TrainNgramOptions = {},
): NgramLm {
  checkInteger('order', order, 1, 10);
  const smoothing = options.smoothing ?? 'kneser-ney';
  if (smoothing !== 'kneser-ney' && smoothing !== 'witten-bell') {
    throw new RangeError(
      `options.smoothing must be 'kneser-ney' or 'witten-bell', got ${String(smoothing)}`,
    );
  }
  const minCounts = options.minCounts ?? [];
  if (!Array.isArray(minCounts) || minCounts.length > order - 1) {
    throw new RangeError(
      `options.minCounts must be an array of at most order - 1 = ${order - 1} counts`,
    );
  }
  minCounts.forEach((c, i) => checkInteger(`options.minCounts[${i}]`, c, 1));
  if (!Array.isArray(sentences) || sentences.length === 0) {
    throw new RangeError('sentences must be a non-empty array of word arrays');
  }

  // counts[m-1]: m-gram (words joined by SEP) -> raw count; the last word is never <s>.
  const counts: Map<string, number>[] = Array.from({ length: order }, () => new Map());
  const vocab = new Set<string>([EOS, UNK]);
  sentences.forEach((sentence, s) => {
    if (!Array.isArray(sentence)) throw new TypeError(`sentences[${s}] must be an array of words`);
    const padded = [BOS];
    sentence.forEach((w: string, j: number) => {
      if (typeof w !== 'string' || w === '' || /\s/.test(w) || w === BOS || w === EOS) {
        throw new TypeError(
          `sentences[${s}][${j}] = ${JSON.stringify(w)}: words must be non-empty, without whitespace, and not <s> or </s>`,
        );
      }
      padded.push(w);
      vocab.add(w);
    });
    padded.push(EOS);
    for (let i = 1; i < padded.length; i++) {
      for (let m = 1; m <= order && i - m + 1 >= 0; m++) {
        const key = padded.slice(i - m + 1, i + 1).join(SEP);
        counts[m - 1].set(key, (counts[m - 1].get(key) ?? 0) + 1);
      }
    }
  });

  // Adjusted counts a(g).
  const adjusted = counts.map((c, m) => {
    if (smoothing === 'witten-bell' || m === order - 1) return c;
    const continuation = new Map<string, number>();
    for (const key of counts[m + 1].keys()) {
      const suffix = key.slice(key.indexOf(SEP) + 1);
      continuation.set(suffix, (continuation.get(suffix) ?? 0) + 1);
    }
    const a = new Map<string, number>();
    for (const [key, raw] of c) {
      a.set(key, key.startsWith(BOS + SEP) || key === BOS ? raw : (continuation.get(key) ?? 0));
    }
    return a;
  });

  const discounts = adjusted.map((a) => (smoothing === 'kneser-ney' ? knDiscounts(a) : [0, 0, 0]));
  const histories = adjusted.map((a) => {
    const h = new Map<string, History>();
    for (const [key, count] of a) {
      if (count === 0) continue;
      const cut = key.lastIndexOf(SEP);
      const ctx = cut < 0 ? '' : key.slice(0, cut);
      let st = h.get(ctx);
      if (!st) h.set(ctx, (st = { total: 0, types: 0, n1: 0, n2: 0, n3: 0 }));
      st.total += count;
      st.types++;
      if (count === 1) st.n1++;
      else if (count === 2) st.n2++;
      else st.n3++;
    }
    return h;
  });
  const gamma = (m: number, st: History): number => {
    if (smoothing === 'witten-bell') return st.types / (st.total + st.types);
    const [d1, d2, d3] = discounts[m];
    return (d1 * st.n1 + d2 * st.n2 + d3 * st.n3) / st.total;
  };
  const discounted = (m: number, st: History, count: number): number => {
    if (smoothing === 'witten-bell') return count / (st.total + st.types);
    const d = discounts[m][Math.min(count, 3) - 1];
    return Math.max(count - d, 0) / st.total;
  };

  // Probabilities, lowest order first: prob[m] maps the m-gram key to P(w | h).
  const uniform = 1 / vocab.size;
  const prob: Map<string, number>[] = [];
  for (let m = 0; m < order; m++) {
    const p = new Map<string, number>();
    for (const [key, count] of adjusted[m]) {
      if (count === 0) continue;
      const cut = key.lastIndexOf(SEP);
      const st = histories[m].get(cut < 0 ? '' : key.slice(0, cut))!;
      const lower = m === 0 ? uniform : prob[m - 1].get(key.slice(key.indexOf(SEP) + 1))!;
      p.set(key, discounted(m, st, count) + gamma(m, st) * lower);
    }
    prob.push(p);
  }

  const entries: NgramEntry[] = [];
  const rootGamma = gamma(0, histories[0].get('')!);
  for (const w of vocab) {
    if (!prob[0].has(w)) prob[0].set(w, rootGamma * uniform); // <unk>: only the uniform share
  }
  const pruned = minCounts.some((c) => c > 1) ? pruneNgrams(prob, counts, minCounts) : null;
  const backoff = (m: number, key: string): number => {
    if (pruned) return Math.log(pruned.bow.get(key) ?? 1);
    const st = m + 1 < order ? histories[m + 1].get(key) : undefined;
    return st ? Math.log(gamma(m + 1, st)) : 0;
  };
  entries.push({ words: [BOS], logProb: -Infinity, backoff: backoff(0, BOS) });
  prob.forEach((p, m) => {
    for (const [key, value] of p) {
      if (pruned && !pruned.kept(m, key)) continue;
      entries.push({ words: key.split(SEP), logProb: Math.log(value), backoff: backoff(m, key) });
    }
  });
  return NgramLm.fromEntries(order, entries);
}

/**
 * Count cut-offs (TrainNgramOptions.minCounts): which n-grams stay, and the
 * back-off weight of each history that makes its distribution sum to 1 again:
 * bow(h) = (1 - sum of P(w | h) kept) / (1 - sum of P'(w | h[1:]) over the same w),
 * with P' the pruned model's own lower-order probability.
 */
function pruneNgrams(
  prob: Map<string, number>[],
  counts: Map<string, number>[],
  minCounts: readonly number[],
): { kept(m: number, key: string): boolean; bow: Map<string, number> } {
  const order = prob.length;
  const keep: (Set<string> | null)[] = Array.from({ length: order }, () => null);
  for (let m = order - 1; m >= 1; m--) {
    const min = minCounts[m - 1] ?? 1;
    const k = new Set<string>();
    for (const key of prob[m].keys()) if ((counts[m].get(key) ?? 0) >= min) k.add(key);
    // The history of a kept longer n-gram stays, so its back-off weight has an entry.
    for (const key of keep[m + 1] ?? []) {
      const history = key.slice(0, key.lastIndexOf(SEP));
      if (prob[m].has(history)) k.add(history);
    }
    keep[m] = k;
  }
  const kept = (m: number, key: string) => m === 0 || keep[m]!.has(key);
  const bow = new Map<string, number>();
  // P'(last word | first words) of an (m+1)-gram key in the pruned model.
  const effective = (m: number, key: string): number => {
    if (kept(m, key)) return prob[m].get(key)!;
    const history = key.slice(0, key.lastIndexOf(SEP));
    return (bow.get(history) ?? 1) * effective(m - 1, key.slice(key.indexOf(SEP) + 1));
  };
  for (let m = 1; m < order; m++) {
    const sums = new Map<string, [number, number]>();
    for (const key of keep[m]!) {
      const history = key.slice(0, key.lastIndexOf(SEP));
      const s = sums.get(history) ?? [0, 0];
      s[0] += prob[m].get(key)!;
      s[1] += effective(m - 1, key.slice(key.indexOf(SEP) + 1));
      sums.set(history, s);
    }
    for (const [history, [p, lower]] of sums)
      bow.set(history, (1 - p) / Math.max(1 - lower, 1e-12));
  }
  return { kept, bow };
}

/**
 * Trains a character n-gram model on texts; the word delimiter is spelled
 * CHAR_LM_SPACE ('<space>') and runs of whitespace count as one delimiter.
 */
export function trainCharNgramLm(
  texts: readonly string[],
  order: number,
  options: TrainNgramOptions & { wordDelimiter?: string } = {},
): NgramLm {
  if (!Array.isArray(texts)) throw new TypeError('texts must be an array of strings');
  const delimiter = options.wordDelimiter ?? ' ';
  const sentences = texts.map((text, i) => {
    if (typeof text !== 'string') throw new TypeError(`texts[${i}] must be a string`);
    return text
      .trim()
      .split(delimiter === ' ' ? /\s+/ : delimiter)
      .filter((w) => w !== '')
      .flatMap((word, j) => (j === 0 ? Array.from(word) : [CHAR_LM_SPACE, ...Array.from(word)]));
  });
  return trainNgramLm(sentences, order, options);
}

/**
 * Modified Kneser-Ney discounts D1, D2, D3+ (Chen & Goodman 1998, eq. 26)
 * from the numbers of n-grams with adjusted count 1..4. Small corpora can
 * make them degenerate; then a single D = n1 / (n1 + 2 n2) (or 0.5) is used.
 */
function knDiscounts(a: Map<string, number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const c of a.values()) if (c >= 1 && c <= 4) n[c]++;
  const y = n[1] / (n[1] + 2 * n[2]);
  const d: [number, number, number] = [
    1 - 2 * y * (n[2] / n[1]),
    2 - 3 * y * (n[3] / n[2]),
    3 - 4 * y * (n[4] / n[3]),
  ];
  if (d.every((x, i) => Number.isFinite(x) && x > 0 && x <= i + 1)) return d;
  const single = y > 0 && y < 1 ? y : 0.5;
  return [single, single, single];
}
