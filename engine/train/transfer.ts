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

/** What a widening keeps: everything but each layer's width. */
function widthFree(a: Architecture): string {
  const { layers, ...rest } = a;
  return JSON.stringify({ ...rest, dropout: 0, layers: layers.map((l) => ({ ...l, hidden: 0 })) });
}

/**
 * Where input i of a layer lands when the layer feeding it widens from H to
 * W units per direction: that layer's output is `blocks` stacked frames
 * (frame stacking) of `directions` halves of H units each.
 */
function widenedIndex(i: number, H: number, W: number, directions: number): number {
  const frame = directions * H;
  const r = i % frame;
  return Math.floor(i / frame) * directions * W + Math.floor(r / H) * W + (r % H);
}

/**
 * Starting weights for a wider network from a trained one (function-preserving
 * widening, as Net2Net's): each recurrent layer keeps its units, with their
 * weights, and gains new ones. Old units and the output layer take nothing
 * from the new units (zero weights from them), so the wider network computes
 * exactly what the trained one did; the new units start as a fresh network's
 * (`seed`) and learn from there. Only the widths may differ: the same layers,
 * cells, directions, subsampling, head and outputs.
 */
export function widenWeights(
  from: { architecture: Architecture; weights: Float32Array },
  to: Architecture,
  seed: number,
): Float32Array {
  const old = new Network(from.architecture);
  old.params.data.set(from.weights);
  const widths = (a: Architecture) => a.layers.map((l) => l.hidden).join('/');
  if (widthFree(old.architecture) !== widthFree({ ...to, dropout: 0 }))
    throw new TypeError(
      `cannot widen the network into this one: only the layers' widths may change (same layers, cells, directions, subsampling, head and outputs)`,
    );
  if (to.layers.some((l, i) => l.hidden < from.architecture.layers[i].hidden))
    throw new TypeError(
      `cannot widen layers of ${widths(from.architecture)} units into ${widths(to)}: no layer may narrow`,
    );
  const wide = new Network(to, { seed });
  const p = wide.params;
  // Input index map of each layer (and of the output layer): identity for the features.
  let mapInput = (i: number) => i;
  to.layers.forEach((spec, l) => {
    const H = from.architecture.layers[l].hidden;
    const W = spec.hidden;
    const unit = (c: number) => Math.floor(c / H) * W + (c % H); // gate block k, unit j
    for (const dir of spec.bidirectional ? ['fwd', 'bwd'] : ['fwd']) {
      const name = `layer${l}.${dir}`;
      for (const [suffix, rowOf] of [
        ['wx', mapInput],
        ['wh', (j: number) => j],
      ] as const) {
        const [rows, G] = old.params.entry(`${name}.${suffix}`).shape;
        const gates = G / H;
        const [src, dst] = [old.params.view(`${name}.${suffix}`), p.view(`${name}.${suffix}`)];
        const wideRows = p.entry(`${name}.${suffix}`).shape[0];
        // Old units read no new input: their columns are zero but for the copied rows.
        for (let r = 0; r < wideRows; r++)
          for (let c = 0; c < gates * H; c++) dst[r * gates * W + unit(c)] = 0;
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < G; c++) dst[rowOf(r) * gates * W + unit(c)] = src[r * G + c];
      }
      for (const bias of ['b', 'bh']) {
        if (!old.params.entries.some((e) => e.name === `${name}.${bias}`)) continue;
        const [src, dst] = [old.params.view(`${name}.${bias}`), p.view(`${name}.${bias}`)];
        src.forEach((v, c) => (dst[unit(c)] = v));
      }
    }
    const directions = spec.bidirectional ? 2 : 1;
    mapInput = (i: number) => widenedIndex(i, H, W, directions);
  });
  // The output layer reads the old units only.
  const [src, dst] = [old.params.view('output.w'), p.view('output.w')];
  const [rows, V] = old.params.entry('output.w').shape;
  dst.fill(0);
  for (let r = 0; r < rows; r++)
    for (let v = 0; v < V; v++) dst[mapInput(r) * V + v] = src[r * V + v];
  p.view('output.b').set(old.params.view('output.b'));
  return p.data.slice();
}
