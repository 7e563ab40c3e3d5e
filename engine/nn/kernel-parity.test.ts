import { describe, expect, it } from 'vitest';
import { kernelBackends } from '../node/test-support/kernel-backends';
import { BatchAssembler } from '../train/batching';
import { makeSymbolTask } from '../train/synthetic-task';
import type { Architecture } from './architecture';
import { Network } from './network';

// The whole network (all cells, subsampling, heads) on each optimised backend
// (WASM builds, native) must match the TypeScript reference, also as
// workspaces grow and shrink across batches.
const { backends, unavailable } = kernelBackends();
for (const reason of unavailable) {
  describe.skip(`network parity: kernels unavailable here (${reason})`, () => {
    it('agrees with the reference', () => {});
  });
}

describe.each(backends)('network on the $backend kernels = reference', ({ load }) => {
  const arch: Architecture = {
    inputSize: 6,
    layers: [
      { cell: 'lstm', hidden: 16, bidirectional: true, subsample: { mode: 'stack', factor: 2 } },
      { cell: 'gru', hidden: 8, bidirectional: true },
      { cell: 'rnn', hidden: 5, bidirectional: false },
    ],
    head: 'ctc',
    outputSize: 6,
    dropout: 0,
  };

  it('loss and every gradient agree for batches of changing size', () => {
    const kernels = load();
    const fast = new Network(arch, { kernels, seed: 1 });
    const ref = new Network(arch, { seed: 1 });
    const data = makeSymbolTask({ count: 40, seed: 1 });
    const batchesW = new BatchAssembler(kernels, arch.inputSize);
    const batchesR = new BatchAssembler(ref.kernels, arch.inputSize);
    for (const n of [2, 16, 40, 3]) {
      const idx = Array.from({ length: n }, (_, i) => i);
      const lw = fast.computeGradients(batchesW.assemble(data, idx)).loss;
      const lr = ref.computeGradients(batchesR.assemble(data, idx)).loss;
      expect(lw).toBeCloseTo(lr, 4);
      let scale = 0;
      let diff = 0;
      for (let i = 0; i < ref.params.size; i++) {
        scale = Math.max(scale, Math.abs(ref.params.grad[i]));
        diff = Math.max(diff, Math.abs(fast.params.grad[i] - ref.params.grad[i]));
      }
      expect(diff / scale).toBeLessThan(1e-4);
    }
  });

  it('recognize (batch 1: the fused LSTM sequence kernel) agrees', () => {
    const fast = new Network(arch, { kernels: load(), seed: 2 });
    const ref = new Network(arch, { seed: 2 });
    const T = 23;
    const x = Float32Array.from({ length: T * arch.inputSize }, (_, i) => Math.sin(i * 0.7));
    const a = fast.recognize(x, T);
    const b = ref.recognize(x, T);
    expect(a.frames).toBe(b.frames);
    let diff = 0;
    for (let i = 0; i < b.logProbs.length; i++)
      diff = Math.max(diff, Math.abs(a.logProbs[i] - b.logProbs[i]));
    expect(diff).toBeLessThan(1e-4);
  });
});
