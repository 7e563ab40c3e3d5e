import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TokenTrie } from './token-trie.js';

describe('TokenTrie', () => {
  it('finds exactly the prefixes inserted, through many table growths', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((V) =>
            fc.tuple(
              fc.constant(V),
              fc.array(fc.array(fc.nat({ max: V - 1 }), { maxLength: 8 }), { maxLength: 300 }),
              fc.array(fc.array(fc.nat({ max: V - 1 }), { maxLength: 8 }), { maxLength: 50 }),
            ),
          ),
        ([V, words, probes]) => {
          const trie = new TokenTrie(V);
          const prefixes = new Set<string>(['']);
          const ends = new Map<string, string>();
          for (const w of words) {
            trie.insert(w, w.join(','));
            for (let i = 1; i <= w.length; i++) prefixes.add(w.slice(0, i).join(','));
            ends.set(w.join(','), w.join(','));
          }
          expect(trie.nodeCount).toBe(prefixes.size);
          for (const p of [...words, ...probes]) {
            let node = TokenTrie.ROOT;
            for (let i = 0; i < p.length && node >= 0; i++) node = trie.child(node, p[i]);
            const key = p.join(',');
            expect(node >= 0).toBe(prefixes.has(key));
            if (node >= 0) {
              expect(trie.isTerminal(node)).toBe(ends.has(key));
              expect(trie.valueAt(node)).toBe(ends.get(key));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('extend returns the existing child, or a new node that is not terminal', () => {
    const trie = new TokenTrie(3);
    const a = trie.extend(TokenTrie.ROOT, 2);
    expect(trie.extend(TokenTrie.ROOT, 2)).toBe(a);
    expect(trie.isTerminal(a)).toBe(false);
    expect(trie.child(a, 0)).toBe(-1);
    expect(trie.insert([2])).toBe(a);
    expect(trie.isTerminal(a)).toBe(true);
  });
});
