import type { Kernels } from '../kernels/kernels';

/** One named tensor inside a ParamSet. `decay`: whether AdamW weight decay applies (not to biases). */
export interface ParamEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
  readonly decay: boolean;
}

export interface ParamSpec {
  name: string;
  shape: number[];
  decay: boolean;
}

/**
 * All parameters of a model in ONE array, with named, shaped views, so saving,
 * loading, the optimizer and gradient clipping each walk a single buffer.
 * Gradients live in a second array of the same layout, allocated on first use
 * (inference never needs it).
 */
export class ParamSet {
  readonly entries: readonly ParamEntry[];
  readonly size: number;
  readonly data: Float32Array;
  private gradBuffer: Float32Array | null = null;
  private readonly byName = new Map<string, ParamEntry>();

  constructor(
    /** The kernels whose `alloc` holds data and grad (and the optimizer's state). */
    readonly kernels: Kernels,
    specs: readonly ParamSpec[],
  ) {
    let offset = 0;
    const entries: ParamEntry[] = [];
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`duplicate parameter name "${spec.name}"`);
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const entry = { name: spec.name, shape: [...spec.shape], offset, size, decay: spec.decay };
      entries.push(entry);
      this.byName.set(spec.name, entry);
      offset += size;
    }
    this.entries = entries;
    this.size = offset;
    this.data = kernels.alloc(offset);
  }

  entry(name: string): ParamEntry {
    const e = this.byName.get(name);
    if (!e) throw new Error(`no parameter named "${name}"`);
    return e;
  }

  /** The parameter tensor `name` as a view into `data`. */
  view(name: string): Float32Array {
    const e = this.entry(name);
    return this.data.subarray(e.offset, e.offset + e.size);
  }

  /** The gradient buffer (same layout as `data`), allocated zeroed on first call. */
  get grad(): Float32Array {
    if (!this.gradBuffer) this.gradBuffer = this.kernels.alloc(this.size);
    return this.gradBuffer;
  }

  /** The gradient of tensor `name` as a view into `grad`. */
  gradView(name: string): Float32Array {
    const e = this.entry(name);
    return this.grad.subarray(e.offset, e.offset + e.size);
  }

  zeroGrad(): void {
    this.grad.fill(0);
  }
}
