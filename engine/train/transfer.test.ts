import { describe, expect, it } from 'vitest';
import type { Architecture } from '../nn/architecture';
import { Network } from '../nn/network';
import { transferWeights } from './transfer';

const architecture: Architecture = {
  inputSize: 3,
  layers: [{ cell: 'lstm', hidden: 4, bidirectional: true }],
  head: 'ctc',
  outputSize: 4,
  dropout: 0,
};

describe('transferWeights', () => {
  it('copies the recurrent layers and the output rows of shared labels', () => {
    const base = new Network(architecture, { seed: 3 });
    const labels = ['', 'a', 'b', 'c'];
    const alphabet = ['', '1', 'c', 'a', '2'];
    const { architecture: arch, weights } = transferWeights({ network: base, labels }, alphabet, 9);
    expect(arch.outputSize).toBe(5);
    const next = new Network(arch, { seed: 1 });
    next.params.data.set(weights);
    for (const e of base.params.entries.filter((e) => !e.name.startsWith('output'))) {
      expect(next.params.view(e.name)).toEqual(base.params.view(e.name));
    }
    const [oldW, newW] = [base.params.view('output.w'), next.params.view('output.w')];
    const inSize = base.params.entry('output.w').shape[0];
    const column = (w: Float32Array, width: number, j: number) =>
      Array.from({ length: inSize }, (_, r) => w[r * width + j]);
    for (const [label, j] of [
      ['', 0],
      ['c', 2],
      ['a', 3],
    ] as const) {
      expect(column(newW, 5, j)).toEqual(column(oldW, 4, labels.indexOf(label)));
      expect(next.params.view('output.b')[j]).toBe(
        base.params.view('output.b')[labels.indexOf(label)],
      );
    }
    // A new label starts fresh: not a copy of any old column.
    for (let i = 0; i < 4; i++) expect(column(newW, 5, 1)).not.toEqual(column(oldW, 4, i));
  });
});
