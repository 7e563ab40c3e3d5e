import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Architecture, CellKind, HeadKind } from './architecture';
import { outputFrames } from './architecture';
import { float64Kernels } from './float64-kernels';
import { Network, type Batch } from './network';
import { Rng } from '../util/rng';

function arch(cell: CellKind, head: HeadKind, bidirectional = true): Architecture {
  return {
    inputSize: 3,
    layers: [
      {
        cell,
        hidden: 4,
        bidirectional,
        subsample: head === 'sequence' ? undefined : { mode: 'stack', factor: 2 },
      },
      { cell, hidden: 3, bidirectional },
    ],
    head,
    outputSize: 5,
    dropout: 0,
  };
}

/** Sequences of random frames and targets that fit their output length. */
function sequences(a: Architecture, lengths: number[], rng: Rng) {
  return lengths.map((len) => {
    const x = Float32Array.from({ length: len * a.inputSize }, () => rng.normal());
    const frames = outputFrames(a, len);
    const target =
      a.head === 'ctc'
        ? Int32Array.from({ length: Math.min(2, frames) }, () => 1 + rng.int(a.outputSize - 1))
        : a.head === 'frame'
          ? Int32Array.from({ length: frames }, () => rng.int(a.outputSize))
          : Int32Array.of(rng.int(a.outputSize));
    return { x, len, target };
  });
}

/** Pads into a time-major batch; padding gets random values to prove it never leaks. */
function pad(a: Architecture, seqs: ReturnType<typeof sequences>, rng: Rng): Batch {
  const T = Math.max(...seqs.map((s) => s.len));
  const B = seqs.length;
  const C = a.inputSize;
  const x = Float32Array.from({ length: T * B * C }, () => rng.normal());
  seqs.forEach((s, b) => {
    for (let t = 0; t < s.len; t++) x.set(s.x.subarray(t * C, (t + 1) * C), (t * B + b) * C);
  });
  return {
    x,
    T,
    B,
    lengths: Int32Array.from(seqs, (s) => s.len),
    targets: seqs.map((s) => s.target),
  };
}

describe('padding equivalence: a padded batch = the mean of its sequences run one by one', () => {
  for (const cell of ['lstm', 'gru', 'rnn'] as const) {
    for (const head of ['ctc', 'frame', 'sequence'] as const) {
      it(`${cell}, ${head}`, () => {
        const a = arch(cell, head);
        const net = new Network(a, { seed: 2 });
        const rng = new Rng(9);
        const seqs = sequences(a, [7, 3, 5, 7], rng);
        const batched = net.computeGradients(pad(a, seqs, rng)).loss;
        const batchedGrad = Float64Array.from(net.params.grad);
        let loss = 0;
        const grad = new Float64Array(net.params.size);
        for (const s of seqs) {
          loss += net.computeGradients(pad(a, [s], rng)).loss / seqs.length;
          net.params.grad.forEach((g, i) => (grad[i] += g / seqs.length));
        }
        expect(batched).toBeCloseTo(loss, 5);
        let maxDiff = 0;
        let maxAbs = 0;
        for (let i = 0; i < grad.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(grad[i] - batchedGrad[i]));
          maxAbs = Math.max(maxAbs, Math.abs(grad[i]));
        }
        expect(maxAbs).toBeGreaterThan(0);
        expect(maxDiff / maxAbs).toBeLessThan(1e-5);
      });
    }
  }

  it('holds for random architectures, lengths and subsampling (fuzzed)', () => {
    const layer = fc.record({
      cell: fc.constantFrom<CellKind>('lstm', 'gru', 'rnn'),
      hidden: fc.integer({ min: 1, max: 4 }),
      bidirectional: fc.boolean(),
      subsample: fc.option(
        fc.record({
          mode: fc.constantFrom<'stack' | 'stride'>('stack', 'stride'),
          factor: fc.integer({ min: 1, max: 3 }),
        }),
        { nil: undefined },
      ),
    });
    const archArb = fc
      .record({
        inputSize: fc.integer({ min: 1, max: 3 }),
        layers: fc.array(layer, { minLength: 1, maxLength: 3 }),
        head: fc.constantFrom<HeadKind>('ctc', 'frame', 'sequence'),
        outputSize: fc.integer({ min: 2, max: 4 }),
        dropout: fc.constant(0),
      })
      .map((a): Architecture => {
        if (a.head !== 'sequence') return a;
        const layers = a.layers.map((l, i) =>
          i === a.layers.length - 1 ? { ...l, subsample: undefined } : l,
        );
        return { ...a, layers };
      });
    fc.assert(
      fc.property(
        archArb,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (a, lengths, seed) => {
          const net = new Network(a, { kernels: float64Kernels, seed });
          const rng = new Rng(seed);
          const seqs = sequences(a, lengths, rng);
          const batched = net.computeGradients(pad(a, seqs, rng)).loss;
          const batchedGrad = Float64Array.from(net.params.grad);
          let loss = 0;
          const grad = new Float64Array(net.params.size);
          for (const s of seqs) {
            loss += net.computeGradients(pad(a, [s], rng)).loss / seqs.length;
            net.params.grad.forEach((g, i) => (grad[i] += g / seqs.length));
          }
          expect(Number.isFinite(batched)).toBe(true);
          expect(Math.abs(batched - loss)).toBeLessThan(1e-9 * Math.max(1, Math.abs(loss)));
          grad.forEach((g, i) => expect(Math.abs(g - batchedGrad[i])).toBeLessThan(1e-9));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('inference: recognize() on one sequence equals its slice of a padded batch', () => {
    const a = arch('lstm', 'ctc');
    const net = new Network(a, { seed: 4 });
    const rng = new Rng(1);
    const seqs = sequences(a, [6, 9], rng);
    const batch = net.infer(pad(a, seqs, rng));
    const one = net.recognize(seqs[0].x, seqs[0].len);
    expect(one.frames).toBe(batch.lengths[0]);
    for (let t = 0; t < one.frames; t++) {
      for (let v = 0; v < a.outputSize; v++) {
        expect(one.logProbs[t * a.outputSize + v]).toBeCloseTo(
          batch.logProbs[(t * batch.B + 0) * a.outputSize + v],
          5,
        );
      }
    }
  });
});

describe('batch-1 inference (fused whole-sequence LSTM) = the stepped batch path', () => {
  it('with padding past the length, bidirectional and not, subsampled', () => {
    for (const bidirectional of [true, false]) {
      const a = arch('lstm', 'frame', bidirectional);
      const net = new Network(a, { seed: 5 });
      const rng = new Rng(2);
      const seqs = sequences(a, [7, 11], rng);
      const batch = net.infer(pad(a, seqs, rng));
      // seqs[0] alone, padded to T = 11 frames with garbage that must not leak
      const single = pad(a, [seqs[0]], rng);
      const x = Float32Array.from({ length: 11 * a.inputSize }, () => rng.normal());
      x.set(single.x);
      const one = net.infer({ x, T: 11, B: 1, lengths: Int32Array.of(7) });
      const V = a.outputSize;
      expect(one.lengths[0]).toBe(batch.lengths[0]);
      for (let t = 0; t < one.lengths[0]; t++) {
        for (let v = 0; v < V; v++) {
          expect(one.logProbs[t * V + v]).toBeCloseTo(batch.logProbs[t * 2 * V + v], 5);
        }
      }
    }
  });
});

describe('inference shapes', () => {
  for (const head of ['ctc', 'frame', 'sequence'] as const) {
    it(`${head} head: normalised log-probabilities of the right length`, () => {
      const a = arch('gru', head);
      const net = new Network(a);
      const x = Float32Array.from({ length: 7 * a.inputSize }, (_, i) => Math.cos(i));
      const r = net.recognize(x, 7);
      expect(r.frames).toBe(head === 'sequence' ? 1 : outputFrames(a, 7));
      expect(r.logProbs.length).toBe(r.frames * a.outputSize);
      for (let t = 0; t < r.frames; t++) {
        const row = r.logProbs.subarray(t * a.outputSize, (t + 1) * a.outputSize);
        expect(row.reduce((sum, v) => sum + Math.exp(v), 0)).toBeCloseTo(1, 5);
      }
    });
  }
});

describe('CTC targets that cannot fit their frames', () => {
  it('count as unalignable with zero gradient, and do not disturb the others', () => {
    const a = arch('lstm', 'ctc');
    const net = new Network(a, { seed: 5 });
    const rng = new Rng(2);
    const [ok] = sequences(a, [6], rng);
    const tooLong = { ...ok, target: Int32Array.of(1, 2, 3, 4, 1, 2) }; // 6 labels, 3 output frames
    const both = net.computeGradients(pad(a, [ok, tooLong], rng));
    expect(both.infinite).toBe(1);
    const grad = Float64Array.from(net.params.grad);
    const alone = net.computeGradients(pad(a, [ok], rng));
    expect(both.loss).toBeCloseTo(alone.loss / 2, 5);
    grad.forEach((g, i) => expect(g).toBeCloseTo(net.params.grad[i] / 2, 6));
  });
});

describe('bad input gives a clear error', () => {
  const a = arch('lstm', 'ctc');
  const net = new Network(a);
  const good = () => pad(a, sequences(a, [4, 3], new Rng(3)), new Rng(4));

  it('NaN or infinite inputs', () => {
    const b = good();
    b.x[5] = NaN;
    expect(() => net.computeGradients(b)).toThrow(/not finite.*frame 0 of sequence 1/);
    b.x[5] = Infinity;
    expect(() => net.recognize(b.x, 2)).toThrow(/not finite/);
  });

  it('wrong shapes', () => {
    const b = good();
    expect(() => net.computeGradients({ ...b, T: 9 })).toThrow(/expected T·B·inputSize/);
    expect(() => net.computeGradients({ ...b, lengths: Int32Array.of(4) })).toThrow(/lengths/);
    expect(() => net.computeGradients({ ...b, lengths: Int32Array.of(4, 0) })).toThrow(
      /lengths\[1\] = 0/,
    );
    expect(() => net.computeGradients({ ...b, targets: [b.targets[0]] })).toThrow(/one target/);
    expect(() => net.computeGradients({ ...b, targets: [Int32Array.of(0), b.targets[1]] })).toThrow(
      /blank/,
    );
  });

  it('invalid architectures', () => {
    expect(() => new Network({ ...a, layers: [] })).toThrow(/non-empty/);
    expect(() => new Network({ ...a, dropout: 1 })).toThrow(/dropout/);
    expect(
      () => new Network({ ...a, layers: [{ cell: 'lstm', hidden: 0, bidirectional: true }] }),
    ).toThrow(/hidden/);
  });
});
