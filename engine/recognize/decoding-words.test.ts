import { describe, expect, it } from 'vitest';
import { arpaVocabulary, decodingWords } from './decoding-words';

const arpa = `\\data\\
ngram 1=4
ngram 2=1

\\1-grams:
-1.0\t<s>\t-0.3
-0.5\tyes\t-0.2
-0.6\tno
-1.0\t</s>

\\2-grams:
-0.1\tyes no

\\end\\
`;

describe('decodingWords', () => {
  it("is the lexicon, else a word LM's unigrams (without <s>, </s>), else null", () => {
    expect(arpaVocabulary(arpa)).toEqual(['yes', 'no']);
    expect(decodingWords({ lexicon: ['stop'], lmArpa: arpa, lmUnit: 'word' })).toEqual(['stop']);
    expect(decodingWords({ lexicon: null, lmArpa: arpa, lmUnit: 'word' })).toEqual(['yes', 'no']);
    // A character LM spells: it lists no words.
    expect(decodingWords({ lexicon: null, lmArpa: arpa, lmUnit: 'char' })).toBeNull();
    expect(decodingWords({ lexicon: null, lmArpa: null, lmUnit: 'word' })).toBeNull();
  });

  it('refuses text that is no ARPA model', () => {
    expect(() => arpaVocabulary('yes\nno\n')).toThrow(/not an ARPA language model/);
  });
});
