import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InkItem } from '../../ink/ink';
import { InkFormatError } from '../../ink/ink-format-error';
import { inkFileFormat, readInkFile, writeInkFile } from './ink-files';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-ink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const items: InkItem[] = [
  {
    ink: {
      strokes: [
        {
          points: [
            { x: 1, y: 2, t: 0 },
            { x: 3, y: 4, t: 8 },
          ],
        },
      ],
    },
    label: 'a',
  },
  { ink: { strokes: [{ points: [{ x: 5, y: 6, t: 9 }] }] } },
];

describe('ink files', () => {
  it('writes and reads InkML and JSON, numbering items from 0, leaving no temp files', () => {
    for (const name of ['x.inkml', 'x.json', 'sub/y.xml']) {
      const path = join(dir, name);
      writeInkFile(path, items);
      expect(readInkFile(path)).toEqual(items.map((it, i) => ({ ...it, item: i })));
    }
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('reads a UNIPEN segment file, finding include/ in an ancestor, items are .SEGMENT lines with their writer', () => {
    mkdirSync(join(dir, 'u/data/1a/lab'), { recursive: true });
    mkdirSync(join(dir, 'u/include/lab'), { recursive: true });
    writeFileSync(join(dir, 'u/include/lab/p.dat'), '.PEN_DOWN\n1 2\n.PEN_DOWN\n3 4\n');
    writeFileSync(
      join(dir, 'u/data/1a/lab/s.dat'),
      '.INCLUDE lab/p.dat\n.WRITER_ID W12\n.SEGMENT CHARACTER 1 ? "7"\n',
    );
    expect(readInkFile(join(dir, 'u/data/1a/lab/s.dat'))).toEqual([
      {
        ink: { strokes: [{ points: [{ x: 3, y: -4 }] }] },
        label: '7',
        item: 3,
        annotations: { writer: 'lab/w12' },
      },
    ]);
  });

  it('names unknown types and malformed files clearly', () => {
    expect(() => inkFileFormat('a.png')).toThrow(/unknown ink file type '\.png'/);
    writeFileSync(join(dir, 'bad.inkml'), '<ink>\n<trace>1</trace></ink>');
    expect(() => readInkFile(join(dir, 'bad.inkml'))).toThrow(InkFormatError);
    expect(() => readInkFile(join(dir, 'bad.inkml'))).toThrow(
      /bad\.inkml:2: trace point 1 has 1 values/,
    );
    expect(() => writeInkFile(join(dir, 'x.dat'), items)).toThrow(/not supported/);
  });
});
