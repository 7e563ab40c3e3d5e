/**
 * CTC forced alignment: the single most likely frame-by-frame path (Viterbi)
 * that collapses to a known target. Used to find where each label of a
 * transcript was spoken or written, e.g. to cut words out of a sentence.
 */
import { checkSequenceArgs } from './validate.js';

export interface AlignOptions {
  /** Index of the blank label. Default 0. */
  blank?: number;
}

/** Where one target label sits on the best path: frames [start, end] inclusive. */
export interface AlignedToken {
  token: number;
  start: number;
  end: number;
}

export interface AlignResult {
  /** One entry per target label, in order; empty when no alignment exists. */
  tokens: AlignedToken[];
  /** Log-probability of the best path; -Infinity when no alignment exists. */
  logProb: number;
}

/**
 * Viterbi alignment of `target` (label indices, no blank) to logProbs [T, V].
 * States are the target with blanks between labels and at both ends; a state
 * may repeat, move on by one, or skip a blank between two different labels.
 */
export function forcedAlign(
  logProbs: Float32Array | Float64Array,
  T: number,
  V: number,
  target: readonly number[],
  options: AlignOptions = {},
): AlignResult {
  const blank = options.blank ?? 0;
  checkSequenceArgs(logProbs, T, V, target, blank);
  const S = 2 * target.length + 1;
  const label = (s: number) => (s % 2 === 0 ? blank : target[(s - 1) >> 1]);
  const none = { tokens: [], logProb: -Infinity };
  if (T === 0) return none;

  // score[t*S+s]: best log-probability of a path ending in state s at frame t;
  // from[t*S+s]: the state it came from at t-1.
  const score = new Float64Array(T * S).fill(-Infinity);
  const from = new Int32Array(T * S);
  score[0] = logProbs[blank];
  if (S > 1) score[1] = logProbs[label(1)];
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * S;
    const row = t * S;
    for (let s = 0; s < S; s++) {
      let best = score[prev + s];
      let arg = s;
      if (s >= 1 && score[prev + s - 1] > best) {
        best = score[prev + s - 1];
        arg = s - 1;
      }
      if (s >= 2 && s % 2 === 1 && label(s) !== label(s - 2) && score[prev + s - 2] > best) {
        best = score[prev + s - 2];
        arg = s - 2;
      }
      if (best === -Infinity) continue;
      score[row + s] = best + logProbs[t * V + label(s)];
      from[row + s] = arg;
    }
  }

  const last = (T - 1) * S;
  let s = S > 1 && score[last + S - 2] > score[last + S - 1] ? S - 2 : S - 1;
  const logProb = score[last + s];
  if (logProb === -Infinity) return none;
  const tokens: AlignedToken[] = target.map((token) => ({ token, start: -1, end: -1 }));
  for (let t = T - 1; t >= 0; t--) {
    if (s % 2 === 1) {
      const tok = tokens[(s - 1) >> 1];
      tok.start = t;
      if (tok.end < 0) tok.end = t;
    }
    s = from[t * S + s];
  }
  return { tokens, logProb };
}
