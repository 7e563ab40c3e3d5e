import type { Architecture } from '../nn/architecture';
import { Network } from '../nn/network';

/**
 * Starting weights for a model with a new output alphabet from a trained one
 * (transfer learning, e.g. a digit model from a letter model): every recurrent
 * layer is copied; the output layer keeps the rows of labels both alphabets
 * share (blank included) and starts the others fresh from `seed`.
 */
export function transferWeights(
  base: { network: Network; labels: readonly string[] },
  alphabet: readonly string[],
  seed: number,
): { architecture: Architecture; weights: Float32Array } {
  const architecture: Architecture = {
    ...base.network.architecture,
    outputSize: alphabet.length,
  };
  const fresh = new Network(architecture, { seed });
  const from = base.network.params;
  const to = fresh.params;
  for (const entry of to.entries) {
    if (entry.name === 'output.w' || entry.name === 'output.b') continue;
    to.view(entry.name).set(from.view(entry.name));
  }
  // output.w is [in, out] row-major: label j is column j of every row.
  const oldIndex = new Map(base.labels.map((label, i) => [label, i]));
  const inSize = from.entry('output.w').shape[0];
  const [oldW, newW] = [from.view('output.w'), to.view('output.w')];
  const [oldB, newB] = [from.view('output.b'), to.view('output.b')];
  const oldOut = base.labels.length;
  alphabet.forEach((label, j) => {
    const i = oldIndex.get(label);
    if (i === undefined) return;
    for (let r = 0; r < inSize; r++) newW[r * alphabet.length + j] = oldW[r * oldOut + i];
    newB[j] = oldB[i];
  });
  return { architecture, weights: to.data.slice() };
}

/** Gate bias that opens (σ(5) ≈ 0.993) or closes (σ(−5) ≈ 0.007) an LSTM gate of the new layer. */
const GATE_BIAS = 5;

/**
 * Starting weights for the same model one LSTM layer deeper: growing a trained
 * model instead of training a deeper one from scratch. The new layer goes
 * between the last recurrent layer and the output and starts as a near
 * identity: each of its units copies one unit of the layer below (forward
 * units the forward half, backward units the backward half) through an open
 * input and output gate, a closed forget gate and a tanh kept in its linear
 * range by `scale`; the output layer is scaled up to match. So the deeper
 * model starts out reading what the trained one reads, and training moves on
 * from there. The new layer's other weights start at zero (gradients still
 * reach them: they multiply non-zero inputs).
 */
export function addRecurrentLayer(
  network: Network,
  scale = 0.5,
): { architecture: Architecture; weights: Float32Array } {
  const from = network.architecture;
  const last = from.layers[from.layers.length - 1];
  if (last.cell !== 'lstm' || last.subsample)
    throw new TypeError(
      'a layer can only be added after an LSTM layer without subsampling (its units are copied one for one)',
    );
  const architecture: Architecture = {
    ...from,
    layers: [
      ...from.layers,
      { cell: 'lstm', hidden: last.hidden, bidirectional: last.bidirectional },
    ],
  };
  const grown = new Network(architecture, { seed: 1 });
  const to = grown.params;
  for (const entry of network.params.entries)
    to.view(entry.name).set(network.params.view(entry.name));
  const H = last.hidden;
  const name = `layer${from.layers.length}`;
  const directions = last.bidirectional ? ['fwd', 'bwd'] : ['fwd'];
  directions.forEach((direction, d) => {
    const wx = to.view(`${name}.${direction}.wx`); // [inSize, 4H], gates (i, f, g, o)
    wx.fill(0);
    to.view(`${name}.${direction}.wh`).fill(0);
    const b = to.view(`${name}.${direction}.b`);
    b.fill(GATE_BIAS, 0, H);
    b.fill(-GATE_BIAS, H, 2 * H);
    b.fill(0, 2 * H, 3 * H);
    b.fill(GATE_BIAS, 3 * H, 4 * H);
    for (let j = 0; j < H; j++) wx[(d * H + j) * 4 * H + 2 * H + j] = scale;
  });
  // h ≈ σ(o)·tanh(σ(i)·tanh(scale·x)) ≈ σ(GATE_BIAS)²·scale·x
  const open = 1 / (1 + Math.exp(-GATE_BIAS));
  const w = to.view('output.w');
  for (let i = 0; i < w.length; i++) w[i] /= open * open * scale;
  return { architecture, weights: to.data.slice() };
}

/**
 * Starting weights for the same model reading `count` more input channels,
 * appended after the existing ones (e.g. a feature added to the front end):
 * the first layer's input weights for them start at zero, so the model reads
 * exactly what it read before until training teaches it to use them.
 */
export function addInputChannels(
  network: Network,
  count: number,
): { architecture: Architecture; weights: Float32Array } {
  const from = network.architecture;
  if (!(Number.isInteger(count) && count > 0))
    throw new RangeError(`addInputChannels: count must be a positive integer, got ${count}`);
  const architecture: Architecture = { ...from, inputSize: from.inputSize + count };
  const wider = new Network(architecture, { seed: 1 });
  const to = wider.params;
  for (const entry of network.params.entries) {
    const source = network.params.view(entry.name);
    const target = to.view(entry.name);
    // The first layer's wx is [inputSize, gates × hidden] row-major: old rows first, new rows zero.
    if (entry.name.startsWith('layer0.') && entry.name.endsWith('.wx')) target.fill(0);
    target.set(source);
  }
  return { architecture, weights: to.data.slice() };
}
