import { describe, expect, it } from 'vitest';
import { inkWordsLexicon } from './ink-words-lexicon';

describe('the handwritten-words lexicon', () => {
  it('holds every training label once, sorted, without empty entries', () => {
    const words = inkWordsLexicon(['Zinfindale', 'Drive,', '', 'Zinfindale', '7']);
    expect(words).toEqual(expect.arrayContaining(['Zinfindale', 'Drive,', '7']));
    expect(words).not.toContain('');
    expect(new Set(words).size).toBe(words.length);
    expect(words).toEqual([...words].sort());
  });
});
