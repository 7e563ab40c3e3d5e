import { describe, expect, it } from 'vitest';
import { inverseNormalize, knownWords, markSpelled } from '../../engine/index';
import { applyUtterance } from './spoken-commands';
import { emptyTranscript, shownWords } from './transcript';

const word = (w: string, start: number, confidence = 0.9) => ({
  word: w,
  start,
  end: start + 0.3,
  confidence,
});

describe('words spelled as heard in a dictation', () => {
  it('keep their flag through digits and spoken commands into the shown words', () => {
    const known = knownWords(['send', 'forty'], []);
    const said = markSpelled([word('send', 0), word('forty', 1), word('santo', 2)], known);
    const shown = shownWords(applyUtterance(emptyTranscript, inverseNormalize(said), true));
    expect(shown.map((w) => [w.word, w.spelled ?? false])).toEqual([
      ['Send', false],
      ['40', false],
      ['santo', true],
    ]);
  });
});
