import type { Kernels } from '../kernels/kernels';
import type { Subsample } from './architecture';
import { Growable } from './growable';
import type { SequenceShape } from './sequence';

/**
 * Time subsampling between layers, T' = ⌈T/k⌉ and lengths' = ⌈length/k⌉:
 * - 'stack': frame stacking, y[t', b] = [x[kt'] ‖ … ‖ x[kt'+k−1]] (C' = kC), frames past
 *   the sequence's end contribute zeros;
 * - 'stride': y[t', b] = x[kt', b] (C' = C).
 */
export class SubsampleLayer {
  readonly k: number;
  readonly outSize: number;
  private readonly out: Growable;
  private readonly dx: Growable;
  private lengths = new Int32Array(0);
  private inSeq: SequenceShape = { T: 0, B: 0, lengths: new Int32Array(0) };

  constructor(
    kernels: Kernels,
    readonly spec: Subsample,
    readonly inSize: number,
  ) {
    this.k = spec.factor;
    this.outSize = spec.mode === 'stack' ? inSize * spec.factor : inSize;
    this.out = new Growable(kernels);
    this.dx = new Growable(kernels);
  }

  /** The output shape for an input shape (lengths array reused across calls). */
  outputShape(seq: SequenceShape): SequenceShape {
    if (this.lengths.length < seq.B) this.lengths = new Int32Array(seq.B);
    const lengths = this.lengths.subarray(0, seq.B);
    for (let b = 0; b < seq.B; b++) lengths[b] = Math.ceil(seq.lengths[b] / this.k);
    return { T: Math.ceil(seq.T / this.k), B: seq.B, lengths };
  }

  // x: [T, B, C] → y: [T', B, C']
  forward(x: Float32Array, seq: SequenceShape, outSeq: SequenceShape): Float32Array {
    this.inSeq = seq;
    const { B } = seq;
    const C = this.inSize;
    const y = this.out.zeroed(outSeq.T * B * this.outSize);
    this.forEachCopy(seq, outSeq, (src, dst) => y.set(x.subarray(src, src + C), dst));
    return y;
  }

  // dy: [T', B, C'] → dx: [T, B, C]
  backward(dy: Float32Array, outSeq: SequenceShape): Float32Array {
    const seq = this.inSeq;
    const C = this.inSize;
    const dx = this.dx.zeroed(seq.T * seq.B * C);
    this.forEachCopy(seq, outSeq, (src, dst) => dx.set(dy.subarray(dst, dst + C), src));
    return dx;
  }

  /** Calls copy(srcOffset in x, dstOffset in y) for every input frame that reaches the output. */
  private forEachCopy(
    seq: SequenceShape,
    outSeq: SequenceShape,
    copy: (src: number, dst: number) => void,
  ): void {
    const { B, lengths } = seq;
    const C = this.inSize;
    const stack = this.spec.mode === 'stack';
    for (let tp = 0; tp < outSeq.T; tp++) {
      for (let b = 0; b < B; b++) {
        const dstRow = (tp * B + b) * this.outSize;
        for (let j = 0; j < (stack ? this.k : 1); j++) {
          const t = tp * this.k + j;
          if (t >= lengths[b]) break;
          copy((t * B + b) * C, dstRow + j * C);
        }
      }
    }
  }
}
