import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Alphabet } from './alphabet.js';
import { Lexicon } from './lexicon.js';
import { TokenTrie } from './token-trie.js';

/** The node where the tokens end, or -1. */
const walk = (trie: TokenTrie, tokens: readonly number[]) =>
  tokens.reduce((node, t) => (node < 0 ? -1 : trie.child(node, t)), TokenTrie.ROOT);

describe('Lexicon', () => {
  it('holds exactly the words the alphabet encodes, and skips the others', () => {
    const alphabets = [
      Alphabet.fromChars("_ 'abcAB"),
      new Alphabet(['_', ' ', 'a', 'b', 'ch', 'c', 'A']), // a two-character token
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...alphabets),
        fc.array(fc.stringMatching(/^[abchAB' _x]{0,7}$/), { maxLength: 40 }),
        (alphabet, words) => {
          const lexicon = new Lexicon(alphabet, words);
          const spelled = words.flatMap((w) => {
            if (w === '' || w.includes(' ')) return [];
            try {
              return [alphabet.encode(w)];
            } catch {
              return [];
            }
          });
          expect(lexicon.size).toBe(new Set(spelled.map((t) => t.join(','))).size);
          expect(lexicon.skipped.length).toBe(words.length - spelled.length);
          for (const tokens of spelled) {
            const node = walk(lexicon.trie, tokens);
            expect(node >= 0 && lexicon.trie.isTerminal(node)).toBe(true);
          }
          // Nothing else ends in the trie.
          const ends = (node: number): number =>
            (lexicon.trie.isTerminal(node) ? 1 : 0) +
            alphabet.tokens.reduce((n, _, t) => {
              const c = lexicon.trie.child(node, t);
              return c < 0 ? n : n + ends(c);
            }, 0);
          expect(ends(TokenTrie.ROOT)).toBe(new Set(spelled.map((t) => t.join(','))).size);
        },
      ),
      { numRuns: 200 },
    );
  });
});
