import { greedyDecode } from 'ctc-decode-ts';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../metrics/edit-distance';
import { ModelFormatError } from '../model/container';
import { Network } from '../nn/network';
import type { Sample } from './batching';
import { makeSymbolTask } from './synthetic-task';
import { Trainer, type TrainerOptions } from './trainer';

const arch = {
  inputSize: 6,
  layers: [{ cell: 'lstm' as const, hidden: 16, bidirectional: true }],
  head: 'ctc' as const,
  outputSize: 6,
  dropout: 0,
};

function options(epochs: number): TrainerOptions {
  return {
    epochs,
    batchSize: 8,
    seed: 3,
    optimizer: { kind: 'adam' },
    schedule: { peak: 0.03, warmupSteps: 10, decay: 'cosine', finalRatio: 0.1 },
    clipNorm: 5,
  };
}

function characterErrorRate(net: Network, samples: Sample[]): number {
  let errors = 0;
  let total = 0;
  for (const s of samples) {
    const { logProbs, frames } = net.recognize(s.features, s.frames);
    const { tokens } = greedyDecode(logProbs, frames, arch.outputSize);
    errors += editDistance(tokens, Array.from(s.target));
    total += s.target.length;
  }
  return errors / total;
}

describe('Trainer', () => {
  it('a small BiLSTM-CTC learns the synthetic symbol task to 0 CER on held-out sequences', async () => {
    const train = makeSymbolTask({ count: 200, seed: 1 });
    const heldOut = makeSymbolTask({ count: 50, seed: 2 });
    const net = new Network(arch, { seed: 1 });
    expect(characterErrorRate(net, heldOut)).toBeGreaterThan(0.5);
    const losses: number[] = [];
    const heldOutCer: number[] = [];
    const trainer = new Trainer(net, train, [], options(20), {
      onEpoch: (e) => {
        losses.push(e.trainLoss);
        heldOutCer.push(characterErrorRate(net, heldOut));
      },
    });
    const result = await trainer.run();
    // "Learns quickly" counted in work, not time: within half of a 500-step budget
    // (20 epochs of 25 batches; measured: 0 CER from the 7th epoch on), and stays learned.
    expect(result).toMatchObject({ steps: 500, epochs: 20, cancelled: false });
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 5);
    expect(heldOutCer.slice(9)).toEqual(new Array(11).fill(0));
  });

  it('resuming from a checkpoint reproduces the uninterrupted run bit for bit', async () => {
    const train = makeSymbolTask({ count: 40, seed: 4 });
    const valid = makeSymbolTask({ count: 10, seed: 5 });
    const opts: TrainerOptions = {
      ...options(3),
      batchSize: 8,
      optimizer: { kind: 'adamw', weightDecay: 0.01 },
      earlyStopping: { patience: 5 },
    };
    const small = {
      ...arch,
      layers: [{ cell: 'gru' as const, hidden: 6, bidirectional: true }],
      dropout: 0.2,
    };

    const full: number[] = [];
    const uninterrupted = new Trainer(new Network(small, { seed: 9 }), train, valid, opts, {
      onStep: (p) => full.push(p.loss),
    });
    await uninterrupted.run();

    // Same run, cancelled mid-epoch (step 7 of 5 per epoch) right after a checkpoint.
    let saved: Uint8Array | null = null;
    const first = new Trainer(
      new Network(small, { seed: 9 }),
      train,
      valid,
      { ...opts, checkpointEvery: 7 },
      {
        onCheckpoint: (bytes, step) => {
          if (step === 7) saved = bytes;
        },
        shouldStop: () => saved !== null,
      },
    );
    expect((await first.run()).cancelled).toBe(true);

    const resumedLosses: number[] = [];
    const resumed = new Trainer(new Network(small, { seed: 123 }), train, valid, opts, {
      onStep: (p) => resumedLosses.push(p.loss),
    });
    resumed.restore(saved!);
    expect(resumed.step).toBe(7);
    await resumed.run();
    expect(resumedLosses).toEqual(full.slice(7));
    expect(resumed.network.params.data).toEqual(uninterrupted.network.params.data);
  });

  it('rejects a corrupted or foreign checkpoint', async () => {
    const train = makeSymbolTask({ count: 8, seed: 4 });
    const t = new Trainer(new Network(arch), train, [], options(1));
    const bytes = t.checkpoint();
    const bad = bytes.slice();
    bad[bad.length - 10] ^= 1;
    expect(() => t.restore(bad)).toThrow(/checksum/);
    expect(() => t.restore(bytes.subarray(0, 40))).toThrow(ModelFormatError);
    const other = new Trainer(new Network({ ...arch, outputSize: 7 }), train, [], options(1));
    expect(() => other.restore(bytes)).toThrow(/different architecture/);
    const fewer = new Trainer(new Network(arch), train.slice(0, 4), [], options(1));
    const midEpoch: Trainer = new Trainer(
      new Network(arch),
      train,
      [],
      { ...options(1), batchSize: 2 },
      {
        shouldStop: () => midEpoch.step === 1,
      },
    );
    await midEpoch.run();
    expect(() => fewer.restore(midEpoch.checkpoint())).toThrow(/same data/);
  });
});
