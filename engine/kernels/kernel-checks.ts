import { int8Layout, type Int8Weights } from './int8';

// The argument checks every optimised Kernels implementation (WASM, native)
// runs before it touches memory: shapes must be non-negative integers and
// every array long enough, else a RangeError naming the kernel and argument.
// Each check returns the lengths the kernel then reads or writes.

export function checkCount(kernel: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${kernel}: ${name} must be a non-negative integer, got ${value}`);
  }
}

export function checkLength(
  kernel: string,
  name: string,
  array: Float32Array,
  needed: number,
): void {
  if (array.length < needed) {
    throw new RangeError(
      `${kernel}: ${name} has ${array.length} elements but the shapes need ${needed}`,
    );
  }
}

function checkLengths(kernel: string, lengths: Int32Array, B: number): void {
  if (lengths.length < B) {
    throw new RangeError(`${kernel}: lengths has ${lengths.length} entries, need B = ${B}`);
  }
}

/** gemm's shapes and operands; returns false when there is nothing to do (M or N is 0). */
export function checkGemm(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  B: Float32Array,
  C: Float32Array,
): boolean {
  checkCount('gemm', 'M', M);
  checkCount('gemm', 'N', N);
  checkCount('gemm', 'K', K);
  if (M === 0 || N === 0) return false;
  checkLength('gemm', 'A', A, M * K);
  checkLength('gemm', 'B', B, K * N);
  checkLength('gemm', 'C', C, M * N);
  return true;
}

/** Checks the sizes an LSTM cell step shares forward and backward; returns rows × H. */
export function cellSize(
  kernel: string,
  rows: number,
  H: number,
  gates: Float32Array,
  cPrev: Float32Array | null,
  c: Float32Array,
): number {
  checkCount(kernel, 'rows', rows);
  checkCount(kernel, 'H', H);
  const n = rows * H;
  checkLength(kernel, 'gates', gates, 4 * n);
  if (cPrev) checkLength(kernel, 'cPrev', cPrev, n);
  checkLength(kernel, 'c', c, n);
  return n;
}

/** Checks lstmCellBackward's arguments; returns rows × H. */
export function checkCellBackward(
  rows: number,
  H: number,
  gates: Float32Array,
  cPrev: Float32Array | null,
  c: Float32Array,
  dh: Float32Array,
  dc: Float32Array,
  dGates: Float32Array,
): number {
  const n = cellSize('lstmCellBackward', rows, H, gates, cPrev, c);
  checkLength('lstmCellBackward', 'dh', dh, n);
  checkLength('lstmCellBackward', 'dc', dc, n);
  checkLength('lstmCellBackward', 'dGates', dGates, 4 * n);
  return n;
}

/** Checks a sequence forward's sizes; returns the length its `out` must have. */
function sequenceOutLength(kernel: string, T: number, H: number, outStride: number): number {
  checkCount(kernel, 'T', T);
  checkCount(kernel, 'H', H);
  checkCount(kernel, 'outStride', outStride);
  if (T > 1 && outStride < H) {
    throw new RangeError(`${kernel}: outStride ${outStride} is less than H = ${H}`);
  }
  return T === 0 ? 0 : (T - 1) * outStride + H;
}

/** Checks lstmSequenceForward's arguments; returns the length of `out` it writes. */
export function checkSequenceForward(
  T: number,
  H: number,
  pre: Float32Array,
  bias: Float32Array,
  wh: Float32Array,
  h: Float32Array,
  c: Float32Array,
  out: Float32Array,
  outStride: number,
): number {
  const name = 'lstmSequenceForward';
  const lenOut = sequenceOutLength(name, T, H, outStride);
  const G = 4 * H;
  checkLength(name, 'pre', pre, T * G);
  checkLength(name, 'bias', bias, G);
  checkLength(name, 'wh', wh, H * G);
  checkLength(name, 'h', h, H);
  checkLength(name, 'c', c, H);
  checkLength(name, 'out', out, lenOut);
  return lenOut;
}

export function checkAdam(
  n: number,
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
): void {
  checkCount('adamUpdate', 'n', n);
  for (const [name, a] of [
    ['w', w],
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const)
    checkLength('adamUpdate', name, a, n);
}

/** Checks lstmSequenceTrainForward's arguments; returns the length of h and c. */
export function checkTrainForward(
  T: number,
  B: number,
  H: number,
  gates: Float32Array,
  bias: Float32Array,
  wh: Float32Array,
  lengths: Int32Array,
  h: Float32Array,
  c: Float32Array,
): number {
  const name = 'lstmSequenceTrainForward';
  checkCount(name, 'T', T);
  checkCount(name, 'B', B);
  checkCount(name, 'H', H);
  const G = 4 * H;
  const lenState = (T + 1) * B * H;
  checkLength(name, 'gates', gates, T * B * G);
  checkLength(name, 'bias', bias, G);
  checkLength(name, 'wh', wh, H * G);
  checkLengths(name, lengths, B);
  checkLength(name, 'h', h, lenState);
  checkLength(name, 'c', c, lenState);
  return lenState;
}

/** Checks lstmSequenceTrainBackward's arguments; returns the lengths of the state and of dY. */
export function checkTrainBackward(
  T: number,
  B: number,
  H: number,
  gates: Float32Array,
  c: Float32Array,
  dY: Float32Array,
  dyStride: number,
  wh: Float32Array,
  lengths: Int32Array,
  dGates: Float32Array,
  dBias: Float32Array,
): { lenState: number; lenDY: number } {
  const name = 'lstmSequenceTrainBackward';
  checkCount(name, 'T', T);
  checkCount(name, 'B', B);
  checkCount(name, 'H', H);
  checkCount(name, 'dyStride', dyStride);
  if (dyStride < H) {
    throw new RangeError(`${name}: dyStride ${dyStride} is less than H = ${H}`);
  }
  const G = 4 * H;
  const lenState = (T + 1) * B * H;
  const lenDY = T * B === 0 ? 0 : (T * B - 1) * dyStride + H;
  checkLength(name, 'gates', gates, T * B * G);
  checkLength(name, 'c', c, lenState);
  checkLength(name, 'dY', dY, lenDY);
  checkLength(name, 'wh', wh, H * G);
  checkLengths(name, lengths, B);
  checkLength(name, 'dGates', dGates, T * B * G);
  checkLength(name, 'dBias', dBias, G);
  return { lenState, lenDY };
}

function checkInt8Block(kernel: string, w: Int8Weights): void {
  const { floats } = int8Layout(w.K, w.N);
  if (w.block.length < floats) {
    throw new RangeError(
      `${kernel}: the int8 weights block does not fit [${w.K}, ${w.N}]; make it with quantizeWeights(kernels.alloc, …)`,
    );
  }
}

/** Checks int8Gemm's arguments; returns false when there is nothing to do (M = 0). */
export function checkInt8Gemm(
  M: number,
  x: Float32Array,
  w: Int8Weights,
  out: Float32Array,
): boolean {
  checkCount('int8Gemm', 'M', M);
  checkLength('int8Gemm', 'x', x, M * w.K);
  checkLength('int8Gemm', 'out', out, M * w.N);
  checkInt8Block('int8Gemm', w);
  return M > 0;
}

/** Checks lstmSequenceForwardInt8's arguments; returns the length of `out` it writes. */
export function checkSequenceForwardInt8(
  T: number,
  H: number,
  pre: Float32Array,
  bias: Float32Array,
  wh: Int8Weights,
  h: Float32Array,
  c: Float32Array,
  out: Float32Array,
  outStride: number,
): number {
  const name = 'lstmSequenceForwardInt8';
  const lenOut = sequenceOutLength(name, T, H, outStride);
  if (wh.K !== H || wh.N !== 4 * H) {
    throw new RangeError(`${name}: wh must be [H, 4H] = [${H}, ${4 * H}], got [${wh.K}, ${wh.N}]`);
  }
  checkInt8Block(name, wh);
  const G = 4 * H;
  checkLength(name, 'pre', pre, T * G);
  checkLength(name, 'bias', bias, G);
  checkLength(name, 'h', h, H);
  checkLength(name, 'c', c, H);
  checkLength(name, 'out', out, lenOut);
  return lenOut;
}
