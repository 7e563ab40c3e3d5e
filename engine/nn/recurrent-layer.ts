import type { Kernels } from '../kernels/kernels';
import type { LayerSpec } from './architecture';
import { Growable } from './growable';
import type { ParamSet, ParamSpec } from './param-set';
import { GruDirection, LstmDirection, RecurrentDirection, RnnDirection } from './recurrent';
import type { Rng } from '../util/rng';
import type { SequenceShape } from './sequence';

/**
 * A uni- or bidirectional recurrent layer. Bidirectional outputs are the two
 * directions concatenated per frame: y[t, b] = [forward h_t ‖ backward h_t].
 * Parameters are named `${name}.fwd.*` and `${name}.bwd.*`.
 */
export class RecurrentLayer {
  readonly directions: RecurrentDirection[];
  readonly outSize: number;
  private readonly out: Growable; // [T, B, D·H] (bidirectional or inference)

  constructor(
    kernels: Kernels,
    readonly name: string,
    readonly inSize: number,
    readonly spec: LayerSpec,
  ) {
    const make = (suffix: string, reverse: boolean): RecurrentDirection => {
      const n = `${name}.${suffix}`;
      switch (spec.cell) {
        case 'lstm':
          return new LstmDirection(kernels, n, inSize, spec.hidden, reverse);
        case 'gru':
          return new GruDirection(kernels, n, inSize, spec.hidden, reverse);
        case 'rnn':
          return new RnnDirection(kernels, n, inSize, spec.hidden, reverse);
      }
    };
    this.directions = spec.bidirectional
      ? [make('fwd', false), make('bwd', true)]
      : [make('fwd', false)];
    this.outSize = spec.hidden * this.directions.length;
    this.out = new Growable(kernels);
  }

  paramSpecs(): ParamSpec[] {
    return this.directions.flatMap((d) => d.paramSpecs());
  }

  bind(params: ParamSet): void {
    for (const d of this.directions) d.bind(params);
  }

  init(rng: Rng): void {
    for (const d of this.directions) d.init(rng);
  }

  // x: [T, B, In] → y: [T, B, D·H]; `inference` when no backward follows (fused kernels)
  forward(x: Float32Array, seq: SequenceShape, inference = false): Float32Array {
    const H = this.spec.hidden;
    const rows = seq.T * seq.B;
    if (inference) {
      const y = this.out.get(rows * this.outSize);
      this.directions.forEach((d, k) => d.forwardInto(x, seq, y, this.outSize, k * H));
      return y;
    }
    if (this.directions.length === 1) return this.directions[0].forward(x, seq);
    const y = this.out.get(rows * 2 * H);
    this.directions.forEach((d, k) => {
      const h = d.forward(x, seq);
      for (let r = 0; r < rows; r++) y.set(h.subarray(r * H, (r + 1) * H), r * 2 * H + k * H);
    });
    return y;
  }

  // dY: [T, B, D·H] → dx: [T, B, In] (overwritten), or null when the input needs no gradient
  backward(dY: Float32Array, dx: Float32Array | null, params: ParamSet): void {
    // Each direction reads its columns of dY in place (row stride outSize).
    const H = this.spec.hidden;
    this.directions.forEach((dir, k) => {
      dir.backward(dY.subarray(k * H), this.outSize, dx, k > 0, params);
    });
  }
}
