import { describe, expect, it } from 'vitest';
import type { InkWord } from '../../src-common/api';
import { markedReading } from './marked-reading';

const word = (w: string, start: number, confidence: number, why?: InkWord['why']): InkWord => ({
  word: w,
  start,
  end: start + 10,
  confidence,
  unsure: why !== undefined,
  ...(why && { why }),
});

describe('markedReading', () => {
  it("marks the unsure words of a line as Dictate does, and gives every word's confidence", () => {
    const pieces = markedReading('check the performanse.', [
      word('check', 0, 0.93),
      word('the', 20, 0.41, ['low-confidence']),
      word('performanse.', 40, 0.38, ['low-confidence', 'spelled-as-heard']),
    ]);
    const low = (percent: number) => ({
      className: 'word low-confidence',
      title: `confidence ${percent}% (low: check this word)`,
      unsure: {
        reason: 'Unsure: low confidence. Check this word.',
        details: `confidence ${percent}%`,
      },
    });
    expect(pieces).toEqual([
      { text: 'check', word: { className: 'word', title: 'confidence 93%' } },
      { text: ' ' },
      { text: 'the', word: low(41) },
      { text: ' ' },
      { text: 'performanse.', word: low(38) },
    ]);
  });

  it("marks a single word spelled outside the model's words; a text without words stays plain", () => {
    const [only] = markedReading('Zyxwv', [word('Zyxwv', 0, 0.8, ['spelled-as-heard'])]);
    expect(only!.word).toEqual({
      className: 'word spelled',
      title: "confidence 80% (not in the model's words, spelled as heard: check this word)",
      unsure: {
        reason: "Unsure: not in the model's words, spelled as heard. Check this word.",
        details: 'confidence 80%',
      },
    });
    expect(markedReading('17', [])).toEqual([{ text: '17' }]);
  });
});
