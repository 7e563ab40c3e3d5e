import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { BeamSearchDecoder } from './beam-search.js';
import { EntryScorer } from './entry-scorer.js';
import { logAddExp } from './log-math.js';
import { Vocabulary, type VocabularyEntry } from './vocabulary.js';
import {
  bestReading,
  labellingProbabilities,
  labellingText,
  logSoftmax,
} from '../test/brute-force.js';
import { framesFrom, spell } from '../test/frames.js';

const tiny = new Alphabet(['_', ' ', 'a', 'b']);
const V = tiny.size;

/** ln P(text | frames) for every text, by enumerating all V^T frame paths. */
function textLogProbs(lp: Float64Array, T: number): Map<string, number> {
  const byText = new Map<string, number>();
  for (const [key, p] of labellingProbabilities(lp, T, V, 0)) {
    const text = labellingText(key, ' ab');
    byText.set(text, (byText.get(text) ?? 0) + p);
  }
  return new Map([...byText].map(([text, p]) => [text, Math.log(p)]));
}

const word = fc.stringMatching(/^[ab]{1,3}$/);
const entry: fc.Arbitrary<VocabularyEntry> = fc.record({
  phrase: fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => ws.join(' ')),
  weight: fc.double({ min: -2, max: 2, noNaN: true }),
});
const problem = fc.integer({ min: 1, max: 6 }).chain((T) =>
  fc.record({
    T: fc.constant(T),
    logits: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
      minLength: T * V,
      maxLength: T * V,
    }),
    vocabulary: fc.array(entry, { minLength: 1, maxLength: 4 }),
  }),
);

describe('EntryScorer', () => {
  it('scores each entry alone as the sum over all alignments of all its readings (brute force)', () => {
    fc.assert(
      fc.property(problem, ({ T, logits, vocabulary }) => {
        const lp = logSoftmax(logits, T, V);
        const truth = textLogProbs(lp, T);
        const scorer = new EntryScorer(new Vocabulary(tiny, vocabulary), tiny.blank);
        for (let t = 0; t < T; t++) scorer.advance(lp, t * V);
        for (const s of scorer.scores()) {
          const expected = truth.get(s.phrase) ?? -Infinity;
          if (expected === -Infinity) expect(s.logLikelihood).toBe(-Infinity);
          else expect(s.logLikelihood).toBeCloseTo(expected, 9);
        }
        expect(scorer.emptyLogLikelihood()).toBeCloseTo(truth.get('')!, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a masked token no path', () => {
    const frames = framesFrom(tiny, spell('ab'));
    const scorer = new EntryScorer(new Vocabulary(tiny, ['ab', 'a']), tiny.blank);
    const mask = Uint8Array.from([1, 1, 1, 0]);
    for (let t = 0; t < frames.length / V; t++) scorer.advance(frames, t * V, mask);
    const [ab, a] = scorer.scores();
    expect(ab.logLikelihood).toBe(-Infinity);
    expect(a.logLikelihood).toBeGreaterThan(-Infinity);
  });
});

describe('BeamSearchDecoder scoring a closed vocabulary exactly', () => {
  it('with every text proposed, picks the best non-empty allowed text with its posterior (brute force)', () => {
    fc.assert(
      fc.property(problem, ({ T, logits, vocabulary }) => {
        const lp = logSoftmax(logits, T, V);
        const allowed = [...textLogProbs(lp, T)]
          .map(([text, ll]) => [text, ll + bestReading(text, vocabulary)] as const)
          .filter(([, score]) => score > -Infinity);
        const total = allowed.reduce((acc, [, score]) => logAddExp(acc, score), -Infinity);
        const answers = allowed.filter(([text]) => text !== '').sort((a, b) => b[1] - a[1]);
        const nbest = new BeamSearchDecoder(tiny, {
          beamWidth: 100_000,
          beamPruneLogProb: -Infinity,
          tokenMinLogProb: -Infinity,
          nbest: 3,
          vocabulary,
        }).decode(lp, T);
        if (answers.length === 0) return; // nothing but silence fits: the beam's answer stands
        expect(nbest.length).toBe(Math.min(3, answers.length));
        nbest.forEach((r, i) => {
          expect(r.score).toBeCloseTo(answers[i][1], 9);
          expect(r.score).toBeCloseTo(answers.find(([text]) => text === r.text)![1], 9);
          expect(r.posterior!).toBeCloseTo(Math.exp(r.score - total), 9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('answers at least as well as scoring each entry alone, whatever the beam prunes', () => {
    fc.assert(
      fc.property(
        problem,
        fc.integer({ min: 1, max: 3 }),
        ({ T, logits, vocabulary }, beamWidth) => {
          const lp = logSoftmax(logits, T, V);
          const truth = textLogProbs(lp, T);
          const bestAlone = Math.max(
            ...vocabulary.map(
              (e) => (truth.get(e.phrase) ?? -Infinity) + bestReading(e.phrase, vocabulary),
            ),
          );
          const [best] = new BeamSearchDecoder(tiny, { beamWidth, vocabulary }).decode(lp, T);
          if (bestAlone === -Infinity) return;
          expect(bestReading(best.text, vocabulary)).toBeGreaterThan(-Infinity);
          expect(best.score).toBeGreaterThanOrEqual(bestAlone - 1e-9);
          expect(best.score).toBeCloseTo(
            truth.get(best.text)! + bestReading(best.text, vocabulary),
            9,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  const letters = Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz");

  it('finds a word the beam loses: the frames favour no text of the list at any prefix', () => {
    // "yes" said unclearly: every frame's letters are unlikely, the blank likely.
    const faint = framesFrom(letters, [
      '_',
      { _: 0.8, y: 0.05, j: 0.1 },
      '_',
      { _: 0.8, e: 0.05, a: 0.1 },
      '_',
      { _: 0.8, s: 0.05, z: 0.1 },
      '_',
    ]);
    const vocabulary = ['yes', 'no', 'stop'];
    const beam = new BeamSearchDecoder(letters, { vocabulary, exactVocabularyLimit: 0 });
    expect(beam.decode(faint).map((r) => r.text)).toEqual(['']);
    const [exact] = new BeamSearchDecoder(letters, { vocabulary, nbest: 3 }).decode(faint);
    expect(exact.text).toBe('yes');
    expect(exact.words.map((w) => w.word)).toEqual(['yes']);
    // Most of the mass is on "nothing said": the answer is marked unsure.
    expect(exact.posterior!).toBeLessThan(0.5);
  });

  it('still reads sequences of entries, with timings, and a posterior near 1 when clear', () => {
    const frames = framesFrom(letters, spell('the cat sat'));
    const [r] = new BeamSearchDecoder(letters, { vocabulary: ['the', 'cat', 'sat'] }).decode(
      frames,
    );
    expect(r.text).toBe('the cat sat');
    expect(r.words.map((w) => w.word)).toEqual(['the', 'cat', 'sat']);
    expect(r.words[0].startFrame).toBeLessThan(r.words[2].startFrame);
    expect(r.posterior!).toBeGreaterThan(0.9);
  });

  it('leaves the beam alone with an LM, a lexicon or hotwords, or above the limit', () => {
    const frames = framesFrom(letters, spell('cat'));
    const posteriorOf = (options: ConstructorParameters<typeof BeamSearchDecoder>[1]) =>
      new BeamSearchDecoder(letters, { vocabulary: ['cat', 'sat'], ...options }).decode(frames)[0]
        .posterior;
    expect(posteriorOf({})).toBeGreaterThan(0.5);
    expect(posteriorOf({ hotwords: ['cat'] })).toBeUndefined();
    expect(posteriorOf({ lexicon: ['cat', 'sat'] })).toBeUndefined();
    expect(posteriorOf({ exactVocabularyLimit: 3 })).toBeUndefined();
  });
});
