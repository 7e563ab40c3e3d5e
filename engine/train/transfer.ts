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
