import { describe, expect, it } from 'vitest';
import type { Architecture } from '../nn/architecture';
import { Network } from '../nn/network';
import { maxAbsDiff } from '../util/max-abs-diff';
import { addInputChannels, addRecurrentLayer, transferWeights } from './transfer';

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

describe('addRecurrentLayer', () => {
  it('adds a layer that starts as a near identity: the outputs barely change', () => {
    const base = new Network(architecture, { seed: 5 });
    const { architecture: arch, weights } = addRecurrentLayer(base);
    expect(arch.layers).toHaveLength(2);
    expect(arch.layers[1]).toEqual({ cell: 'lstm', hidden: 4, bidirectional: true });
    const grown = new Network(arch);
    grown.params.data.set(weights);
    const T = 12;
    const x = Float32Array.from({ length: T * 3 }, (_, i) => Math.sin(i * 1.7) * 2);
    const before = base.recognize(x, T).logProbs;
    const after = grown.recognize(x, T).logProbs;
    expect(maxAbsDiff(after, before)).toBeLessThan(0.1);
    // ...while a freshly initialised deeper network reads something else entirely.
    const fresh = new Network(arch, { seed: 2 }).recognize(x, T).logProbs;
    expect(maxAbsDiff(fresh, before)).toBeGreaterThan(0.1);
  });

  it('refuses a last layer whose units it cannot copy one for one', () => {
    const subsampled: Architecture = {
      ...architecture,
      layers: [{ ...architecture.layers[0], subsample: { mode: 'stack', factor: 2 } }],
    };
    expect(() => addRecurrentLayer(new Network(subsampled))).toThrow(/subsampling/);
    const gru: Architecture = {
      ...architecture,
      layers: [{ ...architecture.layers[0], cell: 'gru' }],
    };
    expect(() => addRecurrentLayer(new Network(gru))).toThrow(/LSTM/);
  });
});

describe('addInputChannels', () => {
  it('adds input channels the model ignores until trained: the outputs do not change', () => {
    const base = new Network(architecture, { seed: 7 });
    const { architecture: arch, weights } = addInputChannels(base, 2);
    expect(arch.inputSize).toBe(5);
    const wider = new Network(arch);
    wider.params.data.set(weights);
    const T = 10;
    const x = Float32Array.from({ length: T * 3 }, (_, i) => Math.cos(i * 0.9));
    // The same frames with two more channels of arbitrary values.
    const x5 = new Float32Array(T * 5);
    for (let t = 0; t < T; t++) {
      x5.set(x.subarray(t * 3, t * 3 + 3), t * 5);
      x5[t * 5 + 3] = 3 * Math.sin(t);
      x5[t * 5 + 4] = -2 + t;
    }
    expect(maxAbsDiff(wider.recognize(x5, T).logProbs, base.recognize(x, T).logProbs)).toBeLessThan(
      1e-5,
    );
    expect(arch.layers).toEqual(architecture.layers);
    expect(() => addInputChannels(base, 0)).toThrow(/positive integer/);
  });
});
