// The README examples, run as written (with small inputs), so they stay true.
import { describe, expect, it } from 'vitest';
import {
  Alphabet,
  BeamSearchDecoder,
  ctcLoss,
  ctcLossBatch,
  greedyDecode,
  parseArpa,
  trainCharNgramLm,
  trainNgramLm,
} from './index.js';

describe('README examples', () => {
  const T = 50;
  const V = 29;
  const logProbs = new Float32Array(T * V).fill(Math.log(1 / V));
  const alphabet = Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz");

  it('loss', () => {
    const target = [10, 7, 14, 14, 17];
    expect(alphabet.decode(target)).toBe('hello');
    const { loss, grad } = ctcLoss(logProbs, T, V, target, { blank: 0 });
    expect(Number.isFinite(loss) && grad.length === T * V).toBe(true);
    const batch = new Float32Array(2 * T * V).fill(Math.log(1 / V));
    const { losses, grad: g } = ctcLossBatch(batch, [50, 30], T, V, [target, [1, 2]], {
      zeroInfinity: true,
    });
    expect(losses.length).toBe(2);
    expect(g.length).toBe(2 * T * V);
  });

  it('decoding and language models', () => {
    const transcripts = ['new york is big', 'verbatim writes what you say'];
    const lm = trainNgramLm(
      transcripts.map((t) => t.split(' ')),
      3,
      { smoothing: 'kneser-ney' },
    );
    const arpaText = lm.toArpa();
    expect(greedyDecode(logProbs, T, alphabet.size).tokens.length).toBeGreaterThanOrEqual(0);
    const decoder = new BeamSearchDecoder(alphabet, {
      beamWidth: 32,
      lm: parseArpa(arpaText),
      alpha: 0.5,
      beta: 1.0,
      hotwords: ['verbatim', { phrase: 'new york', weight: 8 }],
      nbest: 3,
    });
    const [top] = decoder.decode(logProbs, T);
    expect(typeof top.text).toBe('string');
    decoder.setAllowedTokens(alphabet.mask('abc'));
    expect(decoder.decode(logProbs, T)[0].text).toMatch(/^[abc ]*$/);
    const charLm = trainCharNgramLm(transcripts, 5);
    expect(
      new BeamSearchDecoder(alphabet, { lm: charLm, lmUnit: 'char' }).decode(logProbs, T),
    ).toHaveLength(1);
  });
});
