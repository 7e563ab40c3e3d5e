import { describe, expect, it } from 'vitest';
import { inverseNormalize } from '../../engine/index';
import { applyUtterance } from './spoken-commands';
import { knownWords, markSpelled } from './spelled-words';
import { emptyTranscript, shownWords } from './transcript';

const word = (w: string, start: number, confidence = 0.9) => ({
  word: w,
  start,
  end: start + 0.3,
  confidence,
});

describe('markSpelled', () => {
  const known = knownWords(['please', 'send', 'forty', 'Report'], ['John', 'new york']);

  it('flags the words outside the dictionary, the vocabulary and the hotwords, in any case', () => {
    const words = [word('Please', 0), word('santo', 1), word('john', 2), word('york', 3)];
    expect(markSpelled(words, known).map((w) => w.spelled ?? false)).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(markSpelled([word('report', 0)], known)[0]!.spelled).toBeUndefined();
  });

  it('flags nothing for a model without a word list', () => {
    expect(knownWords(null, ['john'])).toBeNull();
    expect(markSpelled([word('santo', 0)], null)).toEqual([word('santo', 0)]);
  });

  it('keeps the flag through digits and spoken commands into the shown words', () => {
    const said = markSpelled([word('send', 0), word('forty', 1), word('santo', 2)], known);
    const shown = shownWords(applyUtterance(emptyTranscript, inverseNormalize(said), true));
    expect(shown.map((w) => [w.word, w.spelled ?? false])).toEqual([
      ['Send', false],
      ['40', false],
      ['santo', true],
    ]);
  });
});
