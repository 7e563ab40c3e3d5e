import { trainCharNgramLm, trainNgramLm } from 'ctc-decode-ts';
import { describe, expect, it } from 'vitest';
import { createDecoder, defaultDecodeParams } from './decode-params';

/** [T, V] log-probabilities: each frame's probabilities by label, the rest spread evenly. */
function frames(labels: readonly string[], spec: Record<string, number>[]): Float32Array {
  const V = labels.length;
  const out = new Float32Array(spec.length * V);
  spec.forEach((probs, t) => {
    const mass = Object.values(probs).reduce((a, b) => a + b, 0);
    const rest = (1 - mass) / (V - Object.keys(probs).length);
    labels.forEach((l, k) => (out[t * V + k] = Math.log(probs[l] ?? rest)));
  });
  return out;
}

describe('DecodeParams.mixedCaseScore', () => {
  const labels = ['', ' ', 'a', 'A', 'b', 'B'];
  // "bab" written with an a that looks a little more like a capital.
  const lp = frames(labels, [
    { '': 0.9 },
    { b: 0.9 },
    { '': 0.9 },
    { A: 0.5, a: 0.4 },
    { '': 0.9 },
    { b: 0.9 },
    { '': 0.9 },
  ]);
  const read = (params: Partial<ReturnType<typeof defaultDecodeParams>>) =>
    createDecoder(labels, { ...defaultDecodeParams(), ...params }).decode(lp)[0].text;

  it('keeps a word in one case', () => {
    expect(read({})).toBe('bAb');
    expect(read({ mixedCaseScore: -5 })).toBe('bab');
  });

  it('never scores a closed vocabulary entry as listed', () => {
    const vocabulary = [
      { phrase: 'bAb', weight: 0 },
      { phrase: 'bab', weight: 0 },
    ];
    // A hotword keeps the reading on the beam (as a vocabulary too large to score exactly).
    const hotwords = [{ phrase: 'bab', boost: 0 }];
    expect(read({ vocabulary, hotwords, mixedCaseScore: -5 })).toBe('bAb');
  });
});

describe("a closed vocabulary and the model's LM", () => {
  const labels = ['', 'a', 'b'];
  // Two letters, each a little more "b" than "a" in look: "ba" by the ink alone.
  const lp = frames(labels, [{ b: 0.5, a: 0.4 }, { '': 0.9 }, { a: 0.5, b: 0.4 }]);
  const vocabulary = [
    { phrase: 'ab', weight: 0 },
    { phrase: 'ba', weight: 0 },
  ];
  const read = (lmArpa: string, lmUnit: 'char' | 'word') =>
    createDecoder(
      labels,
      { ...defaultDecodeParams(), alpha: 1, beta: 0, vocabulary },
      { lmArpa, lmUnit, lexicon: null },
    ).decode(lp)[0].text;
  const spelling = trainCharNgramLm(['ab', 'ab', 'ab', 'ab', 'ba'], 2).toArpa();

  it('keeps a character LM: it ranks the listed spellings', () => {
    expect(read(spelling, 'char')).toBe('ab');
  });

  it('drops a word LM, which would score listed words it lacks as <unk>', () => {
    const words = trainNgramLm([['ab'], ['ab'], ['ab'], ['ab'], ['ba']], 2).toArpa();
    expect(read(words, 'word')).toBe('ba');
  });
});

describe('punctuation written against lexicon words', () => {
  const labels = ['', ' ', 'a', 'b', '.', ','];
  // "ab." with a period more likely than not, but not by the out-of-lexicon penalty's 5 nats.
  const lp = frames(labels, [
    { '': 0.9 },
    { a: 0.9 },
    { '': 0.9 },
    { b: 0.9 },
    { '': 0.9 },
    { '.': 0.7, '': 0.2 },
    { '': 0.9 },
  ]);
  const read = (lexicon: string[]) =>
    createDecoder(
      labels,
      { ...defaultDecodeParams(), unkScoreOffset: -5 },
      { lmArpa: null, lmUnit: 'word', lexicon },
    ).decode(lp)[0].text;

  it('keeps the mark: the word stays a lexicon word', () => {
    expect(read(['ab'])).toBe('ab.');
    // a word outside the lexicon pays the penalty with its mark or without
    expect(read(['ba'])).toBe('ab.');
  });

  it('does not make a mark alone, or a mark inside a word, a lexicon word', () => {
    const inside = frames(labels, [{ a: 0.9 }, { '.': 0.9 }, { b: 0.9 }]);
    const decoder = createDecoder(
      labels,
      { ...defaultDecodeParams(), lexiconMode: 'constrained' },
      { lmArpa: null, lmUnit: 'word', lexicon: ['ab', 'a'] },
    );
    expect(decoder.decode(inside)[0].text).not.toBe('a.b');
  });
});
