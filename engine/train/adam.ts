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
 * with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
 */
export class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;
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
    this.m = new Float32Array(params.size);
    this.v = new Float32Array(params.size);
  }

  /** One update with learning rate lr from the current params.grad. */
  step(lr: number): void {
    this.t++;
    const { beta1, beta2, eps, m, v } = this;
    const a1 = 1 - beta1;
    const a2 = 1 - beta2;
    const c1 = 1 / (1 - beta1 ** this.t);
    const c2 = 1 / (1 - beta2 ** this.t);
    const w = this.params.data;
    const g = this.params.grad;
    const decoupled = this.options.kind === 'adamw';
    for (const e of this.params.entries) {
      const wd = e.decay ? this.weightDecay : 0;
      // Adam: L2 in the gradient (gi = g + wd·w); AdamW: w ← w − lr·(update + wd·w).
      const l2 = decoupled ? 0 : wd;
      const shrink = decoupled ? 1 - lr * wd : 1;
      const end = e.offset + e.size;
      for (let i = e.offset; i < end; i++) {
        const gi = g[i] + l2 * w[i];
        const mi = beta1 * m[i] + a1 * gi;
        const vi = beta2 * v[i] + a2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = shrink * w[i] - (lr * mi * c1) / (Math.sqrt(vi * c2) + eps);
      }
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
