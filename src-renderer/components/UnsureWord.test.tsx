import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkedText, WordList } from '../dictate/WordList';
import { wordMarking } from './unsure-marks';
import { MarkedWord } from './UnsureWord';

// What a copy of the rendered text, or the textContent of a live region, holds.
const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

/** Each `<tag …>…</tag>` of the markup (not nested in one of its kind): its attributes and text. */
const elements = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    ([, attributes, inner]) => ({
      ...Object.fromEntries(
        [...attributes!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => m.slice(1)),
      ),
      text: textOf(inner!),
    }),
  );

const LOW = 'Unsure: low confidence. Check this word.';
const lowWord = wordMarking('confidence 41%', ['low-confidence']);
const word = (w: string, start: number, confidence: number) => ({
  word: w,
  start,
  end: start + 0.3,
  confidence,
});

/** The button an unsure word is: in the tab order, described by its reason, its text the word alone. */
const unsureButton = (text: string, more: Record<string, string> = {}) =>
  expect.objectContaining({
    type: 'button',
    tabindex: '0',
    'aria-expanded': 'false',
    'aria-description': LOW,
    text,
    ...more,
  });

describe('MarkedWord', () => {
  it('makes an unsure word a button described by its reason, keeping its mark and title', () => {
    const html = renderToStaticMarkup(<MarkedWord text="the" marking={lowWord} />);
    expect(elements(html, 'button')).toEqual([
      unsureButton('the', {
        class: 'word low-confidence unsure-word',
        title: 'confidence 41% (low: check this word)',
      }),
    ]);
    expect(textOf(html)).toBe('the');
  });

  it('leaves a trusted word, and an unsure one in a passive (live) line, plain', () => {
    expect(
      renderToStaticMarkup(<MarkedWord text="check" marking={wordMarking('confidence 93%', [])} />),
    ).toBe('<span class="word" title="confidence 93%">check</span>');
    expect(renderToStaticMarkup(<MarkedWord text="the" marking={lowWord} passive />)).toBe(
      '<span class="word low-confidence" title="confidence 41% (low: check this word)">the</span>',
    );
  });
});

describe("Dictate's marked words", () => {
  const words = [word('yes', 0.1, 0.9), word('no', 0.5, 0.4)];

  it("a result's text is its words alone, the unsure one a described button", () => {
    const html = renderToStaticMarkup(<MarkedText words={words} />);
    expect(textOf(html)).toBe('yes no');
    expect(elements(html, 'button')).toEqual([
      unsureButton('no', { class: 'word low-confidence unsure-word' }),
    ]);
  });

  it('the word list keeps its marks and titles on the items, an unsure word a described button', () => {
    const html = renderToStaticMarkup(<WordList words={words} label="Words" />);
    expect(elements(html, 'li')).toEqual([
      { class: 'word', title: '0.10–0.40 s, confidence 90%', text: 'yes' },
      {
        class: 'word low-confidence',
        title: '0.50–0.80 s, confidence 40% (low: check this word)',
        text: 'no',
      },
    ]);
    // the item carries the mark: the button has none of its own, nor a title
    const [button] = elements(html, 'button');
    expect(button).toEqual(unsureButton('no', { class: 'unsure-word' }));
    expect(button).not.toHaveProperty('title');
  });

  it('playable words say why in the name of their play button, without a second button', () => {
    const html = renderToStaticMarkup(<WordList words={words} label="Words" onPlay={() => {}} />);
    expect(elements(html, 'button').map((b) => b['aria-label'])).toEqual([
      'Play “yes”, 0.10–0.40 s, confidence 90%',
      'Play “no”, 0.50–0.80 s, confidence 40% (low: check this word)',
    ]);
    expect(html).not.toContain('aria-description');
  });
});
