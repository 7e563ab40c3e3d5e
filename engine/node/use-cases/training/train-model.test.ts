import { describe, expect, it } from 'vitest';
import { saveModel } from '../../../model/vbm';
import { Network } from '../../../nn/network';
import { loadRecognizer } from '../../../recognize/recognizer';
import { faultySourceUrl } from '../../runtime/fixtures/faulty-source';
import { symbolTaskSourceUrl } from '../../runtime/symbol-task-source';
import { trainModel } from './train-model';

const alphabet = ['', 'a', 'b', 'c', 'd', 'e'];
const base = () =>
  loadRecognizer(
    saveModel(
      new Network(
        {
          inputSize: 6,
          layers: [{ cell: 'lstm', hidden: 8, bidirectional: true }],
          head: 'ctc',
          outputSize: 6,
          dropout: 0,
        },
        { seed: 2 },
      ),
      { kind: 'ink', alphabet, featureConfig: {} },
    ),
  );

const options = {
  epochs: 1,
  batchSize: 8,
  seed: 3,
  optimizer: { kind: 'adam' as const },
  schedule: { peak: 0.01, warmupSteps: 1, decay: 'cosine' as const, finalRatio: 0.1 },
  clipNorm: 5,
};

describe('trainModel', () => {
  it("gives each epoch's weights with the architecture trained: a base of another alphabet gets its output layer", async () => {
    const wider = [...alphabet, 'f'];
    const seen: { weights: number; architecture: unknown }[] = [];
    await trainModel({
      kind: 'ink',
      alphabet: wider,
      featureConfig: {},
      base: base(),
      train: { module: symbolTaskSourceUrl, config: { count: 16, seed: 1 } },
      options,
      workers: 1,
      onEpochWeights: (_p, weights, architecture) => {
        seen.push({ weights: weights.length, architecture });
      },
    });
    const architecture = { ...base().network.architecture, outputSize: wider.length };
    expect(seen).toEqual([{ weights: new Network(architecture).parameterCount, architecture }]);
  });

  it('fine-tunes a base model with the dropout asked for, keeping its layers', async () => {
    const trained = await trainModel({
      kind: 'ink',
      alphabet,
      featureConfig: {},
      base: base(),
      dropout: 0.3,
      train: { module: symbolTaskSourceUrl, config: { count: 16, seed: 1 } },
      options,
      workers: 1,
    });
    expect(trained.network.architecture).toEqual({ ...base().network.architecture, dropout: 0.3 });
    expect(trained.result.steps).toBe(2);
  });

  it('spends a time budget on training: loading the data (here 1.5 s) is not counted', async () => {
    const trained = await trainModel({
      kind: 'ink',
      alphabet,
      featureConfig: {},
      architecture: base().network.architecture,
      train: { module: faultySourceUrl, config: { mode: 'slow-start', at: 1500 } },
      options: { ...options, epochs: 1000 },
      minutes: 0.5 / 60,
      workers: 1,
    });
    expect(trained.result.steps).toBeGreaterThan(0);
    expect(trained.result.epochs).toBeLessThan(1000);
  });
});
