import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { BeamSearchDecoder, type BeamSearchOptions } from './beam-search.js';
import { trainNgramLm } from './ngram-train.js';
import { Vocabulary, type VocabularyEntry } from './vocabulary.js';
import {
  bestReading,
  labellingProbabilities,
  labellingText,
  logSoftmax,
} from '../test/brute-force.js';
import { framesFrom, spell } from '../test/frames.js';

const letters = Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz");
const exhaustive: BeamSearchOptions = {
  beamWidth: 100_000,
  beamPruneLogProb: -Infinity,
  tokenMinLogProb: -Infinity,
};

/** Words over {a, b}, 1-2 letters; entries of 1-2 such words, some weighted. */
const word = fc.stringMatching(/^[ab]{1,2}$/);
const entry: fc.Arbitrary<VocabularyEntry> = fc.record(
  {
    phrase: fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => ws.join(' ')),
    weight: fc.double({ min: -2, max: 2, noNaN: true }),
  },
  { requiredKeys: ['phrase'] },
);
const entries = fc.array(entry, { minLength: 1, maxLength: 4 });

describe('BeamSearchDecoder with a closed vocabulary', () => {
  it('finds the best allowed text, scored ln P(text) + best reading weight (brute force)', () => {
    const alphabet = new Alphabet(['_', ' ', 'a', 'b']);
    const V = 4;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((T) =>
          fc.record({
            T: fc.constant(T),
            logits: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
              minLength: T * V,
              maxLength: T * V,
            }),
            vocabulary: entries,
          }),
        ),
        ({ T, logits, vocabulary }) => {
          const lp = logSoftmax(logits, T, V);
          const byText = new Map<string, number>();
          for (const [key, p] of labellingProbabilities(lp, T, V, 0)) {
            const text = labellingText(key, ' ab');
            byText.set(text, (byText.get(text) ?? 0) + p);
          }
          const allowed = [...byText]
            .map(([text, p]) => [text, Math.log(p) + bestReading(text, vocabulary)] as const)
            .filter(([, score]) => score > -Infinity)
            .sort((a, b) => b[1] - a[1]);
          const nbest = new BeamSearchDecoder(alphabet, {
            ...exhaustive,
            nbest: 3,
            vocabulary,
            exactVocabularyLimit: 0, // the beam's own scores
          }).decode(lp, T);
          expect(nbest.length).toBe(Math.min(3, allowed.length));
          nbest.forEach((r, i) => {
            expect(r.score).toBeCloseTo(allowed[i][1], 9);
            // The text itself carries that score (ties may swap order).
            expect(r.score).toBeCloseTo(allowed.find(([text]) => text === r.text)![1], 9);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always answers, with sequences of entries only, whatever the beam prunes', () => {
    const phrase = fc
      .array(fc.stringMatching(/^[a-e]{1,4}$/), { minLength: 1, maxLength: 3 })
      .map((ws) => ws.join(' '));
    fc.assert(
      fc.property(
        fc.array(phrase, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (phrases, T, beamWidth, seed) => {
          // Random logits over blank, space and a-e, seeded.
          const V = letters.size;
          let s = seed;
          const logits = Array.from({ length: T * V }, () => {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            return ((s >>> 8) % 1000) / 150;
          });
          const nbest = new BeamSearchDecoder(letters, {
            beamWidth,
            nbest: 4,
            vocabulary: phrases,
          }).decode(logSoftmax(logits, T, V), T);
          const vocabulary = phrases.map((p) => ({ phrase: p }));
          expect(nbest.length).toBeGreaterThan(0); // there is always an answer
          for (const r of nbest) expect(bestReading(r.text, vocabulary)).toBeGreaterThan(-Infinity);
        },
      ),
      { numRuns: 200 },
    );
  });

  // "the cat zat": acoustics say zat, only sat and cat are allowed words.
  const nearMiss = framesFrom(letters, [
    ...spell('the cat '),
    { z: 0.5, s: 0.4 },
    { z: 0.5, s: 0.4 },
    '_',
    ...spell('at'),
  ]);

  it('turns a near-miss into allowed words; open decoding keeps it', () => {
    expect(new BeamSearchDecoder(letters).decode(nearMiss)[0].text).toBe('the cat zat');
    const closed = new BeamSearchDecoder(letters, { vocabulary: ['the', 'cat', 'sat'] });
    expect(closed.decode(nearMiss)[0].text).toBe('the cat sat');
  });

  it('keeps a phrase as a sequence: its words alone are not entries', () => {
    const frames = framesFrom(letters, spell('new york new'));
    const phraseOnly = new BeamSearchDecoder(letters, { vocabulary: ['new york'], nbest: 5 });
    const texts = phraseOnly.decode(frames).map((r) => r.text);
    // "new york new" ends inside the phrase: not allowed; the phrase alone is.
    expect(texts).not.toContain('new york new');
    expect(texts.every((t) => bestReading(t, [{ phrase: 'new york' }]) > -Infinity)).toBe(true);
    const both = new BeamSearchDecoder(letters, { vocabulary: ['new york', 'new'] });
    expect(both.decode(frames)[0].text).toBe('new york new');
  });

  it('still answers with entries when the speaker leaves a phrase half-way', () => {
    // "one five two": "five" is only an entry as part of "five three".
    const frames = framesFrom(letters, spell('one five two'));
    const vocabulary = ['one', 'five three', 'two'];
    const decoder = new BeamSearchDecoder(letters, { vocabulary, exactVocabularyLimit: 0 });
    // The beam fills with "one five t…", which cannot complete; "one" is kept
    // alongside as the best text that may end.
    expect(decoder.decode(frames).map((r) => r.text)).toEqual(['one']);
    // Scored exactly, the answer is still entries (the likelier of "one" and "five three").
    const exact = new BeamSearchDecoder(letters, { vocabulary }).decode(frames);
    expect(exact.length).toBeGreaterThan(0);
    const entries = vocabulary.map((phrase) => ({ phrase }));
    for (const r of exact) expect(bestReading(r.text, entries)).toBeGreaterThan(-Infinity);
  });

  it('weights move a close call, added once per entry produced', () => {
    const close = framesFrom(letters, ['_', { b: 0.5, p: 0.4 }, '_', ...spell('at')]);
    expect(
      new BeamSearchDecoder(letters, { vocabulary: ['bat', 'pat'] }).decode(close)[0].text,
    ).toBe('bat');
    const favoured = new BeamSearchDecoder(letters, {
      vocabulary: ['bat', { phrase: 'pat', weight: 1 }],
    }).decode(close)[0];
    expect(favoured.text).toBe('pat');
    expect(favoured.score).toBeCloseTo(favoured.acousticScore + 1, 9);
  });

  it('composes with a word LM and hotwords, which cannot bring in other words', () => {
    const lm = trainNgramLm([['the', 'cat', 'zat']], 2);
    const closed = new BeamSearchDecoder(letters, {
      vocabulary: ['the', 'cat', 'sat'],
      lm,
      hotwords: [{ phrase: 'zat', weight: 20 }],
    });
    expect(closed.decode(nearMiss)[0].text).toBe('the cat sat');
    // Within the vocabulary the hotword still rescores.
    const close = framesFrom(letters, ['_', { b: 0.5, p: 0.4 }, '_', ...spell('at')]);
    const hot = new BeamSearchDecoder(letters, { vocabulary: ['bat', 'pat'], hotwords: ['pat'] });
    expect(hot.decode(close)[0].text).toBe('pat');
  });

  it('streams: any chunking gives the same result as one call', () => {
    const V = letters.size;
    const whole = new BeamSearchDecoder(letters, { vocabulary: ['the', 'cat sat'] });
    const expected = whole.decode(nearMiss)[0];
    whole.begin();
    const T = nearMiss.length / V;
    for (let t = 0; t < T; t += 3)
      whole.step(nearMiss.subarray(t * V, Math.min(T, t + 3) * V), Math.min(3, T - t));
    const [chunked] = whole.end();
    expect(chunked.text).toBe(expected.text);
    expect(chunked.score).toBeCloseTo(expected.score, 9);
  });
});

describe('Vocabulary', () => {
  it('spells phrases with the delimiter, merges repeats keeping the largest weight', () => {
    const v = new Vocabulary(letters, [
      ' new   york ',
      { phrase: 'new york', weight: 2 },
      { phrase: 'cat', weight: -1 },
    ]);
    expect(v.size).toBe(2);
    expect(v.entries()).toEqual([
      { phrase: 'new york', weight: 2 },
      { phrase: 'cat', weight: -1 },
    ]);
    expect(v.maxWeight).toBe(2);
  });

  it('names the entry that is empty, unspellable or badly weighted', () => {
    expect(() => new Vocabulary(letters, ['cat', '  '])).toThrow(/vocabulary\[1\] is empty/);
    expect(() => new Vocabulary(letters, ['cat', 'Dog'])).toThrow(
      /vocabulary\[1\].*"D" at position 0 is not in the alphabet/,
    );
    expect(() => new Vocabulary(letters, [{ phrase: 'cat', weight: NaN }])).toThrow(
      /vocabulary\[0\]\.weight must be a finite number/,
    );
    const digits = Alphabet.fromChars('_0123456789');
    expect(() => new Vocabulary(digits, ['1 2'])).toThrow(/no word delimiter/);
    expect(() => new BeamSearchDecoder(letters, { vocabulary: 5 as never })).toThrow(
      /options.vocabulary must be/,
    );
  });
});
