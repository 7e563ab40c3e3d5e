import { describe, expect, it } from 'vitest';
import type { Architecture, CellKind, HeadKind } from './architecture';
import { outputFrames } from './architecture';
import { float64Kernels } from './float64-kernels';
import { Network, type Batch } from './network';
import { Rng } from '../util/rng';

// Central finite differences in float64 against the analytic gradient of every
// parameter tensor and of the input, for tiny 2-layer stacks of each cell and head.

const EPS = 1e-6;
const TOL = 1e-3;

function relativeError(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-6);
}

function tinyBatch(arch: Architecture, rng: Rng): Batch {
  const T = 6;
  const lengths = Int32Array.of(6, 4, 5);
  const B = lengths.length;
  const x = float64Kernels.alloc(T * B * arch.inputSize);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      if (t >= lengths[b]) continue; // padding stays zero
      for (let c = 0; c < arch.inputSize; c++) x[(t * B + b) * arch.inputSize + c] = rng.normal();
    }
  }
  const V = arch.outputSize;
  const targets = Array.from(lengths, (len, b) => {
    const frames = outputFrames(arch, len);
    if (arch.head === 'ctc')
      return Int32Array.from({ length: 1 + (b % 2) }, () => 1 + rng.int(V - 1));
    if (arch.head === 'frame') return Int32Array.from({ length: frames }, () => rng.int(V));
    return Int32Array.of(rng.int(V));
  });
  return { x, T, B, lengths, targets };
}

function check(arch: Architecture): void {
  const net = new Network(arch, { kernels: float64Kernels, seed: 3 });
  const batch = tinyBatch(arch, new Rng(11));
  const dropoutSeed = 5;
  net.computeGradients(batch, { rng: new Rng(dropoutSeed), inputGradient: true });
  const grad = Float64Array.from(net.params.grad);
  const dx = Float64Array.from(net.inputGradient());
  const lossAt = () => net.loss(batch, { rng: new Rng(dropoutSeed) }).loss;

  const numeric = (arr: Float32Array, i: number): number => {
    const saved = arr[i];
    arr[i] = saved + EPS;
    const plus = lossAt();
    arr[i] = saved - EPS;
    const minus = lossAt();
    arr[i] = saved;
    return (plus - minus) / (2 * EPS);
  };

  for (const e of net.params.entries) {
    let worst = 0;
    let norm = 0;
    for (let i = e.offset; i < e.offset + e.size; i++) {
      worst = Math.max(worst, relativeError(grad[i], numeric(net.params.data, i)));
      norm += Math.abs(grad[i]);
    }
    expect(norm, `${e.name} has an all-zero gradient`).toBeGreaterThan(0);
    expect(worst, `${e.name}`).toBeLessThan(TOL);
  }
  let worst = 0;
  for (let i = 0; i < dx.length; i++)
    worst = Math.max(worst, relativeError(dx[i], numeric(batch.x, i)));
  expect(worst, 'input').toBeLessThan(TOL);
}

const cells: CellKind[] = ['rnn', 'lstm', 'gru'];
const heads: HeadKind[] = ['ctc', 'frame', 'sequence'];

describe('finite-difference gradient check (float64)', () => {
  for (const cell of cells) {
    for (const bidirectional of [false, true]) {
      for (const head of heads) {
        it(`${bidirectional ? 'bi' : 'uni'}-${cell}, ${head} head`, () => {
          check({
            inputSize: 3,
            layers: [
              {
                cell,
                hidden: 3,
                bidirectional,
                subsample: head === 'sequence' ? undefined : { mode: 'stack', factor: 2 },
              },
              { cell, hidden: 2, bidirectional },
            ],
            head,
            outputSize: 4,
            dropout: 0,
          });
        });
      }
    }
  }

  it('with dropout and stride subsampling (BiLSTM, CTC)', () => {
    check({
      inputSize: 2,
      layers: [
        { cell: 'lstm', hidden: 3, bidirectional: true, subsample: { mode: 'stride', factor: 2 } },
        { cell: 'lstm', hidden: 3, bidirectional: true },
      ],
      head: 'ctc',
      outputSize: 3,
      dropout: 0.3,
    });
  });
});
