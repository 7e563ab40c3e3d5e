import { describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from './result';
import {
  knownWords,
  listedWords,
  markSpelled,
  placeWords,
  unsureFields,
  unsureFlagger,
  unsureReasons,
} from './unsure-words';

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

  it('judges a word by its letters, the punctuation written around it aside', () => {
    const words = ['send.', '(Report,', '"please"', 'santo.', '?', 'forty-'].map((w, i) =>
      word(w, i),
    );
    expect(markSpelled(words, known).map((w) => w.spelled ?? false)).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(markSpelled([word('?', 0)], knownWords(['?'], []))[0]!.spelled).toBeUndefined();
  });

  it('takes a number written in digits as known (no word list lists numbers)', () => {
    const words = ['678', '3.5', '10:30,', '1,000', '2nd', '9o8'].map((w, i) => word(w, i));
    expect(markSpelled(words, known).map((w) => w.spelled ?? false)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('flags nothing for a model without a word list', () => {
    expect(knownWords(null, ['john'])).toBeNull();
    expect(markSpelled([word('santo', 0)], null)).toEqual([word('santo', 0)]);
  });
});

describe('listedWords', () => {
  it('takes vocabulary entries as said and as written, and the hotwords', () => {
    const listed = listedWords(
      [{ phrase: 'jon', written: 'John' }, { phrase: 'new york' }],
      ['iPhone'],
    );
    expect([...knownWords([], listed)!].sort()).toEqual(['iphone', 'john', 'jon', 'new', 'york']);
    expect(listedWords(null, [])).toEqual([]);
  });
});

describe('unsureReasons and unsureFields', () => {
  it('say low confidence (below LOW_CONFIDENCE) first, then spelled as heard', () => {
    expect(unsureReasons({ confidence: LOW_CONFIDENCE })).toEqual([]);
    expect(unsureReasons({ confidence: LOW_CONFIDENCE - 0.01 })).toEqual(['low-confidence']);
    expect(unsureReasons({ confidence: 0.95, spelled: true })).toEqual(['spelled-as-heard']);
    expect(unsureReasons({ confidence: 0.2, spelled: true })).toEqual([
      'low-confidence',
      'spelled-as-heard',
    ]);
  });

  it('give `why` only for an unsure word', () => {
    expect(unsureFields({ confidence: 0.9 })).toEqual({ unsure: false });
    expect(unsureFields({ confidence: 0.9, spelled: true })).toEqual({
      unsure: true,
      why: ['spelled-as-heard'],
    });
  });
});

describe('unsureFlagger', () => {
  const w = (text: string, confidence = 0.9) => word(text, 0, confidence);

  it('flags low confidence and words outside the dictionary, the vocabulary and the hotwords', () => {
    const flag = unsureFlagger(() => ['call', 'me'], [{ phrase: 'jon', written: 'John' }], ['now']);
    expect(flag([w('call'), w('John'), w('now'), w('me', 0.3), w('santo')])).toEqual([
      { ...w('call'), unsure: false },
      { ...w('John'), unsure: false },
      { ...w('now'), unsure: false },
      { ...w('me', 0.3), unsure: true, why: ['low-confidence'] },
      { ...w('santo'), unsure: true, why: ['spelled-as-heard'] },
    ]);
  });

  it('judges by confidence alone for a decoder without a word list', () => {
    const flag = unsureFlagger(() => null, null, []);
    expect(flag([w('santo'), w('x', 0.1)]).map((f) => f.unsure)).toEqual([false, true]);
  });

  it('reads the dictionary once, at its first call', () => {
    let reads = 0;
    const flag = unsureFlagger(() => (reads++, ['me']), null, []);
    expect(reads).toBe(0);
    flag([w('me')]);
    flag([w('you')]);
    expect(reads).toBe(1);
  });
});

describe('placeWords', () => {
  const ws = (...list: string[]) => list.map((text, i) => word(text, i));

  it("cuts the text into its words and the text's own spacing between them", () => {
    expect(placeWords(' call  me.', ws('call', 'me.'))).toEqual([
      { text: ' ' },
      { text: 'call', word: word('call', 0) },
      { text: '  ' },
      { text: 'me.', word: word('me.', 1) },
    ]);
  });

  it('finds each word after the one before, leaves out a word not in the text', () => {
    const pieces = placeWords('at cat at', ws('at', 'nope', 'cat', 'at'));
    expect(pieces.map((p) => [p.text, p.word?.start])).toEqual([
      ['at', 0],
      [' ', undefined],
      ['cat', 2],
      [' ', undefined],
      ['at', 3],
    ]);
    expect(placeWords('17', [])).toEqual([{ text: '17' }]);
    expect(placeWords('', [])).toEqual([]);
  });
});
