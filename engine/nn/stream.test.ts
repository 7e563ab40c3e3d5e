import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Architecture, CellKind } from './architecture';
import { float64Kernels } from './float64-kernels';
import { Network } from './network';
import { Rng } from '../util/rng';

const layerArb = fc.record({
  cell: fc.constantFrom<CellKind>('lstm', 'gru', 'rnn'),
  hidden: fc.integer({ min: 1, max: 4 }),
  bidirectional: fc.constant(false),
  subsample: fc.option(
    fc.record({
      mode: fc.constantFrom<'stack' | 'stride'>('stack', 'stride'),
      factor: fc.integer({ min: 1, max: 3 }),
    }),
    { nil: undefined },
  ),
});

const archArb = fc.record({
  inputSize: fc.integer({ min: 1, max: 3 }),
  layers: fc.array(layerArb, { minLength: 1, maxLength: 3 }),
  head: fc.constantFrom<'ctc' | 'frame'>('ctc', 'frame'),
  outputSize: fc.integer({ min: 2, max: 4 }),
  dropout: fc.constant(0),
});

describe('NetworkStream', () => {
  it('any chunking gives exactly the whole-input result (fuzzed architectures)', () => {
    fc.assert(
      fc.property(
        archArb,
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 999 }),
        (a: Architecture, frames, chunks, seed) => {
          const net = new Network(a, { kernels: float64Kernels, seed });
          const rng = new Rng(seed);
          const C = a.inputSize;
          const x = Float32Array.from({ length: frames * C }, () => rng.normal());
          const whole = net.recognize(x, frames);
          const stream = net.createStream();
          for (let round = 0; round < 2; round++) {
            const parts: number[] = [...stream.push(new Float32Array(0), 0).logProbs];
            let at = 0;
            for (let c = 0; at < frames; c = (c + 1) % chunks.length) {
              const n = Math.min(chunks[c], frames - at);
              parts.push(...stream.push(x.subarray(at * C, (at + n) * C), n).logProbs);
              at += n;
            }
            parts.push(...stream.finish().logProbs);
            expect(parts.length).toBe(whole.frames * a.outputSize);
            parts.forEach((v, i) => expect(Math.abs(v - whole.logProbs[i])).toBeLessThan(1e-6));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses bidirectional networks and bad input', () => {
    const uni: Architecture = {
      inputSize: 2,
      layers: [{ cell: 'lstm', hidden: 3, bidirectional: false }],
      head: 'ctc',
      outputSize: 3,
      dropout: 0,
    };
    const bi = { ...uni, layers: [{ ...uni.layers[0], bidirectional: true }] };
    expect(() => new Network(bi).createStream()).toThrow(/unidirectional/);
    const stream = new Network(uni).createStream();
    expect(() => stream.push(Float32Array.of(1, 2, 3), 2)).toThrow(/expected 2 frames of 2/);
    expect(() => stream.push(Float32Array.of(1, NaN), 1)).toThrow(/not finite/);
  });
});
