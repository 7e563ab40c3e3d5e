import { describe, expect, it } from 'vitest';
import { parseArpa } from './arpa.js';
import type { NgramLm } from './ngram-lm.js';
import { trainCharNgramLm, trainNgramLm, type Smoothing } from './ngram-train.js';

const corpus = [
  'the cat sat on the mat',
  'the dog sat on the log',
  'a cat and a dog',
  'the cat ate the rat',
  'on the mat the cat sat',
  'dog',
].map((s) => s.split(' '));

const vocab = [...new Set(corpus.flat()), '</s>', 'unseenword'];

/** Every history the tests probe: all seen contexts plus unseen ones. */
const histories: string[][] = [
  ['<s>'],
  ['<s>', 'the'],
  ['the', 'cat'],
  ['cat', 'sat'],
  ['sat', 'on'],
  ['on', 'the'],
  ['a', 'dog'],
  ['dog', 'the'], // unseen bigram
  ['zebra', 'cat'], // unknown word in history
  [],
];

function expectNormalised(lm: NgramLm, tolerance: number) {
  for (const h of histories) {
    // vocab holds 'unseenword' which scores as <unk>: the <unk> mass is counted once.
    const sum = vocab.reduce((acc, w) => acc + Math.exp(lm.logProb(h, w)), 0);
    expect(Math.abs(sum - 1), `history ${JSON.stringify(h)}`).toBeLessThan(tolerance);
  }
}

describe.each(['kneser-ney', 'witten-bell'] as Smoothing[])('trainNgramLm %s', (smoothing) => {
  const lm = trainNgramLm(corpus, 3, { smoothing });

  it('sums to 1 over the vocabulary for every history', () => {
    expectNormalised(lm, 1e-9);
  });

  it('round-trips through ARPA text', () => {
    const again = parseArpa(lm.toArpa());
    expect(again.order).toBe(3);
    expectNormalised(again, 1e-5);
    for (const h of histories) {
      for (const w of vocab) expect(again.logProb(h, w)).toBeCloseTo(lm.logProb(h, w), 5);
    }
  });

  it('prefers seen continuations', () => {
    expect(lm.logProb(['the', 'cat'], 'sat')).toBeGreaterThan(lm.logProb(['the', 'cat'], 'log'));
    expect(lm.logProb(['<s>'], 'the')).toBeGreaterThan(lm.logProb(['<s>'], 'rat'));
  });

  describe('with count cut-offs', () => {
    const pruned = trainNgramLm(corpus, 3, { smoothing, minCounts: [2, 2] });
    const ngrams = (m: NgramLm) => [...m.toArpa().matchAll(/ngram \d+=(\d+)/g)].map((x) => +x[1]);

    it('leaves out rare n-grams but keeps every word and the histories of kept ones', () => {
      const [u1, b1, t1] = ngrams(lm);
      const [u2, b2, t2] = ngrams(pruned);
      expect(u2).toBe(u1);
      expect(b2).toBeLessThan(b1);
      expect(t2).toBeLessThan(t1);
      const arpa = pruned.toArpa();
      expect(arpa).toMatch(/\tthe cat\t/); // seen 3 times
      expect(arpa).not.toMatch(/\tate the\t/); // seen once
      expect(arpa).toMatch(/\ton the mat\n/); // seen twice, and its history "on the" stays
    });

    it('still sums to 1 over the vocabulary for every history', () => {
      expectNormalised(pruned, 1e-9);
      expectNormalised(parseArpa(pruned.toArpa()), 1e-5);
    });

    it('keeps the probabilities of kept n-grams, and equals the full model at 1', () => {
      expect(pruned.logProb(['the'], 'cat')).toBeCloseTo(lm.logProb(['the'], 'cat'), 12);
      const ones = trainNgramLm(corpus, 3, { smoothing, minCounts: [1, 1] });
      for (const h of histories) {
        for (const w of vocab) expect(ones.logProb(h, w)).toBe(lm.logProb(h, w));
      }
    });
  });
});

describe('trainNgramLm', () => {
  it('handles orders 1 to 4', () => {
    for (const order of [1, 2, 4]) expectNormalised(trainNgramLm(corpus, order), 1e-9);
  });

  it('rejects bad input naming it', () => {
    expect(() => trainNgramLm([['a b']], 2)).toThrow(/sentences\[0\]\[0\]/);
    expect(() => trainNgramLm([], 2)).toThrow(/non-empty/);
    expect(() => trainNgramLm([['a']], 0)).toThrow(/order/);
    expect(() => trainNgramLm([['a']], 2, { smoothing: 'katz' as unknown as Smoothing })).toThrow(
      /smoothing/,
    );
    expect(() => trainNgramLm([['a']], 2, { minCounts: [2, 2] })).toThrow(/minCounts/);
    expect(() => trainNgramLm([['a']], 2, { minCounts: [0] })).toThrow(/minCounts\[0\]/);
  });

  it('trains a character model with <space> as the delimiter', () => {
    const lm = trainCharNgramLm(['the cat', 'the hat'], 3);
    expect(lm.hasWord('<space>')).toBe(true);
    expect(lm.logProb(['t', 'h'], 'e')).toBeGreaterThan(lm.logProb(['t', 'h'], 'a'));
  });
});
