import type { ModelInfo } from '../model/vbm';
import type { CellKind, LayerSpec, Subsample } from '../nn/architecture';
import type { Network } from '../nn/network';
import { GraphBuilder } from './graph-builder';
import { encodeOnnxModel, type OnnxAttribute } from './onnx-proto';

/** The opset the graph is written for (LSTM/GRU/RNN-14, Shape-15 with start/end, LogSoftmax-13). */
export const ONNX_OPSET = 17;
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'log_probs';

export interface OnnxExportOptions {
  /** Written as the model's producer_version (e.g. the app's version). */
  producerVersion?: string;
}

/**
 * Per cell: the ONNX op, and for each ONNX gate (in ONNX's order) the index of
 * our gate. Ours are LSTM (i, f, g, o), GRU (r, z, n), RNN (a); ONNX wants
 * LSTM (i, o, f, c), GRU (z, r, h) (onnx/docs/Operators.md).
 */
const CELLS: Record<CellKind, { op: string; gateOrder: number[] }> = {
  lstm: { op: 'LSTM', gateOrder: [0, 3, 1, 2] },
  gru: { op: 'GRU', gateOrder: [1, 0, 2] },
  rnn: { op: 'RNN', gateOrder: [0] },
};

/**
 * A network as a standard ONNX graph (opset 17) that computes what
 * `network.recognize` does, for one sequence:
 *   features [T, 1, inputSize] (time-major, batch 1, T dynamic)
 *   → per layer: LSTM | GRU | RNN (forward or bidirectional), the directions'
 *     outputs concatenated per frame, then frame stacking (Pad + Reshape) or
 *     striding (Slice) when the layer subsamples
 *   → MatMul + Add → LogSoftmax → log_probs [T', 1, outputSize].
 * The model's kind, alphabet, feature config and architecture are metadata
 * props (JSON strings). Only per-frame heads (ctc, frame) export.
 */
export function exportOnnx(
  network: Network,
  info: Pick<ModelInfo, 'kind' | 'alphabet' | 'featureConfig'>,
  options: OnnxExportOptions = {},
): Uint8Array {
  const arch = network.architecture;
  if (arch.head === 'sequence') {
    throw new TypeError(
      "ONNX export supports per-frame heads ('ctc', 'frame'); this model has a 'sequence' head",
    );
  }
  const g = new GraphBuilder();
  let x = g.input(ONNX_INPUT);
  let size = arch.inputSize;
  arch.layers.forEach((spec, i) => {
    x = recurrentLayer(g, network, `layer${i}`, spec, size, x);
    size = spec.hidden * (spec.bidirectional ? 2 : 1);
    if (spec.subsample) {
      x = subsample(g, `layer${i}.subsample`, spec.subsample, size, x);
      if (spec.subsample.mode === 'stack') size *= spec.subsample.factor;
    }
  });
  const V = arch.outputSize;
  const w = g.floats('output.w', [size, V], network.params.view('output.w').slice());
  const b = g.floats('output.b', [V], network.params.view('output.b').slice());
  const logits = g.node('Add', 'logits', [g.node('MatMul', 'output.matmul', [x, w]), b]);
  const out = g.node('LogSoftmax', ONNX_OUTPUT, [logits], { axis: { i: -1 } });
  if (out !== ONNX_OUTPUT) throw new Error(`ONNX graph: output named ${out}`);
  const graph = g.build(
    'verbatim',
    [
      {
        name: ONNX_INPUT,
        shape: ['T', 1, arch.inputSize],
        doc: 'features, time-major [frames, batch 1, inputSize]',
      },
    ],
    [
      {
        name: ONNX_OUTPUT,
        shape: ['T_out', 1, V],
        doc: 'per-frame log-probabilities over the alphabet (index 0: CTC blank)',
      },
    ],
  );
  return encodeOnnxModel({
    opsetVersion: ONNX_OPSET,
    producerName: 'verbatim',
    producerVersion: options.producerVersion ?? '',
    doc: `${info.kind} recognizer exported from a Verbatim .vbm model`,
    graph,
    metadata: {
      kind: info.kind,
      alphabet: JSON.stringify(info.alphabet),
      feature_config: JSON.stringify(info.featureConfig),
      architecture: JSON.stringify(arch),
    },
  });
}

// x: [T, 1, In] → y: [T, 1, D·H]
function recurrentLayer(
  g: GraphBuilder,
  network: Network,
  name: string,
  spec: LayerSpec,
  inSize: number,
  x: string,
): string {
  const H = spec.hidden;
  const { op, gateOrder } = CELLS[spec.cell];
  const dirs = spec.bidirectional ? ['fwd', 'bwd'] : ['fwd'];
  const D = dirs.length;
  const G = gateOrder.length * H;
  // ONNX: W [D, G, In], R [D, G, H], B [D, 2G] = [input bias ‖ recurrent bias]
  const W = new Float32Array(D * G * inSize);
  const R = new Float32Array(D * G * H);
  const B = new Float32Array(D * 2 * G);
  dirs.forEach((dir, d) => {
    const p = (t: string) => network.params.view(`${name}.${dir}.${t}`);
    transposeGates(p('wx'), inSize, H, gateOrder, W.subarray(d * G * inSize, (d + 1) * G * inSize));
    transposeGates(p('wh'), H, H, gateOrder, R.subarray(d * G * H, (d + 1) * G * H));
    permuteGates(p('b'), H, gateOrder, B.subarray(d * 2 * G, d * 2 * G + G));
    // the GRU's recurrent bias sits inside r⊙(h·Wh + bh): ONNX's Rb with linear_before_reset
    if (spec.cell === 'gru') permuteGates(p('bh'), H, gateOrder, B.subarray(d * 2 * G + G));
  });
  const attributes: Record<string, OnnxAttribute> = {
    hidden_size: { i: H },
    direction: { s: spec.bidirectional ? 'bidirectional' : 'forward' },
  };
  if (spec.cell === 'gru') attributes.linear_before_reset = { i: 1 };
  if (spec.cell === 'rnn') attributes.activations = { strings: dirs.map(() => 'Tanh') };
  const inputs = [
    x,
    g.floats(`${name}.W`, [D, G, inSize], W),
    g.floats(`${name}.R`, [D, G, H], R),
    g.floats(`${name}.B`, [D, 2 * G], B),
  ];
  const y = g.node(op, name, inputs, attributes); // Y: [T, D, 1, H]
  const perm = g.node('Transpose', `${name}.transpose`, [y], { perm: { ints: [0, 2, 1, 3] } });
  return g.node('Reshape', `${name}.concat`, [perm, g.int64s(`${name}.shape`, [0, 0, D * H])]);
}

/**
 * Same as SubsampleLayer on one sequence of T frames, T' = ⌈T/k⌉:
 * 'stack' pads T with zero frames to a multiple of k and regroups k frames
 * into one; 'stride' keeps frames 0, k, 2k, …
 */
// x: [T, 1, C] → y: [T', 1, kC] (stack) or [T', 1, C] (stride)
function subsample(g: GraphBuilder, name: string, sub: Subsample, C: number, x: string): string {
  const k = sub.factor;
  if (sub.mode === 'stride') {
    const starts = g.int64s(`${name}.starts`, [0]);
    const ends = g.int64s(`${name}.ends`, [Number.MAX_SAFE_INTEGER]);
    const axes = g.int64s(`${name}.axes`, [0]);
    const steps = g.int64s(`${name}.steps`, [k]);
    return g.node('Slice', name, [x, starts, ends, axes, steps]);
  }
  // padding at the end of time: (k − T mod k) mod k frames
  const T = g.node('Shape', `${name}.frames`, [x], { start: { i: 0 }, end: { i: 1 } });
  const kk = g.int64s(`${name}.k`, [k]);
  const rem = g.node('Mod', `${name}.rem`, [T, kk]);
  const pad = g.node('Mod', `${name}.pad`, [g.node('Sub', `${name}.short`, [kk, rem]), kk]);
  const pads = g.node(
    'Concat',
    `${name}.pads`,
    [g.int64s(`${name}.zeros`, [0, 0, 0]), pad, g.int64s(`${name}.zeros2`, [0, 0])],
    {
      axis: { i: 0 },
    },
  );
  const padded = g.node('Pad', `${name}.padded`, [x, pads]);
  return g.node('Reshape', name, [padded, g.int64s(`${name}.shape`, [-1, 1, k * C])]);
}

/** w [rows, gates·H] (our gate order, columns) → out [gates·H, rows] in ONNX's gate order. */
function transposeGates(
  w: Float32Array,
  rows: number,
  H: number,
  gateOrder: number[],
  out: Float32Array,
): void {
  const G = gateOrder.length * H;
  gateOrder.forEach((ours, q) => {
    for (let j = 0; j < H; j++) {
      const o = (q * H + j) * rows;
      const col = ours * H + j;
      for (let r = 0; r < rows; r++) out[o + r] = w[r * G + col];
    }
  });
}

/** b [gates·H] in our gate order → out in ONNX's. */
function permuteGates(b: Float32Array, H: number, gateOrder: number[], out: Float32Array): void {
  gateOrder.forEach((ours, q) => out.set(b.subarray(ours * H, (ours + 1) * H), q * H));
}
