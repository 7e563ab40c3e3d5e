/** Best-path (greedy) CTC decoding. */
import { toTokenMask } from './token-mask.js';
import { checkInteger, checkLogProbs } from './validate.js';

export interface GreedyOptions {
  /** Index of the blank label. Default 0. */
  blank?: number;
  /** Tokens that may be emitted (indices or a 0/1 mask of length V); blank always may. Default all. */
  allowedTokens?: ArrayLike<number | boolean> | Iterable<number>;
}

export interface GreedyResult {
  /** The collapsed best path: repeats merged, blanks dropped. */
  tokens: number[];
  /** For each token, the frame of its run where its log-probability peaks. */
  frames: number[];
}

/** Takes the arg-max token of every frame, merges repeats and drops blanks. */
export function greedyDecode(
  logProbs: Float32Array | Float64Array,
  T: number,
  V: number,
  options: GreedyOptions = {},
): GreedyResult {
  const blank = options.blank ?? 0;
  checkInteger('T', T, 0);
  checkInteger('V', V, 1);
  checkInteger('options.blank', blank, 0, V - 1);
  checkLogProbs('logProbs', logProbs, T, V, `[T=${T}, V=${V}]`);
  const mask = options.allowedTokens
    ? toTokenMask('options.allowedTokens', options.allowedTokens, V, blank)
    : null;
  const tokens: number[] = [];
  const frames: number[] = [];
  let prev = -1;
  let peak = -Infinity;
  for (let t = 0; t < T; t++) {
    const row = t * V;
    let best = blank;
    let bestLp = logProbs[row + blank];
    for (let k = 0; k < V; k++) {
      const x = logProbs[row + k];
      if (x > bestLp && (mask === null || mask[k] === 1)) {
        best = k;
        bestLp = x;
      }
    }
    if (best !== blank) {
      if (best !== prev) {
        tokens.push(best);
        frames.push(t);
        peak = bestLp;
      } else if (bestLp > peak) {
        frames[frames.length - 1] = t;
        peak = bestLp;
      }
    }
    prev = best;
  }
  return { tokens, frames };
}
