import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { BeamSearchDecoder, type BeamSearchOptions } from './beam-search.js';
import { Lexicon } from './lexicon.js';
import { greedyDecode } from './greedy.js';
import { trainNgramLm } from './ngram-train.js';
import { labellingProbabilities, labellingText, logSoftmax } from '../test/brute-force.js';
import { framesFrom, spell } from '../test/frames.js';

const letters = Alphabet.fromChars("_ 'abcdefghijklmnopqrstuvwxyz");

/** An exhaustive decoder: nothing is ever pruned. */
const exhaustive: BeamSearchOptions = {
  beamWidth: 100_000,
  beamPruneLogProb: -Infinity,
  tokenMinLogProb: -Infinity,
};

const tiny = fc
  .record({ T: fc.integer({ min: 1, max: 5 }), V: fc.integer({ min: 2, max: 4 }) })
  .chain(({ T, V }) =>
    fc.record({
      T: fc.constant(T),
      V: fc.constant(V),
      logits: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
        minLength: T * V,
        maxLength: T * V,
      }),
    }),
  );

describe('BeamSearchDecoder without LM', () => {
  it('finds the most probable labelling and its exact probability (brute force)', () => {
    fc.assert(
      fc.property(tiny, ({ T, V, logits }) => {
        const alphabet = new Alphabet(['_', 'a', 'b', 'c'].slice(0, V));
        const lp = logSoftmax(logits, T, V);
        const truth = [...labellingProbabilities(lp, T, V, 0)].sort((a, b) => b[1] - a[1]);
        const nbest = new BeamSearchDecoder(alphabet, { ...exhaustive, nbest: 4 }).decode(lp, T);
        expect(nbest.length).toBe(Math.min(4, truth.length));
        nbest.forEach((r, i) => {
          expect(Math.exp(r.score)).toBeCloseTo(truth[i][1], 9);
          const labels = r.tokens.map((x) => x.token).join(',');
          // The labelling itself must carry that probability (ties may swap order).
          expect(Math.exp(r.score)).toBeCloseTo(truth.find(([key]) => key === labels)![1], 9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('with a word delimiter, ranks texts by their total probability (brute force)', () => {
    fc.assert(
      fc.property(tiny, ({ T, V, logits }) => {
        // V = 2 has only the delimiter (every text is ""), 3 adds 'a', 4 adds 'b'.
        const alphabet = new Alphabet(['_', ' ', 'a', 'b'].slice(0, V));
        const lp = logSoftmax(logits, T, V);
        const truth = new Map<string, number>();
        for (const [key, p] of labellingProbabilities(lp, T, V, 0)) {
          const text = labellingText(key, ' ab');
          truth.set(text, (truth.get(text) ?? 0) + p);
        }
        const ranked = [...truth].sort((a, b) => b[1] - a[1]);
        const nbest = new BeamSearchDecoder(alphabet, { ...exhaustive, nbest: 3 }).decode(lp, T);
        expect(nbest.length).toBe(Math.min(3, ranked.length));
        nbest.forEach((r, i) => {
          expect(Math.exp(r.score)).toBeCloseTo(ranked[i][1], 9);
          expect(Math.exp(r.score)).toBeCloseTo(truth.get(r.text)!, 9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a delimiter score weighs each delimiter that ends a word (brute force)', () => {
    fc.assert(
      fc.property(tiny, fc.double({ min: -3, max: 3, noNaN: true }), ({ T, V, logits }, score) => {
        const alphabet = new Alphabet(['_', ' ', 'a', 'b'].slice(0, V));
        const lp = logSoftmax(logits, T, V);
        const truth = new Map<string, number>();
        for (const [key, p] of labellingProbabilities(lp, T, V, 0)) {
          const labels = key === '' ? [] : key.split(',').map(Number);
          // Delimiters (label 1) right after a letter end a word; the others add no text.
          const ends = labels.filter((k, i) => k === 1 && i > 0 && labels[i - 1] !== 1).length;
          const text = labellingText(key, ' ab');
          truth.set(text, (truth.get(text) ?? 0) + p * Math.exp(score * ends));
        }
        const ranked = [...truth].sort((a, b) => b[1] - a[1]);
        const decoder = new BeamSearchDecoder(alphabet, {
          ...exhaustive,
          nbest: 3,
          delimiterScore: score,
        });
        decoder.decode(lp, T).forEach((r, i) => {
          expect(Math.exp(r.score)).toBeCloseTo(ranked[i][1], 9);
          expect(Math.exp(r.score)).toBeCloseTo(truth.get(r.text)!, 9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a mixed-case score weighs each word mixing cases outside the lexicon (brute force)', () => {
    // Letters a and A, a delimiter; every frame-level path of up to 6 frames.
    const cased = fc.integer({ min: 1, max: 6 }).chain((T) =>
      fc.record({
        T: fc.constant(T),
        logits: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
          minLength: T * 4,
          maxLength: T * 4,
        }),
        lexicon: fc.subarray(['a', 'A', 'aA', 'Aa', 'AA', 'aAa', 'AAa']),
        unk: fc.double({ min: -3, max: 0, noNaN: true }),
        mixed: fc.double({ min: -4, max: 1, noNaN: true }),
      }),
    );
    const oneCase = /^(a+|Aa*|A+)$/;
    fc.assert(
      fc.property(cased, ({ T, logits, lexicon, unk, mixed }) => {
        const alphabet = new Alphabet(['_', ' ', 'a', 'A']);
        const lp = logSoftmax(logits, T, 4);
        const truth = new Map<string, number>();
        for (const [key, p] of labellingProbabilities(lp, T, 4, 0)) {
          const text = labellingText(key, ' aA');
          const words = text.split(' ').filter(Boolean);
          const unknown = lexicon.length === 0 ? [] : words.filter((w) => !lexicon.includes(w));
          const scored = (lexicon.length === 0 ? words : unknown).filter((w) => !oneCase.test(w));
          const weight = Math.exp(unk * unknown.length + mixed * scored.length);
          truth.set(text, (truth.get(text) ?? 0) + p * weight);
        }
        const ranked = [...truth].sort((a, b) => b[1] - a[1]);
        const decoder = new BeamSearchDecoder(alphabet, {
          ...exhaustive,
          nbest: 3,
          lexicon: lexicon.length === 0 ? null : lexicon,
          unkScoreOffset: unk,
          mixedCaseScore: mixed,
        });
        decoder.decode(lp, T).forEach((r, i) => {
          expect(Math.exp(r.score)).toBeCloseTo(ranked[i][1], 9);
          expect(Math.exp(r.score)).toBeCloseTo(truth.get(r.text)!, 9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('equals greedy decoding at beam width 1 on peaky inputs (max probability >= 0.9)', () => {
    // With one prefix the beam picks, per frame, between staying and extending;
    // when one token holds >= 0.9 of the mass that choice is the arg-max path.
    const peaky = fc
      .record({ T: fc.integer({ min: 1, max: 40 }), V: fc.integer({ min: 2, max: 6 }) })
      .chain(({ T, V }) =>
        fc.record({
          T: fc.constant(T),
          V: fc.constant(V),
          top: fc.array(fc.integer({ min: 0, max: V - 1 }), { minLength: T, maxLength: T }),
          rest: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), {
            minLength: T * V,
            maxLength: T * V,
          }),
        }),
      );
    fc.assert(
      fc.property(peaky, ({ T, V, top, rest }) => {
        const lp = new Float32Array(T * V);
        for (let t = 0; t < T; t++) {
          let others = 0;
          for (let k = 0; k < V; k++) if (k !== top[t]) others += rest[t * V + k];
          for (let k = 0; k < V; k++) {
            lp[t * V + k] = Math.log(k === top[t] ? 0.92 : (0.08 * rest[t * V + k]) / others);
          }
        }
        const alphabet = new Alphabet(['_', 'a', 'b', 'c', 'd', 'e'].slice(0, V));
        const greedy = greedyDecode(lp, T, V);
        const [beam] = new BeamSearchDecoder(alphabet, { beamWidth: 1 }).decode(lp, T);
        expect(beam.tokens.map((x) => x.token)).toEqual(greedy.tokens);
        expect(beam.tokens.map((x) => x.frame)).toEqual(greedy.frames);
      }),
      { numRuns: 200 },
    );
  });

  it('gives timestamps at each token peak, word spans and confidences', () => {
    const lp = framesFrom(letters, [
      '_',
      { a: 0.6 },
      { a: 0.9 },
      { a: 0.7 },
      '_',
      { ' ': 0.8 },
      '_',
      { b: 0.95 },
      '_',
    ]);
    const [r] = new BeamSearchDecoder(letters).decode(lp);
    expect(r.text).toBe('a b');
    expect(r.tokens.map((x) => [x.text, x.frame, x.startFrame, x.endFrame])).toEqual([
      ['a', 2, 1, 3],
      [' ', 5, 5, 5],
      ['b', 7, 7, 7],
    ]);
    expect(r.words.map((w) => [w.word, w.startFrame, w.endFrame])).toEqual([
      ['a', 1, 3],
      ['b', 7, 7],
    ]);
    expect(r.words[0].confidence).toBeCloseTo(0.9, 5);
    expect(r.words[1].confidence).toBeCloseTo(0.95, 5);
  });

  it('restricts output to allowed tokens (a charset mask)', () => {
    const alphabet = Alphabet.fromChars('_0123456789lo');
    const lp = framesFrom(alphabet, ['_', { l: 0.6, '1': 0.3 }, '_', { o: 0.5, '0': 0.4 }, '_']);
    const decoder = new BeamSearchDecoder(alphabet);
    expect(decoder.decode(lp)[0].text).toBe('lo');
    decoder.setAllowedTokens(alphabet.mask('0123456789'));
    expect(decoder.decode(lp)[0].text).toBe('10');
    const masked = new BeamSearchDecoder(alphabet, { allowedTokens: alphabet.mask('0123456789') });
    expect(masked.decode(lp)[0].text).toBe('10');
  });
});

describe('BeamSearchDecoder with LM, lexicon and hotwords', () => {
  // "the kat sat": 'k' is slightly more likely than 'c' acoustically.
  const ambiguous = framesFrom(letters, [
    ...spell('the '),
    { k: 0.5, c: 0.4 },
    '_',
    ...spell('at sat'),
  ]);
  const lm = trainNgramLm(
    ['the cat sat', 'the cat sat on the mat', 'a cat sat', 'the dog sat'].map((s) => s.split(' ')),
    3,
  );

  it('acoustics alone pick the near-miss', () => {
    expect(new BeamSearchDecoder(letters).decode(ambiguous)[0].text).toBe('the kat sat');
  });

  it('a word LM moves the result to the likely sentence', () => {
    expect(new BeamSearchDecoder(letters, { lm, alpha: 1 }).decode(ambiguous)[0].text).toBe(
      'the cat sat',
    );
  });

  it('a character LM does too', () => {
    const charLm = trainNgramLm(
      ['the cat sat', 'a cat', 'cats'].map((s) =>
        Array.from(s).map((c) => (c === ' ' ? '<space>' : c)),
      ),
      4,
    );
    const decoder = new BeamSearchDecoder(letters, {
      lm: charLm,
      lmUnit: 'char',
      alpha: 1,
      beta: 0,
    });
    expect(decoder.decode(ambiguous)[0].text).toBe('the cat sat');
  });

  it('a character LM of single words (no <space>) ends a word at a delimiter, as at the end', () => {
    // Each word its own sentence, as a handwriting word list's spelling LM.
    const wordsLm = trainNgramLm(
      ['the', 'cat', 'sat', 'thecat'].map((w) => Array.from(w)),
      4,
    );
    expect(wordsLm.hasWord('<space>')).toBe(false);
    const decoder = new BeamSearchDecoder(letters, {
      lm: wordsLm,
      lmUnit: 'char',
      alpha: 1,
      beta: 0,
    });
    const best = decoder.decode(framesFrom(letters, spell('the cat sat')))[0];
    expect(best.text).toBe('the cat sat');
    // Each word scored from the sentence start to its </s>: '<space>' is never an <unk>.
    const spelled = (word: string) => wordsLm.sentenceLogProb(Array.from(word));
    const lmScore = spelled('the') + spelled('cat') + spelled('sat');
    expect(best.score - best.acousticScore).toBeCloseTo(lmScore, 6);
    // A trailing delimiter ends the last word once, not twice.
    const trailing = decoder.decode(framesFrom(letters, spell('the cat sat ')))[0];
    expect(trailing.text).toBe('the cat sat');
    expect(trailing.score - trailing.acousticScore).toBeCloseTo(lmScore, 6);
  });

  it('a constrained lexicon only produces lexicon words; open mode favours them', () => {
    const lexicon = ['the', 'cat', 'sat'];
    const constrained = new BeamSearchDecoder(letters, { lexicon, lexiconMode: 'constrained' });
    expect(constrained.decode(ambiguous)[0].text).toBe('the cat sat');
    const open = new BeamSearchDecoder(letters, { lexicon, unkScoreOffset: -3 });
    expect(open.decode(ambiguous)[0].text).toBe('the cat sat');
    // Open mode still writes an unknown word when the acoustics are clear.
    const clear = framesFrom(letters, spell('the zat'));
    expect(open.decode(clear)[0].text).toBe('the zat');
    expect(constrained.decode(clear)[0]?.text).not.toBe('the zat');
    // Nothing spellable from the lexicon at all: the empty text rather than a wrong word.
    const only = new BeamSearchDecoder(letters, { lexicon: ['q'], lexiconMode: 'constrained' });
    expect(only.decode(clear).map((r) => r.text)).toEqual(['']);
  });

  it('lexicon words keep their lexicon standing with punctuation attached', () => {
    const written = Alphabet.fromChars('_ \'acdeimost,."(');
    const lexicon = ['said', 'tom', "it's"];
    const lexiconPunctuation = { leading: '"(', trailing: ',."\'' };
    const decode = (text: string, options: BeamSearchOptions) =>
      new BeamSearchDecoder(written, { lexicon, ...options })
        .decode(framesFrom(written, spell(text)))
        .map((r) => r.text);
    // Constrained: the marks are allowed around lexicon words only.
    const constrained: BeamSearchOptions = { lexiconMode: 'constrained', lexiconPunctuation };
    expect(decode('"tom said, it\'s.', constrained)[0]).toBe('"tom said, it\'s.');
    expect(decode('(said." tom', constrained)[0]).toBe('(said." tom');
    expect(decode('said,', { lexiconMode: 'constrained' })[0]).not.toBe('said,');
    expect(decode('sa,id', constrained)[0]).not.toBe('sa,id'); // not inside a word
    expect(decode(', tom', constrained)[0]).not.toBe(', tom'); // not a word of its own
    // Open mode: no out-of-lexicon penalty for the marks (scores equal up to the acoustics).
    const [plain] = new BeamSearchDecoder(written, { lexicon, unkScoreOffset: -8 }).decode(
      framesFrom(written, spell('said,')),
    );
    const [marked] = new BeamSearchDecoder(written, {
      lexicon,
      unkScoreOffset: -8,
      lexiconPunctuation,
    }).decode(framesFrom(written, spell('said,')));
    expect(plain.text).toBe('said,');
    expect(marked.score - plain.score).toBeCloseTo(8, 6);
    expect(() => new BeamSearchDecoder(written, { lexiconPunctuation: { trailing: '!' } })).toThrow(
      /'!' is not a token/,
    );
  });

  it('builds a lexicon from the words the alphabet can spell', () => {
    const lexicon = new Lexicon(letters, ['cat', 'Dog', 'x y', '', "it's"]);
    expect(lexicon.size).toBe(2);
    expect(lexicon.skipped).toEqual(['Dog', 'x y', '']);
  });

  it('a hotword turns the near-miss into the hotword, only as a whole word', () => {
    const decoder = new BeamSearchDecoder(letters, { hotwords: ['cat'] });
    expect(decoder.decode(ambiguous)[0].text).toBe('the cat sat');
    const longer = framesFrom(letters, [
      ...spell('the '),
      { k: 0.5, c: 0.4 },
      '_',
      ...spell('ats'),
    ]);
    expect(decoder.decode(longer)[0].text).toBe('the kats');
    const phrase = new BeamSearchDecoder(letters, { hotwords: [{ phrase: 'kat sad', weight: 8 }] });
    expect(phrase.decode(ambiguous)[0].text).toBe('the kat sat');
    const phrase2 = new BeamSearchDecoder(letters, {
      hotwords: [{ phrase: 'cat sat', weight: 8 }],
    });
    expect(phrase2.decode(ambiguous)[0].text).toBe('the cat sat');
  });

  it('a mixed-case score keeps a word in one case, runs of letters judged apart', () => {
    const cased = Alphabet.fromChars("_ -'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    // "TAKE" with an A that looks as much like a small one.
    const take = framesFrom(cased, [
      '_',
      'T',
      'T',
      '_',
      { a: 0.5, A: 0.4 },
      '_',
      'K',
      '_',
      'E',
      '_',
    ]);
    expect(new BeamSearchDecoder(cased).decode(take)[0].text).toBe('TaKE');
    const consistent = new BeamSearchDecoder(cased, { mixedCaseScore: -5 });
    expect(consistent.decode(take)[0].text).toBe('TAKE');
    // Each run of letters is lower, Capitalised or in capitals: no score.
    for (const word of ['Coca-Cola', "ISN'T", "isn't", 'X-ray']) {
      const [plain] = new BeamSearchDecoder(cased).decode(framesFrom(cased, spell(word)));
      const [scored] = consistent.decode(framesFrom(cased, spell(word)));
      expect(scored.text).toBe(word);
      expect(scored.score).toBeCloseTo(plain.score, 9);
    }
    // The lexicon's and the hotwords' spellings are never scored as mixed.
    const mcd = framesFrom(cased, spell('McDonald'));
    const [unknown] = consistent.decode(mcd);
    expect(unknown.score - unknown.acousticScore).toBeCloseTo(-5, 6);
    for (const known of [
      new BeamSearchDecoder(cased, { mixedCaseScore: -5, lexicon: ['McDonald'] }),
      new BeamSearchDecoder(cased, {
        mixedCaseScore: -5,
        hotwords: [{ phrase: 'McDonald', weight: 0 }],
      }),
    ]) {
      const [r] = known.decode(mcd);
      expect(r.text).toBe('McDonald');
      expect(r.score - r.acousticScore).toBeCloseTo(0, 6);
    }
  });

  it('streams: any chunking gives the same result as one call; partial() is the running best', () => {
    const options: BeamSearchOptions = { lm, alpha: 0.8, hotwords: ['mat'], nbest: 3 };
    const whole = new BeamSearchDecoder(letters, options).decode(ambiguous);
    const T = ambiguous.length / letters.size;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }),
        (sizes) => {
          const decoder = new BeamSearchDecoder(letters, options);
          decoder.begin();
          let t = 0;
          for (let i = 0; t < T; i++) {
            const n = Math.min(sizes[i % sizes.length], T - t);
            decoder.step(ambiguous.subarray(t * letters.size, (t + n) * letters.size), n);
            t += n;
            expect(typeof decoder.partial().text).toBe('string');
          }
          expect(decoder.end()).toEqual(whole);
        },
      ),
      { numRuns: 50 },
    );
    const decoder = new BeamSearchDecoder(letters, options);
    decoder.begin();
    decoder.step(ambiguous.subarray(0, 9 * letters.size));
    expect(decoder.partial().text).toBe('the');
  });
});

describe('BeamSearchDecoder validation', () => {
  it('names the argument and the expected shape', () => {
    const d = new BeamSearchDecoder(letters);
    expect(() => d.step(new Float32Array(29))).toThrow(/begin\(\)/);
    expect(() => d.decode(new Float32Array(30))).toThrow(/not a whole number of frames of V=29/);
    expect(() => d.decode([0] as unknown as Float32Array, 1)).toThrow(TypeError);
    expect(() => d.decode(new Float32Array(30), 1)).toThrow(/V=29 \(alphabet size\)/);
    const nan = new Float32Array(29).fill(-3);
    nan[3] = NaN;
    expect(() => d.decode(nan)).toThrow(/logProbs\[3\]/);
    expect(() => new BeamSearchDecoder(letters, { beamWidth: 0 })).toThrow(/options.beamWidth/);
    expect(() => new BeamSearchDecoder(letters, { lexiconMode: 'constrained' })).toThrow(/lexicon/);
    expect(() => new BeamSearchDecoder(letters, { hotwords: ['Cat'] })).toThrow(/hotwords\[0\]/);
    expect(() => new BeamSearchDecoder({} as Alphabet)).toThrow(/Alphabet/);
  });
});
