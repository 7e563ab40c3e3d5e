import { quantizeWeights } from '../../kernels/int8';
import type { Network } from '../../nn/network';
import { medianMs } from './bench-stats';

/** Where the forward pass of a network of LSTM layers spends its time (median ms). */
export interface ForwardBreakdown {
  /** x·Wx for all frames at once, every layer and direction ([T, In] × [In, 4H] gemms; int8Gemm on the int8 path). */
  input_projection: number;
  /** The T recurrent steps of every direction (one lstmSequenceForward call each: per step h·Wh, [1, H] × [H, 4H], and the cell). */
  recurrent_steps: number;
  /** The rest of network.recognize: input checks, subsampling, output layer, log-softmax, the TypeScript around the kernel calls. */
  other: number;
  total: number;
}

/**
 * Replays the kernel calls of `network.recognize` on T frames (batch 1) with
 * the network's own kernels, grouped by kind, and attributes the remainder of
 * the measured total to the TypeScript around them. Only for LSTM layers (the
 * default models); returns null otherwise.
 */
export async function benchForwardBreakdown(
  network: Network,
  x: Float32Array,
  T: number,
  runs: number,
): Promise<ForwardBreakdown | null> {
  const arch = network.architecture;
  if (arch.layers.some((l) => l.cell !== 'lstm')) return null;
  const k = network.kernels;
  const shapes: { T: number; In: number; H: number }[] = [];
  let frames = T;
  let size = arch.inputSize;
  for (const l of arch.layers) {
    for (let d = 0; d < (l.bidirectional ? 2 : 1); d++)
      shapes.push({ T: frames, In: size, H: l.hidden });
    size = l.hidden * (l.bidirectional ? 2 : 1);
    if (l.subsample) {
      frames = Math.ceil(frames / l.subsample.factor);
      if (l.subsample.mode === 'stack') size *= l.subsample.factor;
    }
  }
  const filled = (n: number) => k.alloc(n).fill(0.01);
  // The int8 path (the default on the relaxed-SIMD kernels) replays its own kernels.
  const int8 = network.inferencePrecision === 'int8' && k.int8Gemm && k.lstmSequenceForwardInt8;
  const packed = (w: Float32Array, K: number, N: number) =>
    int8 ? quantizeWeights((n) => k.alloc(n), w, K, N) : null;
  const buffers = shapes.map((s) => {
    const wx = filled(s.In * 4 * s.H);
    const wh = filled(s.H * 4 * s.H);
    return {
      ...s,
      x: filled(s.T * s.In),
      wx,
      wh,
      wxq: packed(wx, s.In, 4 * s.H),
      whq: packed(wh, s.H, 4 * s.H),
      pre: filled(s.T * 4 * s.H),
      bias: filled(4 * s.H),
      h: filled(s.H),
      c: filled(s.H),
      out: filled(s.T * s.H),
    };
  });
  const projection = () => {
    for (const b of buffers) {
      if (b.wxq) k.int8Gemm!(b.T, b.x, b.wxq, b.pre);
      else k.gemm(false, false, b.T, 4 * b.H, b.In, b.x, b.wx, 0, b.pre);
    }
  };
  const recurrent = () => {
    for (const b of buffers) {
      if (b.whq) {
        k.lstmSequenceForwardInt8!(b.T, b.H, b.pre, b.bias, b.whq, false, b.h, b.c, b.out, b.H);
      } else {
        k.lstmSequenceForward(b.T, b.H, b.pre, b.bias, b.wh, false, b.h, b.c, b.out, b.H);
      }
    }
  };
  const input_projection = await medianMs(projection, runs);
  const recurrent_steps = await medianMs(recurrent, runs);
  const total = await medianMs(() => network.recognize(x, T), runs);
  for (const b of buffers) {
    for (const a of Object.values(b)) {
      if (a instanceof Float32Array) k.free?.(a);
      else if (a && typeof a === 'object') k.free?.(a.block);
    }
  }
  return {
    input_projection,
    recurrent_steps,
    other: Math.max(0, total - input_projection - recurrent_steps),
    total,
  };
}
