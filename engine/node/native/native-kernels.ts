import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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
} from '../../kernels/kernel-checks';
import type { Kernels } from '../../kernels/kernels';
import { nativeBuildDir } from '../native-build-dir';

/** The addon scripts/build-native.mjs builds (C, AVX2 + FMA, N-API). */
export const nativeKernelsPath = fileURLToPath(new URL('verbatim-kernels.node', nativeBuildDir));

type F = Float32Array;

/** What src/binding.c exports: the kernels with positional arguments, or why the CPU cannot run them. */
interface Addon {
  unsupported?: string;
  gemm(
    ta: boolean,
    tb: boolean,
    M: number,
    N: number,
    K: number,
    A: F,
    B: F,
    beta: number,
    C: F,
  ): void;
  lstmCellForward(rows: number, H: number, gates: F, cPrev: F | null, c: F, h: F): void;
  lstmCellBackward(
    rows: number,
    H: number,
    gates: F,
    cPrev: F | null,
    c: F,
    dh: F,
    dc: F,
    dGates: F,
  ): void;
  lstmSequenceForward: Kernels['lstmSequenceForward'];
  adamUpdate(
    n: number,
    w: F,
    g: F,
    m: F,
    v: F,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    c1: number,
    c2: number,
    l2: number,
    shrink: number,
  ): void;
  lstmSequenceTrainForward: Kernels['lstmSequenceTrainForward'];
  lstmSequenceTrainBackward: Kernels['lstmSequenceTrainBackward'];
  /** Whether this CPU has AVX512-VL + VNNI (vpdpbusd on ymm). */
  int8Vnni: boolean;
  /** The int8 kernels take `vnni`: false runs AVX2's pmaddubsw + pmaddwd even where VNNI exists. */
  int8Gemm(M: number, K: number, N: number, x: F, block: F, out: F, vnni: boolean): void;
  lstmSequenceForwardInt8(
    T: number,
    H: number,
    pre: F,
    bias: F,
    block: F,
    reverse: boolean,
    h: F,
    c: F,
    out: F,
    outStride: number,
    vnni: boolean,
  ): void;
}

const loaded = new Map<string, Addon>();

/** Loads the addon once per path and thread (process.dlopen per thread: it is context-aware). */
function loadAddon(path: string): Addon {
  let addon = loaded.get(path);
  if (!addon) {
    try {
      addon = createRequire(import.meta.url)(path) as Addon;
    } catch (err) {
      throw new Error(
        `native kernels not built or not loadable: ${path} (${(err as Error).message.split('\n')[0]}); run 'node scripts/build-native.mjs' (or 'npm run setup')`,
      );
    }
    loaded.set(path, addon);
  }
  if (addon.unsupported) throw new Error(`native kernels unusable: ${addon.unsupported}`);
  return addon;
}

export interface NativeKernelOptions {
  /** false: the int8 kernels use AVX2 alone where the CPU also has VNNI (to test that path). */
  vnni?: boolean;
}

/**
 * The native kernels (engine/node/native/src, C with AVX2 + FMA): every
 * argument is checked here, then the addon reads the arrays in place (any
 * Float32Array, subarray or on a SharedArrayBuffer). Throws when the addon is
 * not built or the CPU lacks AVX2/FMA. Per-thread scratch lives in the addon.
 */
export function loadNativeKernels(
  path = nativeKernelsPath,
  options: NativeKernelOptions = {},
): Kernels {
  const a = loadAddon(path);
  const vnni = a.int8Vnni && options.vnni !== false;
  return {
    name: 'native-avx2',
    // Int8 beats f32 here with VNNI's vpdpbusd and with AVX2's pmaddubsw + pmaddwd
    // alike (input projection 2.9× / 1.5×, recurrence 2.5× / 2.1× faster: README.md).
    int8Preferred: true,

    alloc(length) {
      checkCount('alloc', 'length', length);
      return new Float32Array(length);
    },

    gemm(transA, transB, M, N, K, A, B, beta, C) {
      if (checkGemm(M, N, K, A, B, C)) a.gemm(transA, transB, M, N, K, A, B, beta, C);
    },

    lstmCellForward(rows, H, gates, cPrev, c, h) {
      const n = cellSize('lstmCellForward', rows, H, gates, cPrev, c);
      checkLength('lstmCellForward', 'h', h, n);
      if (n > 0) a.lstmCellForward(rows, H, gates, cPrev, c, h);
    },

    lstmCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates) {
      if (checkCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates) > 0)
        a.lstmCellBackward(rows, H, gates, cPrev, c, dh, dc, dGates);
    },

    lstmSequenceForward(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
      checkSequenceForward(T, H, pre, bias, wh, h, c, out, outStride);
      a.lstmSequenceForward(T, H, pre, bias, wh, reverse, h, c, out, outStride);
    },

    adamUpdate(n, w, g, m, v, { lr, beta1, beta2, eps, c1, c2, l2, shrink }) {
      checkAdam(n, w, g, m, v);
      a.adamUpdate(n, w, g, m, v, lr, beta1, beta2, eps, c1, c2, l2, shrink);
    },

    lstmSequenceTrainForward(T, B, H, gates, bias, wh, reverse, lengths, h, c) {
      checkTrainForward(T, B, H, gates, bias, wh, lengths, h, c);
      a.lstmSequenceTrainForward(T, B, H, gates, bias, wh, reverse, lengths, h, c);
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
      checkTrainBackward(T, B, H, gates, c, dY, dyStride, wh, lengths, dGates, dBias);
      a.lstmSequenceTrainBackward(
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
      );
    },

    int8Gemm(M, x, w, out) {
      if (checkInt8Gemm(M, x, w, out)) a.int8Gemm(M, w.K, w.N, x, w.block, out, vnni);
    },

    lstmSequenceForwardInt8(T, H, pre, bias, wh, reverse, h, c, out, outStride) {
      checkSequenceForwardInt8(T, H, pre, bias, wh, h, c, out, outStride);
      a.lstmSequenceForwardInt8(T, H, pre, bias, wh.block, reverse, h, c, out, outStride, vnni);
    },
  };
}
