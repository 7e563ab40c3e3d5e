/**
 * CTC loss (Graves et al. 2006, "Connectionist Temporal Classification")
 * computed in log space, with its gradient with respect to the logits
 * (the softmax is folded in, as warp-ctc does).
 *
 * Notation: l' is the target with blanks inserted, l' = (b, l1, b, l2, ..., b),
 * S = |l'| = 2L + 1; y[t, k] = exp(logProbs[t, k]).
 */
import { logAddExp } from './log-math.js';
import { checkInteger, checkLogProbs, checkSequenceArgs, checkTarget } from './validate.js';

export interface CtcLossOptions {
  /** Index of the blank label. Default 0. */
  blank?: number;
  /** Report impossible alignments (loss +Infinity) as loss 0. Default false. */
  zeroInfinity?: boolean;
}

export interface CtcLossResult {
  /** -log p(target | input); +Infinity when no alignment exists (0 with zeroInfinity). */
  loss: number;
  /** dLoss/dLogits, [T, V] row-major; all zeros when the loss is infinite. */
  grad: Float32Array;
}

export interface CtcLossBatchResult {
  /** One loss per sequence. */
  losses: Float64Array;
  /** dLoss_b/dLogits for every sequence, [B, Tmax, V]; zero past each sequence's length. */
  grad: Float32Array;
}

/** Reusable alpha/beta buffers so a batch allocates once. */
class Lattice {
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  labels = new Int32Array(0);
  skip = new Uint8Array(0);
  occupancy = new Float64Array(0);
  ensure(T: number, S: number, V: number): void {
    if (this.alpha.length < T * S) {
      this.alpha = new Float64Array(T * S);
      this.beta = new Float64Array(T * S);
    }
    if (this.labels.length < S) {
      this.labels = new Int32Array(S);
      this.skip = new Uint8Array(S);
    }
    if (this.occupancy.length < V) this.occupancy = new Float64Array(V);
  }
}

/**
 * Negative log-likelihood of `target` under the CTC model and its gradient
 * with respect to the logits that produced `logProbs`.
 *
 * logProbs: [T, V] row-major log-softmax output. target: label indices, no blank.
 * Impossible cases (T = 0, or T shorter than the target plus the blanks that
 * separate repeated labels) give loss +Infinity and a zero gradient, never NaN.
 * An empty target with T >= 1 is the all-blank labelling: its loss is finite.
 */
export function ctcLoss(
  logProbs: Float32Array | Float64Array,
  T: number,
  V: number,
  target: ArrayLike<number>,
  options: CtcLossOptions = {},
): CtcLossResult {
  const blank = options.blank ?? 0;
  checkSequenceArgs(logProbs, T, V, target, blank);
  const grad = new Float32Array(T * V);
  const loss = lossInto(logProbs, 0, T, V, target, blank, grad, 0, new Lattice());
  return { loss: loss === Infinity && options.zeroInfinity ? 0 : loss, grad };
}

/**
 * Batched `ctcLoss` over padded sequences of variable length.
 *
 * logProbs: [B, Tmax, V] row-major; lengths[b] <= Tmax frames of sequence b are
 * used, the padding is ignored and gets a zero gradient. B = targets.length.
 */
export function ctcLossBatch(
  logProbs: Float32Array | Float64Array,
  lengths: ArrayLike<number>,
  Tmax: number,
  V: number,
  targets: ArrayLike<number>[],
  options: CtcLossOptions = {},
): CtcLossBatchResult {
  const blank = options.blank ?? 0;
  checkInteger('Tmax', Tmax, 0);
  checkInteger('V', V, 1);
  checkInteger('options.blank', blank, 0, V - 1);
  if (!Array.isArray(targets)) throw new TypeError('targets must be an array of label arrays');
  const B = targets.length;
  if (lengths === null || typeof lengths !== 'object' || lengths.length !== B) {
    throw new RangeError(
      `lengths must have one entry per sequence (B = targets.length = ${B}), got ${lengths?.length}`,
    );
  }
  for (let b = 0; b < B; b++) {
    checkInteger(`lengths[${b}]`, lengths[b], 0, Tmax);
    checkTarget(`targets[${b}]`, targets[b], V, blank);
  }
  checkLogProbs('logProbs', logProbs, B * Tmax, V, `[B=${B}, Tmax=${Tmax}, V=${V}]`);
  const losses = new Float64Array(B);
  const grad = new Float32Array(B * Tmax * V);
  const lattice = new Lattice();
  for (let b = 0; b < B; b++) {
    const off = b * Tmax * V;
    const loss = lossInto(logProbs, off, lengths[b], V, targets[b], blank, grad, off, lattice);
    losses[b] = loss === Infinity && options.zeroInfinity ? 0 : loss;
  }
  return { losses, grad };
}

/**
 * Core recursion on one sequence starting at `lpOff`; writes the gradient at
 * `gradOff` (left zero when the loss is infinite) and returns the loss.
 */
function lossInto(
  lp: Float32Array | Float64Array,
  lpOff: number,
  T: number,
  V: number,
  target: ArrayLike<number>,
  blank: number,
  grad: Float32Array,
  gradOff: number,
  w: Lattice,
): number {
  if (T === 0) return Infinity;
  const L = target.length;
  const S = 2 * L + 1;
  w.ensure(T, S, V);
  const { alpha, beta, labels, skip, occupancy } = w;
  for (let s = 0; s < S; s++) {
    labels[s] = s % 2 === 0 ? blank : target[(s - 1) >> 1];
    // A skip s-2 -> s is allowed only onto a label that differs from l'[s-2]
    // (never onto a blank, never between equal repeated labels).
    skip[s] = s >= 2 && labels[s] !== blank && labels[s] !== labels[s - 2] ? 1 : 0;
  }
  // Only states lo(t) <= s <= hi(t) can be on a complete path: at most two
  // states are gained per frame from the start, and lost towards the end.
  const lo = (t: number) => Math.max(0, S - 2 * (T - t));
  const hi = (t: number) => Math.min(S - 1, 2 * t + 1);

  // Forward variables, Graves 2006 eq. 6-7: alpha[t, s] = log sum over the
  // prefixes of alignments of l'[0..s] ending at frame t in state s.
  alpha.fill(-Infinity, 0, T * S);
  alpha[0] = lp[lpOff + blank];
  if (S > 1) alpha[1] = lp[lpOff + labels[1]];
  for (let t = 1; t < T; t++) {
    const row = t * S;
    const prev = row - S;
    const lpRow = lpOff + t * V;
    for (let s = lo(t), end = hi(t); s <= end; s++) {
      let a = alpha[prev + s];
      if (s >= 1) a = logAddExp(a, alpha[prev + s - 1]);
      if (skip[s]) a = logAddExp(a, alpha[prev + s - 2]);
      alpha[row + s] = a === -Infinity ? a : a + lp[lpRow + labels[s]];
    }
  }
  const last = (T - 1) * S;
  const logP = S > 1 ? logAddExp(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last];
  if (logP === -Infinity) return Infinity;

  // Backward variables, Graves 2006 eq. 10-11, but excluding the emission at
  // frame t so that alpha[t, s] + beta[t, s] is the log mass of all complete
  // alignments passing through state s at frame t.
  beta.fill(-Infinity, 0, T * S);
  beta[last + S - 1] = 0;
  if (S > 1) beta[last + S - 2] = 0;
  for (let t = T - 2; t >= 0; t--) {
    const row = t * S;
    const next = row + S;
    const lpNext = lpOff + (t + 1) * V;
    for (let s = lo(t), end = hi(t); s <= end; s++) {
      let b = beta[next + s] + lp[lpNext + labels[s]];
      if (s + 1 < S) b = logAddExp(b, beta[next + s + 1] + lp[lpNext + labels[s + 1]]);
      if (s + 2 < S && skip[s + 2]) {
        b = logAddExp(b, beta[next + s + 2] + lp[lpNext + labels[s + 2]]);
      }
      beta[row + s] = b;
    }
  }

  // Gradient w.r.t. the logits u[t, k] (Graves 2006 eq. 16):
  // dL/du[t, k] = y[t, k] - (1 / p) * sum_{s : l'[s] = k} alpha[t, s] beta[t, s].
  for (let t = 0; t < T; t++) {
    occupancy.fill(0, 0, V);
    const row = t * S;
    for (let s = lo(t), end = hi(t); s <= end; s++) {
      const ab = alpha[row + s] + beta[row + s];
      if (ab !== -Infinity) occupancy[labels[s]] += Math.exp(ab - logP);
    }
    const g = gradOff + t * V;
    const lpRow = lpOff + t * V;
    for (let k = 0; k < V; k++) grad[g + k] = Math.exp(lp[lpRow + k]) - occupancy[k];
  }
  return -logP;
}
