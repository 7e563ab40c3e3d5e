import type { Network } from '../nn/network';
import { medianMs } from './bench-stats';

/** Where the forward pass of a network of LSTM layers spends its time (median ms). */
export interface ForwardBreakdown {
  /** x·Wx for all frames at once, every layer and direction ([T, In] × [In, 4H] gemms). */
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
  const buffers = shapes.map((s) => ({
    ...s,
    x: filled(s.T * s.In),
    wx: filled(s.In * 4 * s.H),
    wh: filled(s.H * 4 * s.H),
    pre: filled(s.T * 4 * s.H),
    bias: filled(4 * s.H),
    h: filled(s.H),
    c: filled(s.H),
    out: filled(s.T * s.H),
  }));
  const projection = () => {
    for (const b of buffers) k.gemm(false, false, b.T, 4 * b.H, b.In, b.x, b.wx, 0, b.pre);
  };
  const recurrent = () => {
    for (const b of buffers) {
      k.lstmSequenceForward(b.T, b.H, b.pre, b.bias, b.wh, false, b.h, b.c, b.out, b.H);
    }
  };
  const input_projection = await medianMs(projection, runs);
  const recurrent_steps = await medianMs(recurrent, runs);
  const total = await medianMs(() => network.recognize(x, T), runs);
  for (const b of buffers) for (const a of Object.values(b)) if (typeof a !== 'number') k.free?.(a);
  return {
    input_projection,
    recurrent_steps,
    other: Math.max(0, total - input_projection - recurrent_steps),
    total,
  };
}
