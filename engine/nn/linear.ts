import type { Kernels } from '../kernels/kernels';
import type { ParamSet, ParamSpec } from './param-set';
import type { Rng } from '../util/rng';
import { accumulateColumnSums, addBiasRows } from './sequence';

/** Fully connected layer y = x·W + b, with W stored [in, out]. */
export class Linear {
  private w!: Float32Array;
  private b!: Float32Array;

  constructor(
    private readonly kernels: Kernels,
    readonly name: string,
    readonly inSize: number,
    readonly outSize: number,
  ) {}

  paramSpecs(): ParamSpec[] {
    return [
      { name: `${this.name}.w`, shape: [this.inSize, this.outSize], decay: true },
      { name: `${this.name}.b`, shape: [this.outSize], decay: false },
    ];
  }

  bind(params: ParamSet): void {
    this.w = params.view(`${this.name}.w`);
    this.b = params.view(`${this.name}.b`);
  }

  /** Uniform(±1/√in) weights, zero bias. */
  init(rng: Rng): void {
    const s = 1 / Math.sqrt(this.inSize);
    for (let i = 0; i < this.w.length; i++) this.w[i] = rng.uniform(-s, s);
    this.b.fill(0);
  }

  // x: [N, in] → y: [N, out]
  forward(x: Float32Array, N: number, y: Float32Array): void {
    this.kernels.gemm(false, false, N, this.outSize, this.inSize, x, this.w, 0, y);
    addBiasRows(y, N, this.outSize, this.b);
  }

  // dy: [N, out], x: [N, in] → accumulates dW, db; dx: [N, in] overwritten
  backward(x: Float32Array, dy: Float32Array, N: number, dx: Float32Array, params: ParamSet): void {
    this.kernels.gemm(
      true,
      false,
      this.inSize,
      this.outSize,
      N,
      x,
      dy,
      1,
      params.gradView(`${this.name}.w`),
    );
    accumulateColumnSums(dy, N, this.outSize, params.gradView(`${this.name}.b`));
    this.kernels.gemm(false, true, N, this.inSize, this.outSize, dy, this.w, 0, dx);
  }
}
