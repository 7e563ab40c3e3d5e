/**
 * Tries, lexicons and n-gram models shared with other threads (share() on
 * SharedArrayBuffers, fromShared() there) answer exactly as the originals.
 * structuredClone stands in for postMessage: it shares SharedArrayBuffers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { BeamSearchDecoder } from './beam-search.js';
import { Lexicon } from './lexicon.js';
import { NgramLm } from './ngram-lm.js';
import { trainNgramLm } from './ngram-train.js';
import { TokenTrie } from './token-trie.js';
import { logSoftmax } from '../test/brute-force.js';

const letters = Alphabet.fromChars("_ 'abcdefgh");
const word = fc.stringMatching(/^[a-h']{1,6}$/);

describe('sharing with other threads', () => {
  it('a shared trie has the same nodes, ends and values, on shared memory, and cannot grow', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 5 }), { maxLength: 6 }), { maxLength: 80 }),
        fc.array(fc.array(fc.nat({ max: 5 }), { maxLength: 6 }), { maxLength: 30 }),
        (words, probes) => {
          const original = new TokenTrie(6);
          words.forEach((w, i) => original.insert(w, i % 2 ? `w${i}` : undefined));
          const walk = (trie: TokenTrie, p: number[]) => {
            let node = TokenTrie.ROOT;
            for (let i = 0; i < p.length && node >= 0; i++) node = trie.child(node, p[i]);
            return node < 0 ? null : [node, trie.isTerminal(node), trie.valueAt(node)];
          };
          const before = [...words, ...probes].map((p) => walk(original, p));
          const shared = TokenTrie.fromShared(structuredClone(original.share()));
          expect(shared.nodeCount).toBe(original.nodeCount);
          for (const trie of [original, shared])
            expect([...words, ...probes].map((p) => walk(trie, p))).toEqual(before);
          expect(original.share().childAt.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(() => shared.insert([6, 6, 6])).toThrow('shared with other threads');
          expect(() => original.extend(TokenTrie.ROOT, 7)).toThrow('shared with other threads');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a shared n-gram model scores every word after every history as the original', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(word, { maxLength: 4 }), { maxLength: 10 }),
        (sentences, order, queries) => {
          const lm = trainNgramLm(sentences, order);
          const arpa = lm.toArpa();
          const shared = NgramLm.fromShared(structuredClone(lm.share()));
          expect(shared.toArpa()).toBe(arpa);
          expect(shared.words()).toEqual(lm.words());
          for (const q of [...sentences, ...queries]) {
            expect(shared.sentenceLogProb(q)).toBe(lm.sentenceLogProb(q));
            let a = lm.initialState();
            let b = shared.initialState();
            for (const w of q) {
              const [ra, rb] = [lm.score(a, w), shared.score(b, w)];
              expect(rb).toEqual(ra);
              [a, b] = [ra.state, rb.state];
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a decoder over a shared lexicon and character LM decodes as one over the originals', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }).chain((T) =>
          fc.array(fc.double({ min: -4, max: 4, noNaN: true }), {
            minLength: T * letters.size,
            maxLength: T * letters.size,
          }),
        ),
        (words, logits) => {
          const T = logits.length / letters.size;
          const charLm = trainNgramLm(
            words.map((w) => [...w]),
            3,
          );
          const lexicon = new Lexicon(letters, words);
          const options = { beamWidth: 8, nbest: 3, lmUnit: 'char' as const, unkScoreOffset: -2 };
          const lp = logSoftmax(logits, T, letters.size);
          const before = new BeamSearchDecoder(letters, { ...options, lm: charLm, lexicon });
          const expected = before.decode(lp, T);
          const shared = new BeamSearchDecoder(letters, {
            ...options,
            lm: NgramLm.fromShared(structuredClone(charLm.share())),
            lexicon: Lexicon.fromShared(letters, structuredClone(lexicon.share())),
          });
          expect(shared.decode(lp, T)).toEqual(expected);
          expect(before.decode(lp, T)).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses tables that are not a shared model of its kind', () => {
    const lexicon = new Lexicon(letters, ['abc']);
    expect(() => Lexicon.fromShared(Alphabet.fromChars('_ab'), lexicon.share())).toThrow(
      'different alphabet',
    );
    const data = trainNgramLm([['a', 'b']], 2).share();
    expect(() => NgramLm.fromShared({ ...data, lp: data.lp.subarray(1) })).toThrow(
      'not the tables of a shared NgramLm',
    );
  });
});
