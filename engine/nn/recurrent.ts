import { quantizeWeights, type Int8Weights } from '../kernels/int8';
import type { Kernels } from '../kernels/kernels';
import { Growable } from './growable';
import type { ParamSet, ParamSpec } from './param-set';
import type { Rng } from '../util/rng';
import { accumulateColumnSums, addBiasRows, zeroPaddedRows, type SequenceShape } from './sequence';

/**
 * One direction of a recurrent layer over a padded time-major batch. The parts
 * every cell shares live here; nearly all FLOPs are kernel gemms:
 * - forward: the input projection of ALL time steps at once, pre = x·Wx
 *   ([T·B, In]×[In, G]), then the recurrence (runForward): per step the bias,
 *   the recurrent product hPrev·Wh ([B, H]×[H, G]) and the cell's pointwise part;
 * - backward: the recurrence backward (runBackward): per step the cell's
 *   pointwise backward and dhPrev = dRec·Whᵀ, then one gemm each for
 *   dWx = xᵀ·dPre, dWh = Hprevᵀ·dRec and dx = dPre·Wxᵀ over all steps.
 *
 * Hidden states are stored in T+1 slots [T+1, B, H] with a zero slot for the
 * initial state (slot 0 going forward, slot T going backward in time), so the
 * previous states of all steps form one contiguous [T·B, H] matrix.
 * Padding: after each step the rows of finished sequences are zeroed (state
 * included), so a reverse direction starts every sequence from a zero state at
 * its own last frame; in backward the gradient reaching those rows is zeroed.
 */
export abstract class RecurrentDirection {
  /** Width of the gate pre-activations: 4H (LSTM), 3H (GRU), H (RNN). */
  readonly G: number;
  protected wx!: Float32Array;
  protected wh!: Float32Array;
  protected b!: Float32Array;
  protected readonly pre: Growable; // [T·B, G] pre-activations, then the cell's stored activations
  protected readonly dPre: Growable; // [T·B, G] gradient of the input-side pre-activations
  private readonly h: Growable; // [T+1, B, H]
  protected x: Float32Array | null = null;
  protected seq: SequenceShape = { T: 0, B: 0, lengths: new Int32Array(0) };

  constructor(
    protected readonly kernels: Kernels,
    readonly name: string,
    readonly inSize: number,
    readonly H: number,
    gates: number,
    readonly reverse: boolean,
  ) {
    this.G = gates * H;
    this.pre = new Growable(kernels);
    this.dPre = new Growable(kernels);
    this.h = new Growable(kernels);
  }

  paramSpecs(): ParamSpec[] {
    return [
      { name: `${this.name}.wx`, shape: [this.inSize, this.G], decay: true },
      { name: `${this.name}.wh`, shape: [this.H, this.G], decay: true },
      { name: `${this.name}.b`, shape: [this.G], decay: false },
    ];
  }

  bind(params: ParamSet): void {
    this.wx = params.view(`${this.name}.wx`);
    this.wh = params.view(`${this.name}.wh`);
    this.b = params.view(`${this.name}.b`);
  }

  /** Uniform(±1/√H) weights (as PyTorch), zero biases; cells adjust (LSTM forget bias 1). */
  init(rng: Rng): void {
    const s = 1 / Math.sqrt(this.H);
    for (const w of [this.wx, this.wh])
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-s, s);
    this.b.fill(0);
  }

  /** Slot of h_t and of the state before step t. */
  protected slot(t: number): number {
    return this.reverse ? t : t + 1;
  }
  protected prevSlot(t: number): number {
    return this.reverse ? t + 1 : t;
  }
  protected slotView(buf: Float32Array, slot: number): Float32Array {
    const n = this.seq.B * this.H;
    return buf.subarray(slot * n, (slot + 1) * n);
  }
  protected stepView(buf: Float32Array, t: number, width: number): Float32Array {
    const n = this.seq.B * width;
    return buf.subarray(t * n, (t + 1) * n);
  }

  // x: [T, B, In] → returns h: [T, B, H] (a view valid until the next forward).
  forward(x: Float32Array, seq: SequenceShape): Float32Array {
    const { T, B } = seq;
    const { H, G } = this;
    const N = T * B;
    this.x = x;
    this.seq = seq;
    const pre = this.pre.get(N * G);
    this.kernels.gemm(false, false, N, G, this.inSize, x, this.wx, 0, pre);
    const h = this.h.get((T + 1) * B * H);
    this.slotView(h, this.reverse ? T : 0).fill(0);
    this.beginForward(seq);
    this.runForward(h);
    return h.subarray((this.reverse ? 0 : 1) * B * H, (this.reverse ? T : T + 1) * B * H);
  }

  /**
   * Inference (no backward follows): h of every frame into columns
   * [column, column + H) of out [T, B, outStride], zero on padding. Here via
   * forward(); cells with a fused whole-sequence kernel
   * override it.
   */
  forwardInto(
    x: Float32Array,
    seq: SequenceShape,
    out: Float32Array,
    outStride: number,
    column: number,
  ): void {
    const h = this.forward(x, seq);
    const H = this.H;
    const rows = seq.T * seq.B;
    for (let r = 0; r < rows; r++) {
      for (let j = 0, o = r * outStride + column; j < H; j++) out[o + j] = h[r * H + j];
    }
  }

  /**
   * Int8 inference (see engine/kernels/int8.ts): with `on`, quantises the
   * current weights for batch-1 forwardInto and returns whether this cell and
   * the kernels support it; without, goes back to f32 (the default).
   * Cells without an int8 path return false.
   */
  setInt8(_on: boolean): boolean {
    return false;
  }

  /**
   * dY: the gradient of this direction's output, row (t, b) at (t·B + b)·dyStride
   * (H floats; a bidirectional layer passes its concatenated gradient in place);
   * dx: [T, B, In] (overwritten, or added to when accumulate).
   */
  backward(
    dY: Float32Array,
    dyStride: number,
    dx: Float32Array | null,
    accumulate: boolean,
    params: ParamSet,
  ): void {
    const { T, B } = this.seq;
    const { H, G } = this;
    const N = T * B;
    const x = this.x;
    if (!x) throw new Error(`${this.name}: backward called before forward`);
    const h = this.h.get((T + 1) * B * H);
    const dPre = this.dPre.get(N * G);
    this.runBackward(dY, dyStride, h, params.gradView(`${this.name}.b`));
    const hPrevAll = h.subarray((this.reverse ? 1 : 0) * B * H, (this.reverse ? T + 1 : T) * B * H);
    const dRec = this.recurrentGradient(N);
    this.kernels.gemm(true, false, H, G, N, hPrevAll, dRec, 1, params.gradView(`${this.name}.wh`));
    this.kernels.gemm(
      true,
      false,
      this.inSize,
      G,
      N,
      x,
      dPre,
      1,
      params.gradView(`${this.name}.wx`),
    );
    this.accumulateExtraGradients(N, params);
    if (dx)
      this.kernels.gemm(false, true, N, this.inSize, G, dPre, this.wx, accumulate ? 1 : 0, dx);
  }

  /** Per-batch set-up of the cell's own buffers. */
  protected abstract beginForward(seq: SequenceShape): void;
  /** Cells with more state than h (the LSTM's c) load and save it here. */
  /**
   * The recurrence over all steps: pre holds x·Wx; fills the state slots of h
   * [T+1, B, H] (the initial slot is set), zero on padding.
   */
  protected abstract runForward(h: Float32Array): void;
  /**
   * The recurrence backward over all steps (dY as in backward): writes dPre,
   * the gradient of the input-side pre-activations, and of the recurrent side
   * (recurrentGradient), and adds the bias gradient to dBias.
   */
  protected abstract runBackward(
    dY: Float32Array,
    dyStride: number,
    h: Float32Array,
    dBias: Float32Array,
  ): void;
  /** Gradient of the recurrent-side pre-activations [T·B, G] (for dWh). */
  protected abstract recurrentGradient(N: number): Float32Array;
  protected accumulateExtraGradients(_N: number, _params: ParamSet): void {}
}

/**
 * A cell whose recurrence runs step by step in TypeScript around kernel gemms
 * (GRU, plain RNN): the cell supplies one step forward and one step backward.
 */
abstract class SteppedDirection extends RecurrentDirection {
  private readonly dh: Growable; // [B, H]
  private readonly dhNext: Growable; // [B, H]

  constructor(
    kernels: Kernels,
    name: string,
    inSize: number,
    H: number,
    gates: number,
    reverse: boolean,
  ) {
    super(kernels, name, inSize, H, gates, reverse);
    this.dh = new Growable(kernels);
    this.dhNext = new Growable(kernels);
  }

  protected runForward(h: Float32Array): void {
    const { T, B } = this.seq;
    const { H, G } = this;
    addBiasRows(this.pre.get(T * B * G), T * B, G, this.b);
    for (let s = 0; s < T; s++) {
      const t = this.reverse ? T - 1 - s : s;
      const hOut = this.slotView(h, this.slot(t));
      this.stepForward(t, this.slotView(h, this.prevSlot(t)), hOut);
      zeroPaddedRows(hOut, t, this.seq, H);
    }
  }

  protected runBackward(
    dY: Float32Array,
    dyStride: number,
    h: Float32Array,
    dBias: Float32Array,
  ): void {
    const { T, B } = this.seq;
    const { H, G } = this;
    const dh = this.dh.get(B * H);
    const dhNext = this.dhNext.zeroed(B * H);
    for (let s = T - 1; s >= 0; s--) {
      const t = this.reverse ? T - 1 - s : s;
      for (let b = 0; b < B; b++) {
        const o = (t * B + b) * dyStride;
        for (let j = 0; j < H; j++) dh[b * H + j] = dY[o + j] + dhNext[b * H + j];
      }
      zeroPaddedRows(dh, t, this.seq, H);
      this.stepBackward(
        t,
        this.slotView(h, this.prevSlot(t)),
        this.slotView(h, this.slot(t)),
        dh,
        dhNext,
      );
    }
    accumulateColumnSums(this.dPre.get(T * B * G), T * B, G, dBias);
  }

  /** One step: pre[t] holds x-projection + bias; computes hOut from hPrev (padding is zeroed after). */
  protected abstract stepForward(t: number, hPrev: Float32Array, hOut: Float32Array): void;
  /**
   * One step backward: dh is the total gradient reaching h_t (zero on padded rows).
   * Writes dPre[t] (and the cell's recurrent-side gradient) and overwrites dhNext
   * with the gradient reaching hPrev.
   */
  protected abstract stepBackward(
    t: number,
    hPrev: Float32Array,
    hCur: Float32Array,
    dh: Float32Array,
    dhNext: Float32Array,
  ): void;
}

/**
 * LSTM (Hochreiter & Schmidhuber 1997, with forget gate, Gers et al. 2000), gates (i, f, g, o):
 *   i,f,o = σ(·), g = tanh(·), c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).
 * The pointwise part runs in the kernels' lstmCellForward / lstmCellBackward.
 */
export class LstmDirection extends RecurrentDirection {
  private readonly c: Growable; // [T+1, B, H]
  private readonly state: Growable; // [2H] h and c of the fused inference path
  private int8: { wx: Int8Weights; wh: Int8Weights } | null = null; // see setInt8

  constructor(kernels: Kernels, name: string, inSize: number, H: number, reverse: boolean) {
    super(kernels, name, inSize, H, 4, reverse);
    this.c = new Growable(kernels);
    this.state = new Growable(kernels);
  }

  /**
   * At batch 1 all steps run in one lstmSequenceForward call (the bias added
   * there, h written straight into its columns of out); larger batches step.
   */
  override forwardInto(
    x: Float32Array,
    seq: SequenceShape,
    out: Float32Array,
    outStride: number,
    column: number,
  ): void {
    if (seq.B !== 1) return super.forwardInto(x, seq, out, outStride, column);
    const { H, G } = this;
    const T = seq.lengths[0];
    this.x = null; // nothing stored for backward
    this.seq = seq;
    const pre = this.pre.get(seq.T * G);
    const q = this.int8;
    if (q) this.kernels.int8Gemm!(T, x, q.wx, pre);
    else this.kernels.gemm(false, false, T, G, this.inSize, x, this.wx, 0, pre);
    const state = this.state.zeroed(2 * H);
    const h = state.subarray(0, H);
    const c = state.subarray(H, 2 * H);
    const o = out.subarray(column);
    if (q) {
      this.kernels.lstmSequenceForwardInt8!(
        T,
        H,
        pre,
        this.b,
        q.wh,
        this.reverse,
        h,
        c,
        o,
        outStride,
      );
    } else {
      this.kernels.lstmSequenceForward(
        T,
        H,
        pre,
        this.b,
        this.wh,
        this.reverse,
        h,
        c,
        o,
        outStride,
      );
    }
    for (let t = T; t < seq.T; t++) o.fill(0, t * outStride, t * outStride + H);
  }

  /** Both products of the batch-1 path in int8: the input projection (Wx) and the recurrence (Wh). */
  override setInt8(on: boolean): boolean {
    const k = this.kernels;
    if (this.int8 && k.free) {
      k.free(this.int8.wx.block);
      k.free(this.int8.wh.block);
    }
    this.int8 = null;
    if (!on || !k.int8Gemm || !k.lstmSequenceForwardInt8) return false;
    const alloc = (n: number) => k.alloc(n);
    this.int8 = {
      wx: quantizeWeights(alloc, this.wx, this.inSize, this.G),
      wh: quantizeWeights(alloc, this.wh, this.H, this.G),
    };
    return true;
  }

  override init(rng: Rng): void {
    super.init(rng);
    this.b.fill(1, this.H, 2 * this.H); // forget-gate bias 1 (Jozefowicz et al. 2015)
  }

  protected beginForward(seq: SequenceShape): void {
    const c = this.c.get((seq.T + 1) * seq.B * this.H);
    this.slotView(c, this.reverse ? seq.T : 0).fill(0);
  }

  /** All steps in one lstmSequenceTrainForward call; pre becomes the gate activations. */
  protected runForward(h: Float32Array): void {
    const { T, B, lengths } = this.seq;
    const { H, G } = this;
    const c = this.c.get((T + 1) * B * H);
    const pre = this.pre.get(T * B * G);
    this.kernels.lstmSequenceTrainForward(
      T,
      B,
      H,
      pre,
      this.b,
      this.wh,
      this.reverse,
      lengths,
      h,
      c,
    );
  }

  protected runBackward(
    dY: Float32Array,
    dyStride: number,
    _h: Float32Array,
    dBias: Float32Array,
  ): void {
    const { T, B, lengths } = this.seq;
    const { H, G } = this;
    this.kernels.lstmSequenceTrainBackward(
      T,
      B,
      H,
      this.pre.get(T * B * G),
      this.c.get((T + 1) * B * H),
      dY,
      dyStride,
      this.wh,
      this.reverse,
      lengths,
      this.dPre.get(T * B * G),
      dBias,
    );
  }

  protected recurrentGradient(N: number): Float32Array {
    return this.dPre.get(N * this.G);
  }
}

/**
 * GRU (Cho et al. 2014), as in cuDNN/PyTorch, gates (r, z, n):
 *   r = σ(xr + hr), z = σ(xz + hz), n = tanh(xn + r⊙hn), h_t = (1−z)⊙n + z⊙h_{t−1},
 * where x· = x·Wx + bx and h· = h_{t−1}·Wh + bh (the recurrent bias bh sits inside r⊙(…)).
 */
export class GruDirection extends SteppedDirection {
  private bh!: Float32Array;
  private readonly hh: Growable; // [T·B, 3H] recurrent pre-activations h_{t−1}·Wh + bh
  private readonly dhh: Growable; // [T·B, 3H] their gradient

  constructor(kernels: Kernels, name: string, inSize: number, H: number, reverse: boolean) {
    super(kernels, name, inSize, H, 3, reverse);
    this.hh = new Growable(kernels);
    this.dhh = new Growable(kernels);
  }

  override paramSpecs(): ParamSpec[] {
    return [...super.paramSpecs(), { name: `${this.name}.bh`, shape: [this.G], decay: false }];
  }

  override bind(params: ParamSet): void {
    super.bind(params);
    this.bh = params.view(`${this.name}.bh`);
  }

  override init(rng: Rng): void {
    super.init(rng);
    this.bh.fill(0);
  }

  protected beginForward(seq: SequenceShape): void {
    this.hh.get(seq.T * seq.B * this.G);
  }

  protected stepForward(t: number, hPrev: Float32Array, hOut: Float32Array): void {
    const { T, B } = this.seq;
    const { H, G } = this;
    const p = this.stepView(this.pre.get(T * B * G), t, G);
    const hh = this.stepView(this.hh.get(T * B * G), t, G);
    this.kernels.gemm(false, false, B, G, H, hPrev, this.wh, 0, hh);
    addBiasRows(hh, B, G, this.bh);
    for (let b = 0; b < B; b++) {
      const g0 = b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(p[g0 + j] + hh[g0 + j]);
        const z = sigmoid(p[g0 + H + j] + hh[g0 + H + j]);
        const n = Math.tanh(p[g0 + 2 * H + j] + r * hh[g0 + 2 * H + j]);
        p[g0 + j] = r;
        p[g0 + H + j] = z;
        p[g0 + 2 * H + j] = n;
        hOut[s0 + j] = (1 - z) * n + z * hPrev[s0 + j];
      }
    }
  }

  protected stepBackward(
    t: number,
    hPrev: Float32Array,
    _hCur: Float32Array,
    dh: Float32Array,
    dhNext: Float32Array,
  ): void {
    const { T, B } = this.seq;
    const { H, G } = this;
    const act = this.stepView(this.pre.get(T * B * G), t, G);
    const hh = this.stepView(this.hh.get(T * B * G), t, G);
    const dp = this.stepView(this.dPre.get(T * B * G), t, G);
    const dhh = this.stepView(this.dhh.get(T * B * G), t, G);
    for (let b = 0; b < B; b++) {
      const g0 = b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const r = act[g0 + j];
        const z = act[g0 + H + j];
        const n = act[g0 + 2 * H + j];
        const d = dh[s0 + j];
        const dn = d * (1 - z) * (1 - n * n); // through n = tanh(·)
        const dz = d * (hPrev[s0 + j] - n) * z * (1 - z);
        const dr = dn * hh[g0 + 2 * H + j] * r * (1 - r);
        dp[g0 + j] = dr;
        dp[g0 + H + j] = dz;
        dp[g0 + 2 * H + j] = dn;
        dhh[g0 + j] = dr;
        dhh[g0 + H + j] = dz;
        dhh[g0 + 2 * H + j] = dn * r;
        dhNext[s0 + j] = d * z; // the direct path z⊙h_{t−1}
      }
    }
    this.kernels.gemm(false, true, B, H, G, dhh, this.wh, 1, dhNext);
  }

  protected recurrentGradient(N: number): Float32Array {
    return this.dhh.get(N * this.G);
  }

  protected override accumulateExtraGradients(N: number, params: ParamSet): void {
    accumulateColumnSums(this.dhh.get(N * this.G), N, this.G, params.gradView(`${this.name}.bh`));
  }
}

/** Fully recurrent (Elman) cell: h_t = tanh(x·Wx + b + h_{t−1}·Wh). */
export class RnnDirection extends SteppedDirection {
  constructor(kernels: Kernels, name: string, inSize: number, H: number, reverse: boolean) {
    super(kernels, name, inSize, H, 1, reverse);
  }

  protected beginForward(): void {}

  protected stepForward(t: number, hPrev: Float32Array, hOut: Float32Array): void {
    const { T, B } = this.seq;
    const H = this.H;
    const a = this.stepView(this.pre.get(T * B * H), t, H);
    this.kernels.gemm(false, false, B, H, H, hPrev, this.wh, 1, a);
    for (let i = 0; i < B * H; i++) hOut[i] = Math.tanh(a[i]);
  }

  protected stepBackward(
    t: number,
    _hPrev: Float32Array,
    hCur: Float32Array,
    dh: Float32Array,
    dhNext: Float32Array,
  ): void {
    const { T, B } = this.seq;
    const H = this.H;
    const da = this.stepView(this.dPre.get(T * B * H), t, H);
    for (let i = 0; i < B * H; i++) da[i] = dh[i] * (1 - hCur[i] * hCur[i]);
    this.kernels.gemm(false, true, B, H, H, da, this.wh, 0, dhNext);
  }

  protected recurrentGradient(N: number): Float32Array {
    return this.dPre.get(N * this.H);
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
