import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInkExamples, writeInkExamples, type InkExample } from './ink-data-source';

describe('ink examples file', () => {
  it('round-trips examples, labels with quotes, newlines and non-ASCII included', () => {
    const examples: InkExample[] = [
      { ink: { strokes: [{ points: [{ x: 0.5, y: -1, t: 3 }] }] }, label: '"If' },
      { ink: { strokes: [] }, label: 'two\nlines' },
      { ink: { strokes: [{ points: [{ x: 1e-7, y: 2 }] }, { points: [] }] }, label: 'Größe' },
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'verbatim-ink-')), 'examples.jsonl');
    expect(readInkExamples(writeInkExamples(path, examples))).toEqual(examples);
  });
});
