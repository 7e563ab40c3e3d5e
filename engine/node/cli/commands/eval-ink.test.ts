import { describe, expect, it } from 'vitest';
import type { UnipenSegment } from '../../../ink/unipen-segments';
import type { CategoryFile } from '../../io/unipen-files';
import { inkEvalBatches } from './eval';

const segment = (file: string, line: number, label: string, quality = '?'): UnipenSegment => ({
  ink: { strokes: [{ points: [{ x: line, y: 0 }] }] },
  label,
  rawLabel: label,
  type: 'WORD',
  quality,
  category: '7',
  lab: 'lab',
  writer: '',
  penFile: 'lab/p.dat',
  delineation: String(line),
  segmentFile: file,
  line,
});

/** Files a.dat (3 segments, one BAD), b.dat (none: its pen data was missing), c.dat (2), d.dat (1). */
const category = (): CategoryFile[] => {
  const files: [string, UnipenSegment[]][] = [
    [
      'a.dat',
      [
        segment('a.dat', 2, 'one'),
        segment('a.dat', 3, 'x', 'BAD'),
        segment('a.dat', 4, 'two\tlines'),
      ],
    ],
    ['b.dat', []],
    ['c.dat', [segment('c.dat', 2, 'three'), segment('c.dat', 3, '')]],
    ['d.dat', [segment('d.dat', 2, 'four')]],
  ];
  return files.map(([file, segments], i) => ({ file, segments, done: i + 1, total: files.length }));
};

describe('eval ink batches', () => {
  it('scores the labelled segments that are not BAD, labels with single spaces, input FILE:LINE', () => {
    const tasks = [...inkEvalBatches(category(), 100)].flat();
    expect(tasks.map((t) => [t.input, t.label])).toEqual([
      ['a.dat:2', 'one'],
      ['a.dat:4', 'two lines'],
      ['c.dat:2', 'three'],
      ['d.dat:2', 'four'],
    ]);
    expect(tasks[0]).toMatchObject({ op: 'eval-ink', ink: { strokes: [{ points: [{ x: 2 }] }] } });
  });

  it('batches whole files up to at least the size, and says which files are done as batches are used', () => {
    const said: string[] = [];
    const batches: string[][] = [];
    for (const batch of inkEvalBatches(category(), 2, (done, total) =>
      said.push(`${done}/${total}`),
    )) {
      // Nothing is said done before its batch has been used.
      said.push('used');
      batches.push(batch.map((t) => t.input));
    }
    expect(batches).toEqual([
      ['a.dat:2', 'a.dat:4'],
      ['c.dat:2', 'd.dat:2'],
    ]);
    expect(said).toEqual(['used', '1/4', 'used', '4/4']);
    // The same tasks whatever the size, in the same order.
    for (const size of [1, 3, 1000])
      expect([...inkEvalBatches(category(), size)].flat()).toEqual(
        [...inkEvalBatches(category(), 2)].flat(),
      );
  });

  it('a category with nothing to score gives no batch, and says its files are done', () => {
    const said: number[] = [];
    const empty = category().map((f) => ({ ...f, segments: [] }));
    expect([...inkEvalBatches(empty, 2, (done) => said.push(done))]).toEqual([]);
    expect(said).toEqual([4]);
  });
});
