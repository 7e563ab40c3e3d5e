import type { Kernels } from '../kernels/kernels';
import { Growable } from './growable';
import type { Rng } from '../util/rng';

/**
 * Inverted dropout (Srivastava et al. 2014): in training each element is kept
 * with probability 1−p and scaled by 1/(1−p); at inference it is the identity.
 * The mask comes from the caller's seeded Rng, so runs are reproducible.
 */
export class Dropout {
  private readonly mask: Growable; // [n] 0 or 1/(1−p)
  private readonly out: Growable;
  private readonly dx: Growable;

  constructor(
    kernels: Kernels,
    readonly p: number,
  ) {
    this.mask = new Growable(kernels);
    this.out = new Growable(kernels);
    this.dx = new Growable(kernels);
  }

  // x: [n] → y: [n]
  forward(x: Float32Array, rng: Rng): Float32Array {
    const n = x.length;
    const mask = this.mask.get(n);
    const y = this.out.get(n);
    const scale = 1 / (1 - this.p);
    for (let i = 0; i < n; i++) {
      mask[i] = rng.next() < this.p ? 0 : scale;
      y[i] = x[i] * mask[i];
    }
    return y;
  }

  // dy: [n] → dx: [n]
  backward(dy: Float32Array): Float32Array {
    const n = dy.length;
    const mask = this.mask.get(n);
    const dx = this.dx.get(n);
    for (let i = 0; i < n; i++) dx[i] = dy[i] * mask[i];
    return dx;
  }
}
