/**
 * The JSON-serialisable description of a network. It is stored in every model
 * file and is enough to rebuild the network (the weights come separately).
 */
export type CellKind = 'lstm' | 'gru' | 'rnn';
export type HeadKind = 'ctc' | 'frame' | 'sequence';

/** Time subsampling applied to a layer's output before the next layer: stack k frames, or keep every k-th. */
export interface Subsample {
  mode: 'stack' | 'stride';
  factor: number;
}

export interface LayerSpec {
  cell: CellKind;
  hidden: number;
  bidirectional: boolean;
  subsample?: Subsample;
}

export interface Architecture {
  inputSize: number;
  layers: LayerSpec[];
  /**
   * 'ctc': per-frame distribution over outputSize symbols incl. blank (index 0), CTC loss;
   * 'frame': one class per frame, cross-entropy at every valid frame;
   * 'sequence': one class per sequence from the final state (see SequencePooling).
   */
  head: HeadKind;
  outputSize: number;
  /** Dropout probability on each recurrent layer's output, training only. */
  dropout: number;
}

/** The default: a 2-layer BiLSTM with CTC. */
export function defaultArchitecture(inputSize: number, outputSize: number): Architecture {
  return {
    inputSize,
    layers: [
      { cell: 'lstm', hidden: 128, bidirectional: true },
      { cell: 'lstm', hidden: 128, bidirectional: true },
    ],
    head: 'ctc',
    outputSize,
    dropout: 0,
  };
}

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/**
 * Checks an untrusted value (e.g. parsed from a model file) and returns it typed.
 * Throws a TypeError that names the bad field and what was expected.
 */
export function validateArchitecture(value: unknown): Architecture {
  const fail = (what: string): never => {
    throw new TypeError(`invalid architecture: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected an object');
  const a = value as Record<string, unknown>;
  if (!isPositiveInt(a.inputSize)) fail(`inputSize must be a positive integer, got ${a.inputSize}`);
  if (!isPositiveInt(a.outputSize))
    fail(`outputSize must be a positive integer, got ${a.outputSize}`);
  if (a.head !== 'ctc' && a.head !== 'frame' && a.head !== 'sequence')
    fail(`head must be 'ctc', 'frame' or 'sequence', got ${JSON.stringify(a.head)}`);
  if (a.head === 'ctc' && (a.outputSize as number) < 2)
    fail('a CTC head needs outputSize ≥ 2 (blank plus at least one symbol)');
  if (typeof a.dropout !== 'number' || !(a.dropout >= 0 && a.dropout < 1))
    fail(`dropout must be a number in [0, 1), got ${a.dropout}`);
  if (!Array.isArray(a.layers) || a.layers.length === 0) fail('layers must be a non-empty array');
  const layers = (a.layers as unknown[]).map((l, i): LayerSpec => {
    if (typeof l !== 'object' || l === null) return fail(`layers[${i}] must be an object`);
    const s = l as Record<string, unknown>;
    if (s.cell !== 'lstm' && s.cell !== 'gru' && s.cell !== 'rnn')
      fail(`layers[${i}].cell must be 'lstm', 'gru' or 'rnn', got ${JSON.stringify(s.cell)}`);
    if (!isPositiveInt(s.hidden)) fail(`layers[${i}].hidden must be a positive integer`);
    if (typeof s.bidirectional !== 'boolean') fail(`layers[${i}].bidirectional must be a boolean`);
    const spec: LayerSpec = {
      cell: s.cell as CellKind,
      hidden: s.hidden as number,
      bidirectional: s.bidirectional as boolean,
    };
    if (s.subsample !== undefined) {
      const sub = s.subsample as Record<string, unknown> | null;
      if (
        typeof sub !== 'object' ||
        sub === null ||
        (sub.mode !== 'stack' && sub.mode !== 'stride') ||
        !isPositiveInt(sub.factor)
      ) {
        fail(
          `layers[${i}].subsample must be { mode: 'stack' | 'stride', factor: positive integer }`,
        );
      }
      spec.subsample = { mode: sub!.mode as 'stack' | 'stride', factor: sub!.factor as number };
    }
    return spec;
  });
  if (a.head === 'sequence' && layers[layers.length - 1].subsample) {
    fail('the last layer cannot subsample with a sequence head (it pools the final states)');
  }
  return {
    inputSize: a.inputSize as number,
    layers,
    head: a.head as HeadKind,
    outputSize: a.outputSize as number,
    dropout: a.dropout as number,
  };
}

/** Output length of a sequence of `frames` input frames after every subsampling of `arch`. */
export function outputFrames(arch: Architecture, frames: number): number {
  let t = frames;
  for (const l of arch.layers) if (l.subsample) t = Math.ceil(t / l.subsample.factor);
  return t;
}
