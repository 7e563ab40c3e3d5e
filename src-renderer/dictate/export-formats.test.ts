import { describe, expect, it } from 'vitest';
import { formatSrtTime, toJson, toSrt, toTxt } from './export-formats';
import { applyUtterance } from './spoken-commands';
import { editTranscript, emptyTranscript, shownWords } from './transcript';

const w = (word: string, start: number, end: number) => ({ word, start, end, confidence: 0.9 });

describe('SRT export', () => {
  it('formats times as HH:MM:SS,mmm', () => {
    expect(formatSrtTime(0)).toBe('00:00:00,000');
    expect(formatSrtTime(3661.2345)).toBe('01:01:01,235');
    expect(formatSrtTime(-1)).toBe('00:00:00,000');
  });

  it('numbers cues and splits them at pauses and length limits', () => {
    const srt = toSrt(
      [w('one', 0, 0.4), w('two', 0.5, 0.9), w('three', 2.5, 3), w('four', 3.1, 3.5)],
      { maxWords: 7, maxSeconds: 3.5, maxGap: 0.8 },
    );
    expect(srt).toBe(
      '1\n00:00:00,000 --> 00:00:00,900\none two\n\n2\n00:00:02,500 --> 00:00:03,500\nthree four\n',
    );
    const byCount = toSrt([w('a', 0, 0.1), w('b', 0.1, 0.2), w('c', 0.2, 0.3)], {
      maxWords: 2,
      maxSeconds: 10,
      maxGap: 1,
    });
    expect(byCount.split('\n\n')).toHaveLength(2);
  });

  it('is empty without words', () => {
    expect(toSrt([])).toBe('');
  });

  it('subtitles the words as shown after an edit', () => {
    const said = applyUtterance(
      emptyTranscript,
      [w('hello', 0, 0.4), w('world', 0.5, 0.9), w('period', 1, 1.2)],
      true,
    );
    const edited = editTranscript(said, 'Hello big world.');
    expect(toSrt(shownWords(edited))).toBe('1\n00:00:00,000 --> 00:00:01,200\nHello big world.\n');
  });
});

describe('text and JSON export', () => {
  it('ends text with one newline', () => {
    expect(toTxt('hi')).toBe('hi\n');
    expect(toTxt('hi\n')).toBe('hi\n');
  });

  it('writes the transcript and exactly its words', () => {
    const said = applyUtterance(emptyTranscript, [w('one', 1, 2), w('two', 2, 3)], false);
    const parsed = JSON.parse(toJson(editTranscript(said, 'one')));
    expect(parsed).toEqual({
      transcript: 'one',
      words: [{ word: 'one', start: 1, end: 2, confidence: 0.9, typed: false, unsure: false }],
    });
  });

  it('says which words the recognizer is unsure of, and why', () => {
    const said = applyUtterance(
      emptyTranscript,
      [
        { ...w('one', 0, 1), confidence: 0.3 },
        { ...w('santo', 1, 2), spelled: true as const },
        { ...w('zork', 2, 3), confidence: 0.2, spelled: true as const },
        w('two', 3, 4),
      ],
      false,
    );
    const typed = editTranscript(said, `${said.text} three`);
    const parsed = JSON.parse(toJson(typed)) as { words: Record<string, unknown>[] };
    expect(parsed.words.map(({ word, unsure, why }) => [word, unsure, why])).toEqual([
      ['one', true, ['low-confidence']],
      ['santo', true, ['spelled-as-heard']],
      ['zork', true, ['low-confidence', 'spelled-as-heard']],
      ['two', false, undefined],
      ['three', false, undefined],
    ]);
    // The earlier field stays.
    expect(parsed.words[1]!.spelled).toBe(true);
  });
});
