import { ctcLossBatch } from 'ctc-decode-ts';
import type { Kernels } from '../kernels/kernels';
import type { HeadKind } from './architecture';
import { Growable } from './growable';
import type { SequenceShape } from './sequence';

/**
 * Loss heads. Each turns the output layer's logits into a loss and its gradient
 * dLoss/dLogits. The loss of a batch is the MEAN over sequences of each
 * sequence's summed loss, so a padded batch equals the mean of its sequences
 * run one by one, and gradients of equal-sized worker batches can be averaged.
 */
export interface LossSummary {
  /** Mean over sequences of the per-sequence loss (infinite CTC losses count as 0). */
  loss: number;
  sequences: number;
  /** CTC sequences whose target cannot be aligned to the frames (loss +∞, gradient 0). */
  infinite: number;
}

export interface Head {
  readonly kind: HeadKind;
  /** Checks targets against the shape; throws a RangeError naming the bad sequence. */
  validateTargets(targets: Int32Array[], seq: SequenceShape, V: number): void;
  /**
   * logits: [T, B, V] (per-frame heads) or [B, V] (sequence head).
   * Writes dLogits of the same shape when given (zeros on padding).
   */
  loss(
    logits: Float32Array,
    seq: SequenceShape,
    V: number,
    targets: Int32Array[],
    dLogits: Float32Array | null,
  ): LossSummary;
}

/** out[r, :] = log softmax(x[r, :]) for each row, max-shifted for stability; out may alias x. */
export function logSoftmaxRows(x: Float32Array, rows: number, V: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (x[o + v] > max) max = x[o + v];
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(x[o + v] - max);
    const lse = max + Math.log(sum);
    for (let v = 0; v < V; v++) out[o + v] = x[o + v] - lse;
  }
}

/**
 * Cross-entropy of one row of logits against `label`: returns −log p(label) and, when
 * d is given, writes d[o..o+V) = scale·(softmax − onehot(label)).
 */
function crossEntropyRow(
  x: Float32Array,
  o: number,
  V: number,
  label: number,
  scale: number,
  d: Float32Array | null,
): number {
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (x[o + v] > max) max = x[o + v];
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp(x[o + v] - max);
  const lse = max + Math.log(sum);
  if (d) {
    for (let v = 0; v < V; v++) d[o + v] = scale * Math.exp(x[o + v] - lse);
    d[o + label] -= scale;
  }
  return lse - x[o + label];
}

function checkTargetCount(targets: Int32Array[], B: number): void {
  if (targets.length !== B) {
    throw new RangeError(`expected one target per sequence (${B}), got ${targets.length}`);
  }
}

function checkLabels(target: Int32Array, b: number, lo: number, V: number, what: string): void {
  for (let i = 0; i < target.length; i++) {
    const v = target[i];
    if (!(Number.isInteger(v) && v >= lo && v < V)) {
      throw new RangeError(`targets[${b}][${i}] = ${v}: ${what} must be in [${lo}, ${V})`);
    }
  }
}

/**
 * CTC head (Graves et al. 2006): per-frame log-softmax over V symbols (blank = 0),
 * loss from ctc-decode-ts, which returns the gradient w.r.t. the logits (softmax folded in).
 */
export class CtcHead implements Head {
  readonly kind = 'ctc' as const;
  private readonly batchMajor: Growable; // [B, T, V] log-probabilities in ctcLossBatch's layout

  constructor(kernels: Kernels) {
    this.batchMajor = new Growable(kernels);
  }

  validateTargets(targets: Int32Array[], seq: SequenceShape, V: number): void {
    checkTargetCount(targets, seq.B);
    targets.forEach((t, b) => checkLabels(t, b, 1, V, 'CTC labels (0 is the blank)'));
  }

  loss(
    logits: Float32Array,
    seq: SequenceShape,
    V: number,
    targets: Int32Array[],
    dLogits: Float32Array | null,
  ): LossSummary {
    const { T, B, lengths } = seq;
    const lp = this.batchMajor.get(B * T * V);
    // time-major [T, B, V] → batch-major [B, T, V], log-softmax on the way
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        logSoftmaxRows(
          logits.subarray((t * B + b) * V, (t * B + b + 1) * V),
          1,
          V,
          lp.subarray((b * T + t) * V, (b * T + t + 1) * V),
        );
      }
    }
    const { losses, grad } = ctcLossBatch(lp, lengths, T, V, targets, {
      blank: 0,
      zeroInfinity: false,
    });
    let sum = 0;
    let infinite = 0;
    for (let b = 0; b < B; b++) {
      if (Number.isFinite(losses[b])) sum += losses[b];
      else infinite++;
    }
    if (dLogits) {
      for (let t = 0; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const o = (t * B + b) * V;
          const g = (b * T + t) * V;
          const valid = t < lengths[b] && Number.isFinite(losses[b]);
          for (let v = 0; v < V; v++) dLogits[o + v] = valid ? grad[g + v] / B : 0;
        }
      }
    }
    return { loss: sum / B, sequences: B, infinite };
  }
}

/** Per-frame classification: cross-entropy at every valid frame; targets[b] has one label per frame. */
export class FrameHead implements Head {
  readonly kind = 'frame' as const;

  validateTargets(targets: Int32Array[], seq: SequenceShape, V: number): void {
    checkTargetCount(targets, seq.B);
    targets.forEach((t, b) => {
      if (t.length !== seq.lengths[b]) {
        throw new RangeError(
          `targets[${b}] has ${t.length} labels but the sequence has ${seq.lengths[b]} output frames (one label per frame expected)`,
        );
      }
      checkLabels(t, b, 0, V, 'frame labels');
    });
  }

  loss(
    logits: Float32Array,
    seq: SequenceShape,
    V: number,
    targets: Int32Array[],
    dLogits: Float32Array | null,
  ): LossSummary {
    const { T, B, lengths } = seq;
    let sum = 0;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const o = (t * B + b) * V;
        if (t < lengths[b]) sum += crossEntropyRow(logits, o, V, targets[b][t], 1 / B, dLogits);
        else dLogits?.fill(0, o, o + V);
      }
    }
    return { loss: sum / B, sequences: B, infinite: 0 };
  }
}

/**
 * One label per sequence, classified from the final state: for a unidirectional
 * last layer its output at the last valid frame; for a bidirectional one the
 * forward half at the last valid frame and the backward half at frame 0 (each
 * direction's summary of the whole sequence). targets[b] = [label].
 */
export class SequenceHead implements Head {
  readonly kind = 'sequence' as const;

  constructor(
    readonly hidden: number,
    readonly bidirectional: boolean,
  ) {}

  validateTargets(targets: Int32Array[], seq: SequenceShape, V: number): void {
    checkTargetCount(targets, seq.B);
    targets.forEach((t, b) => {
      if (t.length !== 1) {
        throw new RangeError(`targets[${b}] must hold exactly one label, got ${t.length}`);
      }
      checkLabels(t, b, 0, V, 'sequence labels');
    });
  }

  /** Frame of y and column offset where each part of the pooled vector of sequence b comes from. */
  private forEachPart(seq: SequenceShape, b: number, f: (frame: number, col: number) => void) {
    f(seq.lengths[b] - 1, 0);
    if (this.bidirectional) f(0, this.hidden);
  }

  // y: [T, B, C] → pooled: [B, C]
  pool(y: Float32Array, seq: SequenceShape, C: number, pooled: Float32Array): void {
    const H = this.bidirectional ? this.hidden : C;
    for (let b = 0; b < seq.B; b++) {
      this.forEachPart(seq, b, (t, col) => {
        const src = (t * seq.B + b) * C + col;
        pooled.set(y.subarray(src, src + H), b * C + col);
      });
    }
  }

  // dPooled: [B, C] → dY: [T, B, C] (overwritten)
  unpool(dPooled: Float32Array, seq: SequenceShape, C: number, dY: Float32Array): void {
    const H = this.bidirectional ? this.hidden : C;
    dY.fill(0);
    for (let b = 0; b < seq.B; b++) {
      this.forEachPart(seq, b, (t, col) => {
        const src = b * C + col;
        dY.set(dPooled.subarray(src, src + H), (t * seq.B + b) * C + col);
      });
    }
  }

  loss(
    logits: Float32Array,
    seq: SequenceShape,
    V: number,
    targets: Int32Array[],
    dLogits: Float32Array | null,
  ): LossSummary {
    let sum = 0;
    for (let b = 0; b < seq.B; b++) {
      sum += crossEntropyRow(logits, b * V, V, targets[b][0], 1 / seq.B, dLogits);
    }
    return { loss: sum / seq.B, sequences: seq.B, infinite: 0 };
  }
}
