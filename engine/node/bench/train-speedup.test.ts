import { describe, expect, it } from 'vitest';
import { referenceTrainingArchitecture, trainingFlops } from './train-speedup';

describe('trainingFlops', () => {
  it('counts the reference shapes by hand', () => {
    // per direction: input products 2·150·In·768 (forward, dWx, and dx above layer 0),
    // recurrent 2·150·192·768 three times (forward, dWh, dh·Whᵀ); output 3 · 2·150·384·30
    const input0 = 2 * 150 * 80 * 768;
    const input12 = 2 * 150 * 384 * 768;
    const recurrent = 2 * 150 * 192 * 768;
    const expected =
      2 * (2 * input0 + 3 * recurrent) + 2 * 2 * (3 * input12 + 3 * recurrent) + 6 * 150 * 384 * 30;
    expect(trainingFlops(referenceTrainingArchitecture, 150)).toBe(expected);
    expect(expected).toBe(1_942_041_600);
  });

  it('follows subsampling (fewer frames, stacked features) and the cell kind', () => {
    const flops = trainingFlops(
      {
        inputSize: 4,
        layers: [
          { cell: 'gru', hidden: 3, bidirectional: false, subsample: { mode: 'stack', factor: 2 } },
          { cell: 'rnn', hidden: 5, bidirectional: false },
        ],
        head: 'ctc',
        outputSize: 2,
        dropout: 0,
      },
      9,
    );
    // GRU (G = 9) over 9 frames on 4 inputs; then 5 frames of 6 stacked features into an RNN (G = 5)
    const gru = 2 * (2 * 9 * 4 * 9) + 3 * (2 * 9 * 3 * 9);
    const rnn = 3 * (2 * 5 * 6 * 5) + 3 * (2 * 5 * 5 * 5);
    expect(flops).toBe(gru + rnn + 6 * 5 * 5 * 2);
  });
});
