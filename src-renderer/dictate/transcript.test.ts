import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUtterance } from './spoken-commands';
import { editTranscript, emptyTranscript, shownWords, wordRanges } from './transcript';

const dictated = (text: string) =>
  applyUtterance(
    emptyTranscript,
    text.split(' ').map((word, i) => ({ word, start: i, end: i + 0.5, confidence: 0.5 + i / 100 })),
    false,
  );
const shown = (state: ReturnType<typeof dictated>) =>
  shownWords(state).map((w) => `${w.word}@${w.typed ? 'typed' : w.start}`);

describe('editing the transcript', () => {
  it('keeps the timings of the words the edit did not touch', () => {
    const state = editTranscript(dictated('one two three'), 'one and two three');
    expect(shown(state)).toEqual(['one@0', 'and@typed', 'two@1', 'three@2']);
  });

  it('drops deleted words from the words and every export', () => {
    expect(shown(editTranscript(dictated('one two three'), 'one three'))).toEqual([
      'one@0',
      'three@2',
    ]);
    const cleared = editTranscript(dictated('one two three'), '');
    expect(cleared.tokens).toEqual([]);
    expect(shownWords(cleared)).toEqual([]);
  });

  it('keeps the timing of a word corrected in place', () => {
    const state = editTranscript(dictated('the wrold is'), 'the world is');
    expect(shown(state)).toEqual(['the@0', 'world@1', 'is@2']);
    expect(shown(editTranscript(dictated('cat'), 'cats'))).toEqual(['cats@0']);
  });

  it('times typed words where they sit, next to the recognized ones', () => {
    const state = editTranscript(dictated('one two'), 'zero one two three');
    expect(shownWords(state).map((w) => [w.word, w.start, w.end, w.typed])).toEqual([
      ['zero', 0, 0, true],
      ['one', 0, 0.5, false],
      ['two', 1, 1.5, false],
      ['three', 1.5, 1.5, true],
    ]);
  });

  it('splitting or joining words leaves them typed, and phrases can no longer be scratched', () => {
    expect(shown(editTranscript(dictated('one two'), 'onetwo'))).toEqual(['onetwo@typed']);
    expect(editTranscript(dictated('one two'), 'one two').phraseStarts).toEqual([]);
  });

  it('keeps the words and the text in step for any edit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 8 }),
        (words, a, b, inserted) => {
          const before = words.length ? dictated(words.join(' ')) : emptyTranscript;
          const from = a % (before.text.length + 1);
          const to = from + (b % (before.text.length - from + 1));
          const text = before.text.slice(0, from) + inserted + before.text.slice(to);
          const after = editTranscript(before, text);
          expect(after.tokens.map(({ from, to }) => ({ from, to }))).toEqual(wordRanges(text));
          // words before the edit keep their timings
          for (const t of before.tokens.filter((t) => t.to < from)) {
            expect(after.tokens.find((u) => u.from === t.from)?.timing).toEqual(t.timing);
          }
          // every export word is in the text, in order
          expect(
            shownWords(after)
              .map((w) => w.word)
              .join(' '),
          ).toBe(text.split(/\s+/).filter(Boolean).join(' '));
        },
      ),
    );
  });
});
