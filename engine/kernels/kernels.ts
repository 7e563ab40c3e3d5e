import type { Int8Weights } from './int8';

/** The per-step constants of Kernels.adamUpdate. */
export interface AdamStepConstants {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1/(1−β1ᵗ) and 1/(1−β2ᵗ) */
  c1: number;
  c2: number;
  l2: number;
  shrink: number;
}

/**
 * The hot loops of the engine behind one interface, so the plain TypeScript
 * reference and the WebAssembly SIMD implementation are interchangeable and
 * can be tested against each other.
 *
 * Conventions: row-major, contiguous arrays; an "array" argument may be a
 * subarray view (its byteOffset is its start). Kernels allocate nothing; the
 * caller owns every buffer. Arrays obtained from `alloc` are zero-copy for the
 * implementation that made them (for WASM: views into its memory); any other
 * Float32Array must still work (the implementation may copy).
 */
export interface Kernels {
  readonly name: string;

  /** A zero-filled array that this implementation can use without copying. */
  alloc(length: number): Float32Array;

  /**
   * Optional: gives back an array obtained from `alloc` (implementations with
   * their own heap, e.g. WASM, implement it; garbage-collected ones need not).
   */
  free?(array: Float32Array): void;

  /**
   * C = beta·C + op(A)·op(B), with op(A) of shape [M, K] and op(B) of shape [K, N].
   * A is stored [M, K], or [K, M] when transA; B is stored [K, N], or [N, K] when transB.
   * beta = 0 overwrites C (its old contents, even NaN, are ignored).
   */
  gemm(
    transA: boolean,
    transB: boolean,
    M: number,
    N: number,
    K: number,
    A: Float32Array,
    B: Float32Array,
    beta: number,
    C: Float32Array,
  ): void;

  /**
   * LSTM cell, pointwise part, for a batch of `rows` rows of hidden size H.
   * gates: [rows, 4H] pre-activations in the order (i, f, g, o), replaced in
   * place by their activations (σ, σ, tanh, σ). cPrev: [rows, H] or null for
   * zeros. Writes c = f⊙cPrev + i⊙g and h = o⊙tanh(c), both [rows, H].
   */
  lstmCellForward(
    rows: number,
    H: number,
    gates: Float32Array,
    cPrev: Float32Array | null,
    c: Float32Array,
    h: Float32Array,
  ): void;

  /**
   * Inference at batch 1: all T steps of one LSTM direction in one call.
   * pre: [T, 4H] input projections x·Wx (without bias), read only; bias: [4H];
   * wh: [H, 4H]. Step t (in order T−1 … 0 when `reverse`) computes
   * gates = pre[t] + bias + h·wh, then the cell as lstmCellForward, and writes
   * h_t to out[t·outStride + j], j < H (other columns are left alone, so two
   * directions can share one concatenated output). h, c: [H], the state before
   * the first step on entry (zeros for a fresh sequence), after the last on exit.
   */
  lstmSequenceForward(
    T: number,
    H: number,
    pre: Float32Array,
    bias: Float32Array,
    wh: Float32Array,
    reverse: boolean,
    h: Float32Array,
    c: Float32Array,
    out: Float32Array,
    outStride: number,
  ): void;

  /**
   * One Adam step (Kingma & Ba 2015) over n parameters, in place: with
   * gi = g[i] + l2·w[i],
   *   m ← β1·m + (1−β1)·gi,  v ← β2·v + (1−β2)·gi²,  w ← shrink·w − lr·c1·m / (√(c2·v) + eps),
   * where c1, c2 are the bias corrections 1/(1−β1ᵗ), 1/(1−β2ᵗ), l2 the L2 weight
   * decay of Adam and shrink = 1 − lr·decay that of AdamW (see engine/train/adam.ts).
   */
  adamUpdate(
    n: number,
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    step: AdamStepConstants,
  ): void;

  /**
   * Training forward of one LSTM direction over a padded, time-major batch of
   * B sequences: all T steps in one call. gates: [T, B, 4H], on entry the input
   * projections x·Wx (without bias), on exit the gate activations (as
   * lstmCellForward leaves them). bias: [4H]; wh: [H, 4H]. h, c: [T+1, B, H]
   * state slots: step t reads slot t and writes slot t+1 (reads t+1 and writes
   * t when `reverse`, which runs t = T−1 … 0); the caller fills the initial
   * slot (0, or T when reverse). lengths: [B]; a row with t ≥ lengths[b] is
   * padding, and its h and c after step t are zero.
   */
  lstmSequenceTrainForward(
    T: number,
    B: number,
    H: number,
    gates: Float32Array,
    bias: Float32Array,
    wh: Float32Array,
    reverse: boolean,
    lengths: Int32Array,
    h: Float32Array,
    c: Float32Array,
  ): void;

  /**
   * Backward of lstmSequenceTrainForward through all T steps. gates and c are
   * what it left; dY: the gradient reaching each h_t from outside the
   * recurrence, element (t, b, j) at (t·B + b)·dyStride + j (read only, so one
   * direction's columns of a bidirectional output pass in place). Writes
   * dGates: [T, B, 4H], the gradient of the gates' pre-activations (zero on
   * padding), and adds its sum over all rows to dBias: [4H].
   */
  lstmSequenceTrainBackward(
    T: number,
    B: number,
    H: number,
    gates: Float32Array,
    c: Float32Array,
    dY: Float32Array,
    dyStride: number,
    wh: Float32Array,
    reverse: boolean,
    lengths: Int32Array,
    dGates: Float32Array,
    dBias: Float32Array,
  ): void;

  /**
   * Optional int8 inference (scheme and packed layout in ./int8.ts):
   * out [M, w.N] (row stride w.N) ≈ x [M, w.K] · W, each row of x quantised
   * to u7 on the fly, W the int8 weights `w` packed by quantizeWeights with
   * this implementation's `alloc`.
   */
  int8Gemm?(M: number, x: Float32Array, w: Int8Weights, out: Float32Array): void;

  /**
   * Optional: lstmSequenceForward with the recurrent product in int8: wh is
   * Wh [H, 4H] packed by quantizeWeights, h_{t−1} is quantised to u7 each step,
   * everything else (inputs, bias, the cell) stays f32.
   */
  lstmSequenceForwardInt8?(
    T: number,
    H: number,
    pre: Float32Array,
    bias: Float32Array,
    wh: Int8Weights,
    reverse: boolean,
    h: Float32Array,
    c: Float32Array,
    out: Float32Array,
    outStride: number,
  ): void;

  /** Whether the int8 kernels beat f32 here (a native int8 dot product), so inference should use them. */
  readonly int8Preferred?: boolean;

  /**
   * Backward of lstmCellForward. gates are the activations it stored, c its
   * output. dh: [rows, H] gradient reaching h. dc: [rows, H] on entry the
   * gradient reaching c from the next step, on exit the gradient for cPrev.
   * Writes dGates: [rows, 4H], the gradient of the pre-activations.
   */
  lstmCellBackward(
    rows: number,
    H: number,
    gates: Float32Array,
    cPrev: Float32Array | null,
    c: Float32Array,
    dh: Float32Array,
    dc: Float32Array,
    dGates: Float32Array,
  ): void;
}
