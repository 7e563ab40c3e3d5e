/**
 * Exhaustive references for tiny problems: enumerate every frame-level path
 * (V^T of them), collapse it the CTC way and add up probabilities per labelling.
 */
import type { VocabularyEntry } from '../src/vocabulary.js';

/** Collapses a path: merge repeats, then drop blanks. */
export function collapse(path: ArrayLike<number>, blank: number): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (k !== prev && k !== blank) out.push(k);
    prev = k;
  }
  return out;
}

/** Calls `visit` with every frame-level path (V^T of them) and its log-probability. */
export function forEachPath(
  logProbs: ArrayLike<number>,
  T: number,
  V: number,
  visit: (path: readonly number[], logP: number) => void,
): void {
  const path = new Array<number>(T).fill(0);
  const count = V ** T;
  for (let n = 0; n < count; n++) {
    let rest = n;
    let logP = 0;
    for (let t = 0; t < T; t++) {
      path[t] = rest % V;
      rest = Math.floor(rest / V);
      logP += logProbs[t * V + path[t]];
    }
    visit(path, logP);
  }
}

/** Map from labelling (labels joined by ',') to its total probability, in float64. */
export function labellingProbabilities(
  logProbs: ArrayLike<number>,
  T: number,
  V: number,
  blank: number,
): Map<string, number> {
  const totals = new Map<string, number>();
  forEachPath(logProbs, T, V, (path, logP) => {
    const key = collapse(path, blank).join(',');
    totals.set(key, (totals.get(key) ?? 0) + Math.exp(logP));
  });
  return totals;
}

/**
 * The text of a labelling key of labellingProbabilities ('1,2,1') with
 * `chars[k - 1]` for label k (blank 0), whitespace-normalised as the decoder's
 * hypotheses are: " a", "a " and "a  b" read "a", "a", "a b".
 */
export function labellingText(key: string, chars: string): string {
  return key
    .split(',')
    .filter((k) => k !== '')
    .map((k) => chars[Number(k) - 1])
    .join('')
    .trim()
    .replace(/ +/g, ' ');
}

/** Row-wise log-softmax of logits [T, V], in float64. */
export function logSoftmax(logits: ArrayLike<number>, T: number, V: number): Float64Array {
  const out = new Float64Array(T * V);
  for (let t = 0; t < T; t++) {
    let max = -Infinity;
    for (let k = 0; k < V; k++) max = Math.max(max, logits[t * V + k]);
    let sum = 0;
    for (let k = 0; k < V; k++) sum += Math.exp(logits[t * V + k] - max);
    const lse = max + Math.log(sum);
    for (let k = 0; k < V; k++) out[t * V + k] = logits[t * V + k] - lse;
  }
  return out;
}

/**
 * The best total weight of reading `text` as a sequence of entries (their
 * words in order), or -Infinity when it is no such sequence: the reference
 * the decoder's grammar states must agree with.
 */
export function bestReading(text: string, entries: readonly VocabularyEntry[]): number {
  const words = text === '' ? [] : text.split(' ');
  const best = new Array<number>(words.length + 1).fill(-Infinity);
  best[words.length] = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    for (const e of entries) {
      const ew = e.phrase.split(' ');
      if (ew.every((w, j) => words[i + j] === w))
        best[i] = Math.max(best[i], best[i + ew.length] + (e.weight ?? 0));
    }
  }
  return best[0];
}
