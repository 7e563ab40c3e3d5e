import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLine, splitInkAtWordGaps, type Ink } from '../ink/index';
import { loadBestKernels } from '../node/runtime/load-kernels';
import { assetsDir } from '../node/use-cases/models/model-store';
import { seededRandom } from '../util/rng';
import { tinyInkModelBytes } from '../test-support/tiny-networks';
import { createDecoder, defaultDecodeParams } from './decode-params';
import {
  attachClosingPunctuation,
  LINE_MIN_HEIGHT_TO_WIDTH,
  readsLineByWordGaps,
  readsPhysicalLines,
  recognizeInk,
} from './ink';
import { loadRecognizer } from './recognizer';

const printable = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i));

describe('readsLineByWordGaps', () => {
  it('holds for a words alphabet without a space, not for digits, letters or one with a space', () => {
    expect(readsLineByWordGaps(['', ...printable])).toBe(true);
    expect(readsLineByWordGaps(['', ...'0123456789'])).toBe(false);
    expect(readsLineByWordGaps(['', ...'ABCabc'])).toBe(false);
    expect(readsLineByWordGaps(['', ' ', ...printable])).toBe(false);
  });
});

// Handwritten-like words: a few zigzag strokes each (shape is not the point here).
const zigzag = (n: number, x0: number): Ink => ({
  strokes: Array.from({ length: n }, (_, i) => ({
    points: Array.from({ length: 12 }, (_, k) => ({
      x: x0 + 8 * i + k * 0.6,
      y: k % 2 === 0 ? 0 : 10,
    })),
  })),
});

/** A small untrained network (the route is under test, not the reading), saved with `labels`. */
const model = (labels: string[], minHeightToWidth = 0.1) =>
  loadRecognizer(
    tinyInkModelBytes({
      alphabet: labels,
      seed: 7,
      hidden: 8,
      featureConfig: { minHeightToWidth },
    }),
  );

describe('a model with a space label', () => {
  const params = { ...defaultDecodeParams(), beamWidth: 4 };
  // Words of zigzags, one line at y 0..10.
  const line = (y: number) =>
    composeLine(
      [3, 2, 4, 3].map((n) => {
        const ink = zigzag(n, 0);
        return {
          strokes: ink.strokes.map((s) => ({
            points: s.points.map((p) => ({ ...p, y: p.y + y })),
          })),
        };
      }),
      seededRandom(4),
    );

  it('reads physical lines; a words model without a space does not', () => {
    expect(readsPhysicalLines(['', ' ', ...printable])).toBe(true);
    expect(readsPhysicalLines(['', ...printable])).toBe(false);
  });

  it('joins closing punctuation written as a word of its own to the word before', () => {
    const word = (w: string, start: number, confidence = 0.9) => ({
      word: w,
      start,
      end: start + 9,
      confidence,
    });
    const result = attachClosingPunctuation({
      text: '" fox ? it is , done .',
      words: [
        word('"', 0),
        word('fox', 10),
        word('?', 20, 0.5),
        word('it', 30),
        word('is', 40),
        word(',', 50),
        word('done', 60),
        word('.', 70),
      ],
      nbest: [
        { text: '" fox ? it is , done .', score: -1 },
        { text: '" fox? it is, done.', score: -2 },
        { text: '" fox ? it is , dome .', score: -3 },
      ],
    });
    expect(result.text).toBe('" fox? it is, done.');
    expect(result.words.map((w) => w.word)).toEqual(['"', 'fox?', 'it', 'is,', 'done.']);
    expect(result.words[1]).toEqual({ word: 'fox?', start: 10, end: 29, confidence: 0.5 });
    expect(result.nbest).toEqual([
      { text: '" fox? it is, done.', score: -1 },
      { text: '" fox? it is, dome.', score: -3 },
    ]);
  });

  it('reads ink on two lines as each line read alone, joined with a space', () => {
    const recognizer = model(['', ' ', ...printable]);
    const first = line(0);
    const second = line(40);
    const both = { strokes: [...first.strokes, ...second.strokes] };
    const alone = [first, second].map((l) => recognizeInk(recognizer, l, params).text);
    expect(alone.every((t) => t.length > 0)).toBe(true);
    const result = recognizeInk(recognizer, both, params);
    expect(result.text).toBe(alone.join(' '));
    // Word positions index the whole ink's points, the second line's after the first's.
    const firstPoints = first.strokes.reduce((n, s) => n + s.points.length, 0);
    const points = firstPoints + second.strokes.reduce((n, s) => n + s.points.length, 0);
    const words = result.words;
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.end).toBeLessThan(points);
    expect(words[words.length - 1].start).toBeGreaterThanOrEqual(firstPoints);
  });

  it('reads an i dot added to the first line after the second was written with the first', () => {
    const recognizer = model(['', ' ', ...printable]);
    const [first, second] = [line(0), line(40)];
    const dot = { points: [{ x: 10, y: -2 }] };
    const withDot = { strokes: [...first.strokes, dot] };
    const expected = [withDot, second].map((l) => recognizeInk(recognizer, l, params).text);
    const late = { strokes: [...first.strokes, ...second.strokes, dot] };
    expect(recognizeInk(recognizer, late, params).text).toBe(expected.join(' '));
  });

  it('keeps the height of a long line as its size (the width floor lowered), for it alone', () => {
    // 60 zigzag letters: about 50 times as wide as high (the floor still applies).
    const long = zigzag(60, 0);
    const read = (labels: string[], floor: number) =>
      recognizeInk(model(labels, floor), long, params).nbest;
    const spaced = ['', ' ', ...printable];
    expect(read(spaced, 0.1)).toEqual(read(spaced, LINE_MIN_HEIGHT_TO_WIDTH));
    const words = ['', ...printable];
    expect(read(words, 0.1)).not.toEqual(read(words, LINE_MIN_HEIGHT_TO_WIDTH));
  });
});

/** The words of a reading index the ink's points in order, and the best reading is the text. */
function expectWordsInOrder(result: ReturnType<typeof recognizeInk>, ink: Ink): void {
  const points = ink.strokes.reduce((n, s) => n + s.points.length, 0);
  let last = -1;
  for (const w of result.words) {
    expect(w.start).toBeGreaterThan(last);
    expect(w.end).toBeGreaterThanOrEqual(w.start);
    expect(w.end).toBeLessThan(points);
    last = w.end;
  }
  expect(result.nbest[0].text).toBe(result.text);
}

describe('a words model without a space label: a line cut at its word gaps', () => {
  const params = { ...defaultDecodeParams(), beamWidth: 1 };

  it('reads a line whole or as its gap-separated words read alone, joined with spaces', () => {
    const recognizer = model(['', ...printable]);
    const decoder = createDecoder(recognizer.labels, params);
    const words = [zigzag(3, 0), zigzag(2, 0), zigzag(4, 0)];
    const line = composeLine(words, seededRandom(2));
    const result = recognizeInk(recognizer, line, params, decoder);
    const alone = words.map((w) => recognizeInk(recognizer, w, params, decoder).text);
    expect(alone.every((t) => t !== '' && !t.includes(' '))).toBe(true);
    expect([alone.join(' '), result.text.replace(/ /g, '')]).toContain(result.text);
    expectWordsInOrder(result, line);
  });

  it('a word without a word gap is read whole, as by a model that reads no lines', () => {
    const recognizer = model(['', ...printable]);
    const word = zigzag(4, 0);
    expect(recognizeInk(recognizer, word, params).text).not.toContain(' ');
  });

  it('groups the pieces of a longer line into words of up to maxSpan consecutive pieces', () => {
    const recognizer = model(['', ...printable]);
    const decoder = createDecoder(recognizer.labels, params);
    const line = composeLine(
      [2, 2, 2, 2].map((n) => zigzag(n, 0)),
      seededRandom(3),
    );
    const pieces = splitInkAtWordGaps(line);
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    // Pieces i..j-1 read whole (no cut), as the grouping reads a span.
    const spans = new Map<string, string>();
    const span = (i: number, j: number) => {
      const key = `${i}-${j}`;
      if (!spans.has(key)) {
        const indices = pieces
          .slice(i, j)
          .flatMap((p) => p.strokes)
          .sort((a, b) => a - b);
        const ink = { strokes: indices.map((k) => line.strokes[k]) };
        const read = recognizeInk(recognizer, ink, params, decoder, undefined, { gap: Infinity });
        spans.set(key, read.text);
      }
      return spans.get(key) as string;
    };
    // Every text a grouping into spans of 1-3 pieces can give, and the line read whole.
    const groupings = (from: number): string[] =>
      from === pieces.length
        ? ['']
        : [1, 2, 3]
            .filter((k) => from + k <= pieces.length)
            .flatMap((k) =>
              groupings(from + k).map((rest) =>
                [span(from, from + k), rest].filter(Boolean).join(' '),
              ),
            );
    const options = { maxSpan: 3, groupFrom: 4 };
    const result = recognizeInk(recognizer, line, params, decoder, undefined, options);
    expect([...groupings(0), span(0, pieces.length)]).toContain(result.text);
    expect(result.nbest[0].text).toBe(result.text);
  });
});

const wordsModel = join(assetsDir, 'models', 'ink-words.vbm');

describe.skipIf(!existsSync(wordsModel))('a line of words with the shipped words model', () => {
  it('reads a line written with word gaps whole, writing the spaces between its words itself', () => {
    const recognizer = loadRecognizer(new Uint8Array(readFileSync(wordsModel)), {
      kernels: loadBestKernels(),
    });
    expect(readsPhysicalLines(recognizer.labels)).toBe(true);
    const params = { ...defaultDecodeParams(), beamWidth: 1 };
    const line = composeLine([zigzag(3, 0), zigzag(2, 0), zigzag(4, 0)], seededRandom(2));
    const result = recognizeInk(recognizer, line, params);
    expect(result.text.split(' ')).toHaveLength(3);
    expect(result.words.map((w) => w.word)).toEqual(result.text.split(' '));
    expectWordsInOrder(result, line);
  });
});
