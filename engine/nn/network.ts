import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';
import { validateArchitecture, type Architecture } from './architecture';
import { Dropout } from './dropout';
import { Growable } from './growable';
import {
  CtcHead,
  FrameHead,
  logSoftmaxRows,
  SequenceHead,
  type Head,
  type LossSummary,
} from './heads';
import { Linear } from './linear';
import { ParamSet } from './param-set';
import { RecurrentLayer } from './recurrent-layer';
import { Rng } from '../util/rng';
import type { SequenceShape } from './sequence';
import { SubsampleLayer } from './subsample';

/** A padded, time-major batch of input sequences. */
export interface InputBatch {
  /** [T, B, inputSize], time-major; frames past a sequence's length are ignored (zero them). */
  x: Float32Array;
  T: number;
  B: number;
  /** [B] valid frames per sequence, each in [1, T]. */
  lengths: Int32Array;
}

/** A batch with its supervision: label sequence (CTC), one label per output frame (frame) or [label] (sequence). */
export interface Batch extends InputBatch {
  targets: Int32Array[];
}

export interface NetworkOptions {
  /** Hot-loop implementation; defaults to the plain TypeScript reference. */
  kernels?: Kernels;
  /** Seed of the weight initialisation. */
  seed?: number;
  /** Inference precision (see Network.setQuantization); default 'none' (f32). */
  quantize?: Quantization;
}

/**
 * Inference precision: 'int8' runs the batch-1 inference of LSTM layers
 * (recognize, infer at B = 1, streams) with int8 weights and activations
 * (engine/kernels/int8.ts) where the kernels implement it; 'none' is f32.
 * Training always runs in f32.
 */
export type Quantization = 'int8' | 'none';

export interface GradientOptions {
  /** Draws the dropout masks; without it dropout is off. */
  rng?: Rng;
  /** Also compute dLoss/dx (read it with inputGradient()). */
  inputGradient?: boolean;
  /** Add to the gradient buffer instead of zeroing it first. */
  accumulate?: boolean;
}

/** Output of inference: log-probabilities [T, B, V] time-major (per-frame heads) or [B, V] (sequence head). */
export interface Inference {
  logProbs: Float32Array;
  T: number;
  B: number;
  V: number;
  lengths: Int32Array;
}

/**
 * A stack of recurrent layers (each optionally followed by dropout and time
 * subsampling), an output layer and a loss head, built from an Architecture.
 * All parameters live in one ParamSet; workspaces are reused across calls and
 * grow with the largest batch seen.
 *
 * Training contract (also for data-parallel runtimes): computeGradients(batch)
 * writes the loss gradient for one batch into params.grad; the optimizer step
 * is separate, so gradients from several workers can be averaged in between.
 */
export class Network {
  readonly architecture: Architecture;
  readonly kernels: Kernels;
  readonly params: ParamSet;
  readonly layers: RecurrentLayer[];
  readonly subsamples: (SubsampleLayer | null)[];
  readonly output: Linear;
  readonly featureSize: number;
  private readonly dropouts: (Dropout | null)[];
  private readonly head: Head;
  // per-forward records for backward
  private readonly layerInputs: Float32Array[] = [];
  private readonly layerShapes: SequenceShape[] = [];
  private readonly outShapes: SequenceShape[] = [];
  private quantization: Quantization = 'none';
  private int8Directions = 0; // directions running int8 (valid unless int8Stale)
  private int8Stale = false; // the weights changed (or the mode) since they were quantised
  private features: Float32Array | null = null;
  private featureShape: SequenceShape | null = null;
  private droppedOut = false;
  private readonly dInputs: Growable[];
  private readonly logits: Growable;
  private readonly dLogits: Growable;
  private readonly pooled: Growable;
  private readonly dPooled: Growable;
  private readonly dFeatures: Growable;

  constructor(architecture: Architecture, options: NetworkOptions = {}) {
    this.architecture = validateArchitecture(architecture);
    const arch = this.architecture;
    const kernels = (this.kernels = options.kernels ?? referenceKernels);
    this.layers = [];
    this.dropouts = [];
    this.subsamples = [];
    let size = arch.inputSize;
    arch.layers.forEach((spec, i) => {
      const layer = new RecurrentLayer(kernels, `layer${i}`, size, spec);
      this.layers.push(layer);
      this.dropouts.push(arch.dropout > 0 ? new Dropout(kernels, arch.dropout) : null);
      size = layer.outSize;
      const sub = spec.subsample ? new SubsampleLayer(kernels, spec.subsample, size) : null;
      this.subsamples.push(sub);
      if (sub) size = sub.outSize;
    });
    this.featureSize = size;
    this.output = new Linear(kernels, 'output', size, arch.outputSize);
    const last = arch.layers[arch.layers.length - 1];
    this.head =
      arch.head === 'ctc'
        ? new CtcHead(kernels)
        : arch.head === 'frame'
          ? new FrameHead()
          : new SequenceHead(last.hidden, last.bidirectional);
    this.params = new ParamSet(kernels, [
      ...this.layers.flatMap((l) => l.paramSpecs()),
      ...this.output.paramSpecs(),
    ]);
    for (const l of this.layers) l.bind(this.params);
    this.output.bind(this.params);
    const rng = new Rng(options.seed ?? 1);
    for (const l of this.layers) l.init(rng);
    this.output.init(rng);
    this.dInputs = this.layers.map(() => new Growable(kernels));
    this.logits = new Growable(kernels);
    this.dLogits = new Growable(kernels);
    this.pooled = new Growable(kernels);
    this.dPooled = new Growable(kernels);
    this.dFeatures = new Growable(kernels);
    if (options.quantize) this.setQuantization(options.quantize);
  }

  /**
   * Sets the inference precision. The int8 weights are a snapshot of the
   * current parameters, taken at the next inference; computeGradients and
   * loss mark it stale. Code that writes params.data by other means (an
   * optimizer step on averaged worker gradients, loading weights) must call
   * setQuantization again before inferring.
   */
  setQuantization(mode: Quantization): void {
    if (mode !== 'int8' && mode !== 'none') {
      throw new RangeError(`quantize must be 'int8' or 'none', got '${String(mode)}'`);
    }
    this.quantization = mode;
    this.int8Stale = true;
  }

  /** The precision inference actually runs in: 'int8' when at least one layer direction does. */
  get inferencePrecision(): Quantization {
    this.prepareInference();
    return this.int8Directions > 0 ? 'int8' : 'none';
  }

  /** (Re)quantises the weights for int8 inference when they are stale; called before every inference. */
  prepareInference(): void {
    if (!this.int8Stale) return;
    const on = this.quantization === 'int8';
    this.int8Directions = 0;
    for (const l of this.layers)
      for (const d of l.directions) if (d.setInt8(on)) this.int8Directions++;
    this.int8Stale = false;
  }

  private weightsChanging(): void {
    if (this.quantization === 'int8') this.int8Stale = true;
  }

  /** Number of trainable parameters. */
  get parameterCount(): number {
    return this.params.size;
  }

  /**
   * Training step: loss of the batch and its gradient w.r.t. every parameter,
   * written into params.grad (zeroed first unless accumulate).
   */
  computeGradients(batch: Batch, options: GradientOptions = {}): LossSummary {
    this.checkBatch(batch);
    this.weightsChanging();
    const logits = this.forward(batch, options.rng ?? null);
    const seq = this.featureShape!;
    const V = this.architecture.outputSize;
    this.head.validateTargets(batch.targets, seq, V);
    const dLogits = this.dLogits.get(logits.length);
    const summary = this.head.loss(logits, seq, V, batch.targets, dLogits);
    if (!options.accumulate) this.params.zeroGrad();
    this.backward(dLogits, options.inputGradient ?? false);
    return summary;
  }

  /** Loss only. With an rng the forward pass is in training mode (dropout drawn from it). */
  loss(batch: Batch, options: { rng?: Rng } = {}): LossSummary {
    this.checkBatch(batch);
    this.weightsChanging();
    const logits = this.forward(batch, options.rng ?? null);
    const seq = this.featureShape!;
    const V = this.architecture.outputSize;
    this.head.validateTargets(batch.targets, seq, V);
    return this.head.loss(logits, seq, V, batch.targets, null);
  }

  /** dLoss/dx [T, B, inputSize] of the last computeGradients call with inputGradient: true. */
  inputGradient(): Float32Array {
    const seq = this.layerShapes[0];
    return this.dInputs[0].get(seq.T * seq.B * this.architecture.inputSize);
  }

  /** Inference on a padded batch (no dropout, no gradients). Returns fresh arrays. */
  infer(batch: InputBatch): Inference {
    this.checkBatch(batch);
    this.prepareInference();
    const logits = this.forward(batch, null, true);
    const seq = this.featureShape!;
    const V = this.architecture.outputSize;
    const perFrame = this.head.kind !== 'sequence';
    const rows = perFrame ? seq.T * seq.B : seq.B;
    const logProbs = new Float32Array(rows * V);
    logSoftmaxRows(logits, rows, V, logProbs);
    return {
      logProbs,
      T: perFrame ? seq.T : 1,
      B: seq.B,
      V,
      lengths: perFrame ? seq.lengths.slice() : new Int32Array(seq.B).fill(1),
    };
  }

  /**
   * One sequence (features [frames, inputSize], row-major) → log-probabilities
   * [T', V] in the layout decoders take (T' = frames after subsampling; 1 for a sequence head).
   */
  recognize(features: Float32Array, frames: number): { logProbs: Float32Array; frames: number } {
    const r = this.infer({ x: features, T: frames, B: 1, lengths: Int32Array.of(frames) });
    return { logProbs: r.logProbs, frames: r.T };
  }

  // x: [T, B, In] → logits: [T', B, V] (per-frame heads) or [B, V] (sequence head);
  // `inference`: no backward follows, so layers may take their fused inference path
  private forward(batch: InputBatch, rng: Rng | null, inference = false): Float32Array {
    let x = batch.x.subarray(0, batch.T * batch.B * this.architecture.inputSize);
    let seq: SequenceShape = { T: batch.T, B: batch.B, lengths: batch.lengths };
    this.droppedOut = rng !== null && this.architecture.dropout > 0;
    this.layers.forEach((layer, i) => {
      this.layerInputs[i] = x;
      this.layerShapes[i] = seq;
      let y = layer.forward(x, seq, inference);
      if (this.droppedOut) y = this.dropouts[i]!.forward(y, rng!);
      const sub = this.subsamples[i];
      if (sub) {
        const outSeq = sub.outputShape(seq);
        y = sub.forward(y, seq, outSeq);
        seq = outSeq;
      }
      this.outShapes[i] = seq;
      x = y;
    });
    this.features = x;
    this.featureShape = seq;
    const V = this.architecture.outputSize;
    if (this.head instanceof SequenceHead) {
      const pooled = this.pooled.get(seq.B * this.featureSize);
      this.head.pool(x, seq, this.featureSize, pooled);
      const logits = this.logits.get(seq.B * V);
      this.output.forward(pooled, seq.B, logits);
      return logits;
    }
    const rows = seq.T * seq.B;
    const logits = this.logits.get(rows * V);
    this.output.forward(x, rows, logits);
    return logits;
  }

  // dLogits (shape of forward's result) → parameter gradients (+ dx when wanted)
  private backward(dLogits: Float32Array, wantInputGradient: boolean): void {
    const seq = this.featureShape!;
    const C = this.featureSize;
    const dFeatures = this.dFeatures.get(seq.T * seq.B * C);
    if (this.head instanceof SequenceHead) {
      const dPooled = this.dPooled.get(seq.B * C);
      this.output.backward(this.pooled.get(seq.B * C), dLogits, seq.B, dPooled, this.params);
      this.head.unpool(dPooled, seq, C, dFeatures);
    } else {
      this.output.backward(this.features!, dLogits, seq.T * seq.B, dFeatures, this.params);
    }
    let d = dFeatures;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const sub = this.subsamples[i];
      if (sub) d = sub.backward(d, this.outShapes[i]);
      if (this.droppedOut) d = this.dropouts[i]!.backward(d);
      const inSeq = this.layerShapes[i];
      const dx =
        i > 0 || wantInputGradient
          ? this.dInputs[i].get(inSeq.T * inSeq.B * this.layers[i].inSize)
          : null;
      this.layers[i].backward(d, dx, this.params);
      if (dx) d = dx;
    }
  }

  /** Validates shapes and values at the boundary, with messages that say what to fix. */
  private checkBatch(batch: InputBatch): void {
    const { x, T, B, lengths } = batch;
    const C = this.architecture.inputSize;
    if (!Number.isInteger(T) || T < 1 || !Number.isInteger(B) || B < 1) {
      throw new RangeError(`batch needs T ≥ 1 frames and B ≥ 1 sequences, got T=${T}, B=${B}`);
    }
    if (x.length < T * B * C) {
      throw new RangeError(
        `batch input has ${x.length} values; expected T·B·inputSize = ${T}·${B}·${C} = ${T * B * C} (time-major [T, B, inputSize])`,
      );
    }
    if (lengths.length !== B) {
      throw new RangeError(`expected ${B} sequence lengths, got ${lengths.length}`);
    }
    for (let b = 0; b < B; b++) {
      if (!(lengths[b] >= 1 && lengths[b] <= T)) {
        throw new RangeError(`lengths[${b}] = ${lengths[b]} must be in [1, T=${T}]`);
      }
    }
    for (let i = 0; i < T * B * C; i++) {
      if (!Number.isFinite(x[i])) {
        const t = Math.floor(i / (B * C));
        const b = Math.floor(i / C) % B;
        throw new RangeError(
          `input is not finite (${x[i]}) at frame ${t} of sequence ${b}, feature ${i % C}: check the feature extraction`,
        );
      }
    }
  }
}
