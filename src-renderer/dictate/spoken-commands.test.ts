import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUtterance, SPOKEN_COMMANDS } from './spoken-commands';
import { editTranscript, emptyTranscript, shownWords, wordRanges } from './transcript';

const timed = (words: string[]) =>
  words.map((word, i) => ({ word, start: i, end: i + 0.5, confidence: 0.9 }));
const say = (text: string, state = emptyTranscript, commands = true) =>
  applyUtterance(state, timed(text.split(' ')), commands);

describe('spoken commands', () => {
  it('types words with single spaces and capitalises the first one', () => {
    expect(say('hello world').text).toBe('Hello world');
  });

  it('turns punctuation words into marks attached to the previous word', () => {
    expect(say('yes comma i think so question mark ok period').text).toBe('Yes, i think so? Ok.');
  });

  it('starts lines and paragraphs without stray spaces', () => {
    expect(say('one new line two new paragraph three').text).toBe('One\nTwo\n\nThree');
  });

  it('"scratch that" deletes the phrase just dictated, then earlier ones', () => {
    const first = say('keep this');
    const second = say('drop this', first);
    expect(second.text).toBe('Keep this drop this');
    expect(applyUtterance(second, timed(['scratch', 'that']), true).text).toBe('Keep this');
    expect(say('scratch that scratch that', second).text).toBe('');
  });

  it('"scratch that" mid-utterance removes only the words since the last break', () => {
    expect(say('dear sir new line wrong words scratch that right words').text).toBe(
      'Dear sir\nRight words',
    );
  });

  it('types the command words literally when commands are off', () => {
    expect(say('new line period', emptyTranscript, false).text).toBe('new line period');
  });

  it('matches commands whatever their case or trailing punctuation', () => {
    expect(say('hi PERIOD New Line there').text).toBe('Hi.\nThere');
  });

  it('continues a transcript the user edited, without scratching into it', () => {
    const edited = editTranscript(say('mine'), 'My own text');
    expect(say('scratch that more', edited).text).toBe('My own text more');
  });
});

describe('spoken commands and word timings', () => {
  it('gives each shown word the timing of the word it was said as; marks join the word before', () => {
    const state = say('hello world period new line next');
    expect(shownWords(state).map((w) => [w.word, w.start, w.end])).toEqual([
      ['Hello', 0, 0.5],
      ['world.', 1, 2.5],
      ['Next', 5, 5.5],
    ]);
  });

  it('drops the timings of scratched words', () => {
    const state = say('keep new line drop this scratch that more');
    expect(state.text).toBe('Keep\nMore');
    expect(shownWords(state).map((w) => w.start)).toEqual([0, 7]);
  });

  it('keeps the words and the text in step for any utterances', () => {
    const word = fc.oneof(
      fc.constantFrom(...SPOKEN_COMMANDS.flatMap((c) => c.phrase.split(' '))),
      fc.stringMatching(/^[a-z]{1,6}$/),
    );
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 12 }), { maxLength: 5 }), (utterances) => {
        let state = emptyTranscript;
        for (const u of utterances) state = applyUtterance(state, timed(u), true);
        expect(state.tokens.map(({ from, to }) => ({ from, to }))).toEqual(wordRanges(state.text));
      }),
    );
  });
});
