import { int8Layout } from '../int8';
import {
  cellSize,
  checkAdam,
  checkCellBackward,
  checkCount,
  checkGemm,
  checkInt8Gemm,
  checkLength,
  checkSequenceForward,
  checkSequenceForwardInt8,
  checkTrainBackward,
  checkTrainForward,
} from '../kernel-checks';
import type { Kernels } from '../kernels';
import { WasmHeap } from './heap';
import { ArgumentStaging } from './staging';

/** The float and the int8 LSTM sequence forward (wh: float [H, 4H] or an int8 block). */
type SequenceForward = (
  T: number,
  H: number,
  pre: number,
  bias: number,
  wh: number,
  reverse: boolean,
  h: number,
  c: number,
  out: number,
  outStride: number,
  work: number,
) => void;

/** The functions engine/kernels/wasm/assembly/index.ts exports (addresses are byte offsets). */
interface KernelExports {
  heapBase(): number;
  relaxedSimd(): number;
  gemmWorkFloats(): number;
  gemm(
    transA: boolean,
    transB: boolean,
    M: number,
    N: number,
    K: number,
    a: number,
    b: number,
    beta: number,
    c: number,
    work: number,
  ): void;
  lstmCellForward(
    rows: number,
    H: number,
    gates: number,
    cPrev: number,
    hasCPrev: boolean,
    c: number,
    h: number,
  ): void;
  lstmSequenceWorkFloats(H: number): number;
  lstmSequenceForward: SequenceForward;
  adamUpdate(
    n: number,
    w: number,
    g: number,
    m: number,
    v: number,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    c1: number,
    c2: number,
    l2: number,
    shrink: number,
  ): void;
  lstmTrainWorkFloats(B: number, H: number): number;
  lstmSequenceTrainForward(
    T: number,
    B: number,
    H: number,
    gates: number,
    bias: number,
    wh: number,
    reverse: boolean,
    lengths: number,
    h: number,
    c: number,
    work: number,
  ): void;
  lstmSequenceTrainBackward(
    T: number,
    B: number,
    H: number,
    gates: number,
    c: number,
    dY: number,
    dyStride: number,
    wh: number,
    reverse: boolean,
    lengths: number,
    dGates: number,
    dBias: number,
    work: number,
  ): void;
  int8GemmWorkBytes(M: number, Kp: number, Np: number): number;
  int8Gemm(M: number, N: number, K: number, x: number, w: number, out: number, work: number): void;
  lstmSequenceInt8WorkBytes(H: number): number;
  lstmSequenceForwardInt8: SequenceForward;
  lstmCellBackward(
    rows: number,
    H: number,
    gates: number,
    cPrev: number,
    hasCPrev: boolean,
    c: number,
    dh: number,
    dc: number,
    dGates: number,
  ): void;
}

const EXPORTS: (keyof KernelExports)[] = [
  'heapBase',
  'relaxedSimd',
  'gemmWorkFloats',
  'gemm',
  'lstmCellForward',
  'lstmCellBackward',
  'lstmSequenceForward',
  'lstmSequenceWorkFloats',
  'adamUpdate',
  'lstmTrainWorkFloats',
  'lstmSequenceTrainForward',
  'lstmSequenceTrainBackward',
  'int8Gemm',
  'int8GemmWorkBytes',
  'lstmSequenceForwardInt8',
  'lstmSequenceInt8WorkBytes',
];

export interface WasmKernelOptions {
  /** Upper bound of the WASM memory in 64 KiB pages (default 32768 = 2 GiB, at most 65536). */
  maximumPages?: number;
}

/**
 * WASM SIMD kernels; `alloc` returns views into the module's shared memory.
 * `name` is 'wasm-relaxed-simd' for the build with fused multiply-add, else 'wasm-simd'.
 */
export interface WasmKernels extends Kernels {
  readonly memory: WebAssembly.Memory;
  /** Returns an array obtained from `alloc` to the allocator. */
  free(array: Float32Array): void;
}

const DEFAULT_MAXIMUM_PAGES = 32768;
const MODULE_MAXIMUM_PAGES = 65536;

/** Compiles (when given bytes) and instantiates the kernels module. */
export async function createWasmKernels(
  source: ArrayBuffer | Uint8Array<ArrayBuffer> | WebAssembly.Module,
  options: WasmKernelOptions = {},
): Promise<WasmKernels> {
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  return createWasmKernelsSync(module, options);
}

/** Instantiates a compiled kernels module synchronously (for workers and tests). */
export function createWasmKernelsSync(
  module: WebAssembly.Module,
  options: WasmKernelOptions = {},
): WasmKernels {
  const maximumPages = options.maximumPages ?? DEFAULT_MAXIMUM_PAGES;
  if (!Number.isInteger(maximumPages) || maximumPages < 1 || maximumPages > MODULE_MAXIMUM_PAGES) {
    throw new RangeError(
      `WASM kernels: maximumPages must be an integer in 1…${MODULE_MAXIMUM_PAGES}, got ${maximumPages}`,
    );
  }
  const memory = createSharedMemory(maximumPages);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const ex = checkExports(instance.exports);
  const heap = new WasmHeap(memory, ex.heapBase(), maximumPages);
  const work = heap.alloc(ex.gemmWorkFloats() * 4);
  const staging = new ArgumentStaging(heap);
  // Workspace of lstmSequenceForward (packed recurrent weights), grown on demand.
  const sequenceWork = new GrowableBlock(heap);
  // Workspace of the int8 kernels (quantised activations, a gates row), grown on demand.
  const int8Work = new GrowableBlock(heap);
  // Workspace of the training sequence kernels (packed weights, a step's packed
  // left operand, dh and dc) and their lengths argument, grown on demand.
  const trainWork = new GrowableBlock(heap);
  const lengthsBlock = new GrowableBlock(heap);
  const lengthsAt = (lengths: Int32Array, B: number): number => {
    const ptr = lengthsBlock.atLeast(B * 4);
    new Int32Array(memory.buffer, ptr, B).set(lengths.subarray(0, B));
    return ptr;
  };
  const relaxed = ex.relaxedSimd() !== 0;

  return {
    name: relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    memory,
    // The relaxed dot product is one VNNI (or pmaddubsw + pmaddwd) instruction;
    // the SIMD128 build emulates it with 16-bit products, no faster than f32.
    int8Preferred: relaxed,

    alloc(length) {
      checkCount('alloc', 'length', length);
      return heap.floats(heap.alloc(length * 4), length);
    },

    free(array) {
      if (!heap.owns(array)) {
        throw new Error('WASM kernels: free() takes an array returned by this instance’s alloc()');
      }
      heap.free(array.byteOffset);
    },

    gemm(transA, transB, M, N, K, A, B, beta, C) {
      if (!checkGemm(M, N, K, A, B, C)) return;
      const lenA = M * K;
      const lenB = K * N;
      const lenC = M * N;
      staging.begin(staging.need(A, lenA) + staging.need(B, lenB) + staging.need(C, lenC));
      const a = staging.input(A, lenA);
      const b = staging.input(B, lenB);
      // beta = 0 ignores C's old contents, so they need not be copied in.
      const c = beta === 0 ? staging.output(C, lenC) : staging.input(C, lenC);
      ex.gemm(transA, transB, M, N, K, a, b, beta, c, work);
      staging.copyBack(C, c, lenC);
    },

    lstmCellForward(rows, H, gates, cPrev, c, h) {
      const n = cellSize('lstmCellForward', rows, H, gates, cPrev, c);
      checkLength('lstmCellForward', 'h', h, n);
      if (n === 0) return;
      staging.begin(
        staging.need(gates, 4 * n) +
          (cPrev ? staging.need(cPrev, n) : 0) +
          staging.need(c, n) +
          staging.need(h, n),
      );
      const pGates = staging.input(gates, 4 * n);
      const pCPrev = cPrev ? staging.input(cPrev, n) : 0;
      const pC = staging.output(c, n);
      const pH = staging.output(h, n);
      ex.lstmCellForward(rows, H, pGates, pCPrev, cPrev !== null, pC, pH);
      staging.copyBack(gates, pGates, 4 * n);
      staging.copyBack(c, pC, n);
      staging.copyBack(h, pH, n);
    },

    lstmSequenceForward(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
      const lenOut = checkSequenceForward(T, H, pre, bias, wh, h, c, out, outStride);
      const G = 4 * H;
      if (T === 0 || H === 0) return;
      const work = sequenceWork.atLeast(ex.lstmSequenceWorkFloats(H) * 4);
      staging.begin(
        staging.need(pre, T * G) +
          staging.need(bias, G) +
          staging.need(wh, H * G) +
          staging.need(h, H) +
          staging.need(c, H) +
          staging.need(out, lenOut),
      );
      const pPre = staging.input(pre, T * G);
      const pBias = staging.input(bias, G);
      const pWh = staging.input(wh, H * G);
      const pH = staging.input(h, H);
      const pC = staging.input(c, H);
      // Columns of out outside [0, H) of each row must survive: copy it in, not just out.
      const pOut = staging.input(out, lenOut);
      ex.lstmSequenceForward(T, H, pPre, pBias, pWh, reverse, pH, pC, pOut, outStride, work);
      staging.copyBack(h, pH, H);
      staging.copyBack(c, pC, H);
      staging.copyBack(out, pOut, lenOut);
    },

    adamUpdate(n, w, g, m, v, { lr, beta1, beta2, eps, c1, c2, l2, shrink }) {
      checkAdam(n, w, g, m, v);
      if (n === 0) return;
      staging.begin(
        staging.need(w, n) + staging.need(g, n) + staging.need(m, n) + staging.need(v, n),
      );
      const pw = staging.input(w, n);
      const pg = staging.input(g, n);
      const pm = staging.input(m, n);
      const pv = staging.input(v, n);
      ex.adamUpdate(n, pw, pg, pm, pv, lr, beta1, beta2, eps, c1, c2, l2, shrink);
      staging.copyBack(w, pw, n);
      staging.copyBack(m, pm, n);
      staging.copyBack(v, pv, n);
    },

    lstmSequenceTrainForward(T, B, H, gates, bias, wh, reverse, lengths, h, c) {
      const lenState = checkTrainForward(T, B, H, gates, bias, wh, lengths, h, c);
      const G = 4 * H;
      if (T === 0 || B === 0 || H === 0) return;
      const work = trainWork.atLeast(ex.lstmTrainWorkFloats(B, H) * 4);
      const pLengths = lengthsAt(lengths, B);
      staging.begin(
        staging.need(gates, T * B * G) +
          staging.need(bias, G) +
          staging.need(wh, H * G) +
          staging.need(h, lenState) +
          staging.need(c, lenState),
      );
      const pGates = staging.input(gates, T * B * G);
      const pBias = staging.input(bias, G);
      const pWh = staging.input(wh, H * G);
      const pH = staging.input(h, lenState);
      const pC = staging.input(c, lenState);
      ex.lstmSequenceTrainForward(T, B, H, pGates, pBias, pWh, reverse, pLengths, pH, pC, work);
      staging.copyBack(gates, pGates, T * B * G);
      staging.copyBack(h, pH, lenState);
      staging.copyBack(c, pC, lenState);
    },

    lstmSequenceTrainBackward(
      T,
      B,
      H,
      gates,
      c,
      dY,
      dyStride,
      wh,
      reverse,
      lengths,
      dGates,
      dBias,
    ) {
      const { lenState, lenDY } = checkTrainBackward(
        T,
        B,
        H,
        gates,
        c,
        dY,
        dyStride,
        wh,
        lengths,
        dGates,
        dBias,
      );
      const G = 4 * H;
      if (T === 0 || B === 0 || H === 0) return;
      const work = trainWork.atLeast(ex.lstmTrainWorkFloats(B, H) * 4);
      const pLengths = lengthsAt(lengths, B);
      staging.begin(
        staging.need(gates, T * B * G) +
          staging.need(c, lenState) +
          staging.need(dY, lenDY) +
          staging.need(wh, H * G) +
          staging.need(dGates, T * B * G) +
          staging.need(dBias, G),
      );
      const pGates = staging.input(gates, T * B * G);
      const pC = staging.input(c, lenState);
      const pDY = staging.input(dY, lenDY);
      const pWh = staging.input(wh, H * G);
      const pDGates = staging.output(dGates, T * B * G);
      const pDBias = staging.input(dBias, G);
      ex.lstmSequenceTrainBackward(
        T,
        B,
        H,
        pGates,
        pC,
        pDY,
        dyStride,
        pWh,
        reverse,
        pLengths,
        pDGates,
        pDBias,
        work,
      );
      staging.copyBack(dGates, pDGates, T * B * G);
      staging.copyBack(dBias, pDBias, G);
    },

    int8Gemm(M, x, w, out) {
      if (!checkInt8Gemm(M, x, w, out)) return;
      const { K, N, block } = w;
      const { Kp, Np } = int8Layout(K, N);
      const work = int8Work.atLeast(ex.int8GemmWorkBytes(M, Kp, Np));
      staging.begin(
        staging.need(x, M * K) + staging.need(block, block.length) + staging.need(out, M * N),
      );
      const pX = staging.input(x, M * K);
      const pW = staging.input(block, block.length);
      const pOut = staging.output(out, M * N);
      ex.int8Gemm(M, N, K, pX, pW, pOut, work);
      staging.copyBack(out, pOut, M * N);
    },

    lstmSequenceForwardInt8(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
      const lenOut = checkSequenceForwardInt8(T, H, pre, bias, wh, h, c, out, outStride);
      const G = 4 * H;
      if (T === 0 || H === 0) return;
      const work = int8Work.atLeast(ex.lstmSequenceInt8WorkBytes(H));
      const { block } = wh;
      staging.begin(
        staging.need(pre, T * G) +
          staging.need(bias, G) +
          staging.need(block, block.length) +
          staging.need(h, H) +
          staging.need(c, H) +
          staging.need(out, lenOut),
      );
      const pPre = staging.input(pre, T * G);
      const pBias = staging.input(bias, G);
      const pWh = staging.input(block, block.length);
      const pH = staging.input(h, H);
      const pC = staging.input(c, H);
      const pOut = staging.input(out, lenOut); // other columns of out survive
      ex.lstmSequenceForwardInt8(T, H, pPre, pBias, pWh, reverse, pH, pC, pOut, outStride, work);
      staging.copyBack(h, pH, H);
      staging.copyBack(c, pC, H);
      staging.copyBack(out, pOut, lenOut);
    },

    lstmCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates) {
      const n = checkCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates);
      if (n === 0) return;
      staging.begin(
        staging.need(gates, 4 * n) +
          (cPrev ? staging.need(cPrev, n) : 0) +
          staging.need(c, n) +
          staging.need(dh, n) +
          staging.need(dc, n) +
          staging.need(dGates, 4 * n),
      );
      const pGates = staging.input(gates, 4 * n);
      const pCPrev = cPrev ? staging.input(cPrev, n) : 0;
      const pC = staging.input(c, n);
      const pDh = staging.input(dh, n);
      const pDc = staging.input(dc, n);
      const pDGates = staging.output(dGates, 4 * n);
      ex.lstmCellBackward(rows, H, pGates, pCPrev, cPrev !== null, pC, pDh, pDc, pDGates);
      staging.copyBack(dc, pDc, n);
      staging.copyBack(dGates, pDGates, 4 * n);
    },
  };
}

function createSharedMemory(maximumPages: number): WebAssembly.Memory {
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: maximumPages, shared: true });
  } catch (err) {
    throw new Error(
      'WASM kernels need shared WebAssembly memory (SharedArrayBuffer). In a browser, serve the ' +
        'page cross-origin isolated (Cross-Origin-Opener-Policy: same-origin, ' +
        `Cross-Origin-Embedder-Policy: require-corp). Cause: ${(err as Error).message}`,
    );
  }
}

function checkExports(exports: Record<string, unknown>): KernelExports {
  for (const name of EXPORTS) {
    if (typeof exports[name] !== 'function') {
      throw new Error(
        `not a Verbatim kernels module: export '${name}' is missing; rebuild it with 'node scripts/build-wasm.mjs'`,
      );
    }
  }
  return exports as unknown as KernelExports;
}

/** A heap block reused across calls, reallocated only when a call needs more. */
class GrowableBlock {
  private ptr = 0;
  private bytes = 0;

  constructor(private readonly heap: WasmHeap) {}

  /** Address of a block of at least `bytes` bytes (contents unspecified). */
  atLeast(bytes: number): number {
    if (bytes > this.bytes) {
      if (this.bytes > 0) this.heap.free(this.ptr);
      this.ptr = this.heap.alloc(bytes);
      this.bytes = bytes;
    }
    return this.ptr;
  }
}
