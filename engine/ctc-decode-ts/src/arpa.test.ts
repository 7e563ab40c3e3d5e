import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArpaFormatError, parseArpa } from './arpa.js';
import { NgramLm } from './ngram-lm.js';

const ARPA = `This comment before \\data\\ is ignored.
\\data\\
ngram 1=5
ngram 2=3
ngram 3=1

\\1-grams:
-1.0\t<s>\t-0.5
-0.8\ta\t-0.3
-0.9\tb\t-0.2
-1.2\t</s>
-2.0\t<unk>

\\2-grams:
-0.4\t<s> a\t-0.1
-0.6\ta b\t-0.15
-0.3\tb </s>

\\3-grams:
-0.2\t<s> a b

\\end\\
`;

const log10 = (lnP: number) => lnP / Math.LN10;

describe('parseArpa back-off arithmetic (hand-computed, log10)', () => {
  const lm = parseArpa(ARPA);

  it('reads order and vocabulary', () => {
    expect(lm.order).toBe(3);
    expect(lm.words().sort()).toEqual(['a', 'b']);
    expect(lm.hasWord('a')).toBe(true);
    expect(lm.hasWord('</s>')).toBe(false);
  });

  it.each([
    [['<s>', 'a'], 'b', -0.2], // listed trigram
    [['<s>', 'a'], 'a', -0.1 - 0.3 - 0.8], // bow(<s> a) + bow(a) + P(a)
    [['a', 'b'], '</s>', -0.15 - 0.3], // bow(a b) + P(</s> | b)
    [['b', 'a'], '</s>', -0.3 - 1.2], // "b a" unlisted: bow 1, then bow(a) + P(</s>)
    [['a'], 'zzz', -0.3 - 2.0], // unknown word scores as <unk>
    [[], 'b', -0.9],
  ])('P(%j -> %s) = %d', (context, word, expected) => {
    expect(log10(lm.logProb(context, word))).toBeCloseTo(expected, 10);
  });

  it('scores sentences with <s> and </s> through the state API', () => {
    expect(log10(lm.sentenceLogProb(['a', 'b']))).toBeCloseTo(-0.4 - 0.2 - 0.45, 10);
    let state = lm.initialState();
    const r1 = lm.score(state, 'a');
    state = r1.state;
    expect(log10(lm.score(state, 'b').logProb)).toBeCloseTo(-0.2, 10);
  });

  it('round-trips through toArpa', () => {
    const again = parseArpa(lm.toArpa());
    for (const [ctx, w] of [
      [['<s>', 'a'], 'b'],
      [['a', 'b'], '</s>'],
      [['b'], 'a'],
    ] as const) {
      expect(again.logProb(ctx, w)).toBeCloseTo(lm.logProb(ctx, w), 6);
    }
  });
});

describe('NgramLm.builder (what parseArpa builds with, one line at a time)', () => {
  it('gives the model fromEntries gives, and refuses an n-gram listed twice', () => {
    const entries = parseArpa(ARPA).entries();
    const vocabulary = [...new Set(entries.flatMap((e) => e.words))];
    const builder = NgramLm.builder(3, vocabulary);
    for (const e of entries) expect(builder.add(e.words, e.logProb, e.backoff)).toBe(true);
    expect(builder.add(entries[5].words, -1, 0)).toBe(false);
    expect(builder.build().toArpa()).toBe(NgramLm.fromEntries(3, entries).toArpa());
  });
});

describe('parseArpa errors name the line', () => {
  const lines = ARPA.split('\n');
  const withLine = (n: number, text: string) =>
    lines.map((l, i) => (i === n - 1 ? text : l)).join('\n');
  const expectError = (text: string, line: number, message: RegExp) => {
    try {
      parseArpa(text);
      throw new Error('expected an ArpaFormatError');
    } catch (e) {
      expect(e).toBeInstanceOf(ArpaFormatError);
      expect((e as ArpaFormatError).line).toBe(line);
      expect((e as Error).message).toMatch(message);
    }
  };

  it('reports bad numbers, field counts, unknown words, counts and missing sections', () => {
    expectError(withLine(9, '-0.x\ta\t-0.3'), 9, /ARPA line 9: probability "-0.x" is not a number/);
    expectError(withLine(9, '-0.8'), 9, /needs a log10 probability/);
    expectError(withLine(16, '-0.6\ta c\t-0.15'), 16, /word "c" is not listed/);
    expectError(withLine(4, 'ngram 2=4'), 14, /announces 4 2-grams but the section has 3/);
    expectError(withLine(9, '0.5\ta\t-0.3'), 9, /above 0/);
    expectError(withLine(15, '-0.4\t<s> a\t-0.1\n-0.4\t<s> a'), 16, /listed twice/);
    expectError(ARPA.replace('\\end\\', ''), 23, /expected \\end\\/);
    expectError(ARPA.replace('\\3-grams:', '\\4-grams:'), 19, /expected "\\3-grams:"/);
    expectError('no header', 1, /missing the \\data\\ header/);
  });

  it('fuzz: any edit either parses or throws an ArpaFormatError', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: ARPA.length - 1 }),
        fc.nat({ max: 8 }),
        fc.string({ maxLength: 4 }),
        (at, cut, insert) => {
          const text = ARPA.slice(0, at) + insert + ARPA.slice(at + cut);
          try {
            parseArpa(text);
          } catch (e) {
            expect(e).toBeInstanceOf(ArpaFormatError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
