import { describe, expect, it } from 'vitest';
import { applyUtterance, editedTranscript, emptyTranscript } from './spoken-commands';

const say = (text: string, state = emptyTranscript, commands = true) =>
  applyUtterance(state, text.split(' '), commands);

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
    expect(applyUtterance(second, ['scratch', 'that'], true).text).toBe('Keep this');
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
    const edited = editedTranscript('My own text');
    expect(say('scratch that more', edited).text).toBe('My own text more');
  });
});
