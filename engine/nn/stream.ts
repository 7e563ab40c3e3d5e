import { Growable } from './growable';
import { logSoftmaxRows } from './heads';
import type { Network } from './network';
import type { CarriedState } from './recurrent';

/** Subsampling state between chunks: stacked frames waiting for their group, or the stride phase. */
interface PendingGroup {
  frames: Float32Array; // [k, C]
  count: number;
  phase: number;
}

/**
 * Incremental inference for a unidirectional network with a per-frame head:
 * push feature frames as they arrive and get the log-probabilities of the new
 * output frames, each layer carrying its recurrent state across chunks. Any
 * chunking gives exactly the output of recognize() on the whole input, once
 * finish() has flushed the last partial subsampling group.
 * (A bidirectional layer needs the end of the input: run recognize() instead.)
 * The stream uses the network's workspaces: do not interleave it with other calls
 * on the same network while a push is running (JS being single-threaded, it cannot).
 */
export class NetworkStream {
  private readonly carries: CarriedState[];
  private readonly pending: (PendingGroup | null)[];
  private readonly subsampled: Growable[];
  private readonly outputs: Growable[]; // [n, H] per layer
  private readonly logits: Growable;

  constructor(private readonly network: Network) {
    const arch = network.architecture;
    if (arch.head === 'sequence' || arch.layers.some((l) => l.bidirectional)) {
      throw new Error(
        'streaming needs a unidirectional network with a per-frame head (ctc or frame); run recognize() on the whole input instead',
      );
    }
    const k = network.kernels;
    this.carries = arch.layers.map((l) => ({ h: k.alloc(l.hidden), c: k.alloc(l.hidden) }));
    this.pending = network.subsamples.map((sub, i) =>
      sub ? { frames: k.alloc(sub.k * arch.layers[i].hidden), count: 0, phase: 0 } : null,
    );
    this.subsampled = network.subsamples.map(() => new Growable(k));
    this.outputs = arch.layers.map(() => new Growable(k));
    this.logits = new Growable(k);
  }

  /** Feeds `frames` frames ([frames, inputSize]); returns log-probabilities [n, V] of the n new output frames. */
  push(features: Float32Array, frames: number): { logProbs: Float32Array; frames: number } {
    const C = this.network.architecture.inputSize;
    if (!Number.isInteger(frames) || frames < 0 || features.length < frames * C) {
      throw new RangeError(
        `expected ${frames} frames of ${C} features (${frames * C} values), got ${features.length} values`,
      );
    }
    for (let i = 0; i < frames * C; i++) {
      if (!Number.isFinite(features[i])) {
        throw new RangeError(`input is not finite (${features[i]}) at frame ${Math.floor(i / C)}`);
      }
    }
    return this.run(features.subarray(0, frames * C), frames, false);
  }

  /** Flushes partial subsampling groups (as the offline pass pads them) and resets the stream. */
  finish(): { logProbs: Float32Array; frames: number } {
    const out = this.run(new Float32Array(0), 0, true);
    this.reset();
    return out;
  }

  /** Forgets all state: the next push starts a new sequence. */
  reset(): void {
    for (const c of this.carries) {
      c.h.fill(0);
      c.c.fill(0);
    }
    for (const p of this.pending) if (p) p.count = p.phase = 0;
  }

  private run(x: Float32Array, n: number, flush: boolean) {
    const net = this.network;
    net.prepareInference();
    net.layers.forEach((layer, i) => {
      if (n > 0) {
        const seq = { T: n, B: 1, lengths: Int32Array.of(n) };
        const y = this.outputs[i].get(n * layer.outSize);
        layer.directions[0].forwardInto(x, seq, y, layer.outSize, 0, this.carries[i]);
        x = y;
      }
      if (net.subsamples[i]) [x, n] = this.subsample(i, x, n, flush);
    });
    const V = net.architecture.outputSize;
    const logProbs = new Float32Array(n * V);
    if (n > 0) {
      const logits = this.logits.get(n * V);
      net.output.forward(x, n, logits);
      logSoftmaxRows(logits, n, V, logProbs);
    }
    return { logProbs, frames: n };
  }

  // x: [n, C] new frames of layer i's output → [m, C'] completed subsampled frames
  private subsample(i: number, x: Float32Array, n: number, flush: boolean): [Float32Array, number] {
    const sub = this.network.subsamples[i]!;
    const p = this.pending[i]!;
    const C = sub.inSize;
    const k = sub.k;
    const out = this.subsampled[i].get(Math.ceil((p.count + n) / k + 1) * sub.outSize);
    let m = 0;
    for (let r = 0; r < n; r++) {
      const frame = x.subarray(r * C, (r + 1) * C);
      if (sub.spec.mode === 'stride') {
        if (p.phase === 0) out.set(frame, m++ * C);
        p.phase = (p.phase + 1) % k;
      } else {
        p.frames.set(frame, p.count++ * C);
        if (p.count === k) {
          out.set(p.frames, m++ * sub.outSize);
          p.count = 0;
        }
      }
    }
    if (flush && p.count > 0) {
      p.frames.fill(0, p.count * C);
      out.set(p.frames, m++ * sub.outSize);
      p.count = 0;
    }
    return [out.subarray(0, m * sub.outSize), m];
  }
}
