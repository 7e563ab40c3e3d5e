import { describe, expect, it } from 'vitest';
import type { Architecture } from '../nn/architecture';
import { Network } from '../nn/network';
import { transferWeights, widenWeights } from './transfer';

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

describe('widenWeights', () => {
  // Two layers of different cells, frame stacking between them, both directions.
  const narrow: Architecture = {
    inputSize: 3,
    layers: [
      { cell: 'lstm', hidden: 4, bidirectional: true, subsample: { mode: 'stack', factor: 2 } },
      { cell: 'gru', hidden: 3, bidirectional: true },
    ],
    head: 'ctc',
    outputSize: 5,
    dropout: 0,
  };
  const wider = (hidden: [number, number]): Architecture => ({
    ...narrow,
    layers: narrow.layers.map((l, i) => ({ ...l, hidden: hidden[i] })),
  });
  const input = () => {
    const T = 7;
    const B = 2;
    const x = Float32Array.from({ length: T * B * 3 }, (_, i) => Math.sin(i * 1.7));
    return { x, T, B, lengths: Int32Array.of(7, 5) };
  };

  it('computes what the narrow network computed, and its new units are not idle', () => {
    const base = new Network(narrow, { seed: 4 });
    base.params.data.forEach((_, i, d) => (d[i] += 0.3 * Math.cos(i))); // not a fresh init
    const to = wider([6, 5]);
    const weights = widenWeights({ architecture: narrow, weights: base.params.data }, to, 11);
    const next = new Network(to);
    next.params.data.set(weights);
    const [a, b] = [base.infer(input()), next.infer(input())];
    expect(b.T).toBe(a.T);
    for (let i = 0; i < a.logProbs.length; i++) expect(b.logProbs[i]).toBeCloseTo(a.logProbs[i], 5);
    // The new units start as a fresh network's: their incoming weights are not all zero.
    const wx = next.params.view('layer0.fwd.wx');
    const newUnitColumn = Array.from({ length: 3 }, (_, r) => wx[r * 24 + 5]);
    expect(newUnitColumn.some((v) => v !== 0)).toBe(true);
    // …and the loss has a gradient for the output weights that read them (row 4: a new forward unit).
    next.computeGradients({ ...input(), targets: [Int32Array.of(1, 2), Int32Array.of(3)] });
    const grad = next.params.gradView('output.w');
    expect(Array.from({ length: 5 }, (_, v) => grad[4 * 5 + v]).some((g) => g !== 0)).toBe(true);
  });

  it('keeps the widths it is given: the same architecture is a copy', () => {
    const base = new Network(narrow, { seed: 2 });
    const weights = widenWeights({ architecture: narrow, weights: base.params.data }, narrow, 3);
    expect(weights).toEqual(base.params.data);
  });

  it('refuses anything but wider layers', () => {
    const base = { architecture: narrow, weights: new Network(narrow, { seed: 1 }).params.data };
    expect(() => widenWeights(base, wider([2, 5]), 1)).toThrow(/no layer may narrow/);
    expect(() => widenWeights(base, { ...wider([6, 5]), layers: [narrow.layers[0]] }, 1)).toThrow(
      /only the layers' widths may change/,
    );
    expect(() => widenWeights(base, { ...wider([6, 5]), outputSize: 6 }, 1)).toThrow(
      /only the layers' widths may change/,
    );
  });
});
