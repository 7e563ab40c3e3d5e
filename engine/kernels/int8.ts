/**
 * Int8 inference: weights quantised once per model load, activations per row
 * at run time; the layout and arithmetic every Kernels implementation of
 * int8Gemm / lstmSequenceForwardInt8 shares (the WASM kernels in
 * wasm/assembly/int8.ts, the reference in reference.ts).
 *
 * Weights W [K, N] (row-major, as the engine stores x·W): each column n (one
 * output / gate unit) is symmetric int8, W[k, n] ≈ sw[n]·qw[k, n] with
 * sw[n] = max_k |W[k, n]| / 127. An activation row x [K] is u7 with zero point
 * 64: x ≈ sx·(qx − 64), sx = max|x| / 63, qx = nearest(x / sx) + 64 ∈ [1, 127]
 * (7 bits, so the i8×u7 products of a relaxed dot never saturate). Then
 *   (x·W)[n] ≈ sx·sw[n]·(Σ_k qw[k, n]·qx[k] + offset[n]),  offset[n] = −64·Σ_k qw[k, n].
 *
 * Packed block (one `alloc` of the kernels, so WASM reads it in place), bytes:
 *   qw  [Np/32 panels][Kp/4 k-blocks][8 groups][4 columns][4 k]   (int8)
 *   sw  [Np] f32, offset [Np] i32
 * with Kp = K rounded up to 4 and Np = N rounded up to 32, padding zero.
 * One 16-byte group is 4 columns × 4 consecutive k: a 4-way dot product per
 * i32 lane against 4 bytes of x leaves 4 column sums in 4 lanes (VNNI layout).
 */

/** Columns per panel of the packed layout (8 groups of 4). */
export const INT8_PANEL = 32;
/** Zero point of the u7 activations. */
export const INT8_ZERO_POINT = 64;

/** A weight matrix [K, N] quantised and packed for the int8 kernels of the Kernels that made it. */
export interface Int8Weights {
  readonly K: number;
  readonly N: number;
  /** The packed block (see the module comment), allocated by those kernels. */
  readonly block: Float32Array;
}

const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** Padded sizes and the block's length in floats for a [K, N] matrix. */
export function int8Layout(K: number, N: number): { Kp: number; Np: number; floats: number } {
  const Kp = roundUp(K, 4);
  const Np = roundUp(N, INT8_PANEL);
  return { Kp, Np, floats: (Np * Kp) / 4 + 2 * Np };
}

/** Byte offset of qw[k, n] in the packed block. */
export function int8WeightIndex(Kp: number, k: number, n: number): number {
  const panel = Math.floor(n / INT8_PANEL);
  const within = n % INT8_PANEL;
  return (
    panel * INT8_PANEL * Kp +
    (k >> 2) * INT8_PANEL * 4 +
    (within >> 2) * 16 +
    (within & 3) * 4 +
    (k & 3)
  );
}

/**
 * Quantises and packs W [K, N] into a block obtained from `alloc` (the kernels'
 * own, so their int8 kernels read it without copying).
 */
export function quantizeWeights(
  alloc: (length: number) => Float32Array,
  W: Float32Array,
  K: number,
  N: number,
): Int8Weights {
  if (!Number.isInteger(K) || K < 1 || !Number.isInteger(N) || N < 1 || W.length < K * N) {
    throw new RangeError(
      `quantizeWeights: need K, N ≥ 1 and K·N = ${K * N} weights, got K=${K}, N=${N}, ${W.length} weights`,
    );
  }
  const { Kp, Np, floats } = int8Layout(K, N);
  const block = alloc(floats);
  block.fill(0);
  const bytes = new Int8Array(block.buffer, block.byteOffset, Np * Kp);
  const sw = block.subarray((Np * Kp) / 4, (Np * Kp) / 4 + Np);
  const offset = new Int32Array(block.buffer, block.byteOffset + Np * Kp + 4 * Np, Np);
  for (let n = 0; n < N; n++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(W[k * N + n]));
    if (!Number.isFinite(max)) {
      throw new RangeError(`quantizeWeights: column ${n} holds a non-finite weight`);
    }
    if (max === 0) continue; // scale 0, all-zero column
    const scale = Math.fround(max / 127);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const q = Math.max(-127, Math.min(127, Math.round(W[k * N + n] / scale)));
      bytes[int8WeightIndex(Kp, k, n)] = q;
      sum += q;
    }
    sw[n] = scale;
    offset[n] = -INT8_ZERO_POINT * sum;
  }
  return { K, N, block };
}

/** The views of a packed block: int8 weights, column scales, accumulator offsets. */
export function int8Views(w: Int8Weights): {
  Kp: number;
  Np: number;
  qw: Int8Array;
  sw: Float32Array;
  offset: Int32Array;
} {
  const { Kp, Np } = int8Layout(w.K, w.N);
  const { block } = w;
  return {
    Kp,
    Np,
    qw: new Int8Array(block.buffer, block.byteOffset, Np * Kp),
    sw: block.subarray((Np * Kp) / 4, (Np * Kp) / 4 + Np),
    offset: new Int32Array(block.buffer, block.byteOffset + Np * Kp + 4 * Np, Np),
  };
}

/** Round half to even, as WebAssembly's f32.nearest. */
function nearestEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Quantises x[from … from + K) to u7 bytes q[0 … K) and returns the scale sx;
 * bit-exact with the WASM kernels (f32 arithmetic, round half to even).
 */
export function quantizeRowU7(x: Float32Array, from: number, K: number, q: Uint8Array): number {
  let max = 0;
  for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(x[from + k]));
  if (max === 0) {
    q.fill(INT8_ZERO_POINT, 0, K);
    return 0;
  }
  const inv = Math.fround(63 / max);
  for (let k = 0; k < K; k++) {
    const v = nearestEven(Math.fround(x[from + k] * inv)) + INT8_ZERO_POINT;
    q[k] = Math.max(0, Math.min(127, v));
  }
  return Math.fround(max / 63);
}
