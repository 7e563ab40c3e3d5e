import type { Kernels } from '../kernels/kernels';
import type { ParamSet } from '../nn/param-set';

export interface AdamOptions {
  /** 'adam': weight decay as L2 in the gradient; 'adamw': decoupled (Loshchilov & Hutter 2019). */
  kind: 'adam' | 'adamw';
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Applied to weights only, never to biases. Default 0. */
  weightDecay?: number;
}

/**
 * Adam (Kingma & Ba 2015) with bias correction, over the single parameter array
 * of a ParamSet, reading its gradient buffer:
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  w ← w − lr·m̂/(√v̂ + ε)
 * with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ). The update runs in the ParamSet's kernels
 * (adamUpdate), with m and v in their memory.
 */
export class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  private readonly kernels: Kernels;
  /** Number of updates applied so far. */
  t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;

  constructor(
    private readonly params: ParamSet,
    readonly options: AdamOptions,
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1)) {
      throw new RangeError('Adam betas must be in [0, 1)');
    }
    this.kernels = params.kernels;
    this.m = this.kernels.alloc(params.size);
    this.v = this.kernels.alloc(params.size);
  }

  /** One update with learning rate lr from the current params.grad. */
  step(lr: number): void {
    this.t++;
    const { beta1, beta2, eps, m, v } = this;
    const c1 = 1 / (1 - beta1 ** this.t);
    const c2 = 1 / (1 - beta2 ** this.t);
    const w = this.params.data;
    const g = this.params.grad;
    const decoupled = this.options.kind === 'adamw';
    // Runs of entries with the same decay flag go in one call.
    const entries = this.params.entries;
    for (let first = 0; first < entries.length;) {
      let last = first;
      while (last + 1 < entries.length && entries[last + 1].decay === entries[first].decay) last++;
      const wd = entries[first].decay ? this.weightDecay : 0;
      const lo = entries[first].offset;
      const hi = entries[last].offset + entries[last].size;
      const view = (a: Float32Array) => a.subarray(lo, hi);
      // Adam: L2 in the gradient (gi = g + wd·w); AdamW: w ← w − lr·(update + wd·w).
      this.kernels.adamUpdate(hi - lo, view(w), view(g), view(m), view(v), {
        lr,
        beta1,
        beta2,
        eps,
        c1,
        c2,
        l2: decoupled ? 0 : wd,
        shrink: decoupled ? 1 - lr * wd : 1,
      });
      first = last + 1;
    }
  }
}

/**
 * Scales the gradient so its global L2 norm is at most maxNorm (Pascanu et al.
 * 2013). Returns the norm before clipping; maxNorm ≤ 0 only measures.
 */
export function clipGradientNorm(grad: Float32Array, maxNorm: number): number {
  let sum = 0;
  for (let i = 0; i < grad.length; i++) sum += grad[i] * grad[i];
  const norm = Math.sqrt(sum);
  if (maxNorm > 0 && norm > maxNorm) {
    const s = maxNorm / norm;
    for (let i = 0; i < grad.length; i++) grad[i] *= s;
  }
  return norm;
}
