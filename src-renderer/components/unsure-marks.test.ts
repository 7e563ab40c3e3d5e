import { describe, expect, it } from 'vitest';
import { wordMarking } from './unsure-marks';

describe('wordMarking', () => {
  it('marks a word by its first reason, saying why in its title and in a sentence', () => {
    expect(wordMarking('confidence 41%', ['low-confidence', 'spelled-as-heard'])).toEqual({
      className: 'word low-confidence',
      title: 'confidence 41% (low: check this word)',
      unsure: { reason: 'Unsure: low confidence. Check this word.', details: 'confidence 41%' },
    });
    const spelled = wordMarking('0.50–0.90 s, confidence 95%', ['spelled-as-heard']);
    expect(spelled.className).toBe('word spelled');
    expect(spelled.title).toBe(
      "0.50–0.90 s, confidence 95% (not in the model's words, spelled as heard: check this word)",
    );
    expect(spelled.unsure).toEqual({
      reason: "Unsure: not in the model's words, spelled as heard. Check this word.",
      details: '0.50–0.90 s, confidence 95%',
    });
  });

  it('leaves a word to trust unmarked, with its details alone', () => {
    expect(wordMarking('confidence 93%', [])).toEqual({
      className: 'word',
      title: 'confidence 93%',
    });
    expect(wordMarking('confidence 93%', undefined)).toEqual({
      className: 'word',
      title: 'confidence 93%',
    });
  });
});
