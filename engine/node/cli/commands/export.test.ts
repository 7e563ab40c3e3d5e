import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInkml } from '../../../ink/inkml';
import { sharedUnipenRoot } from '../../io/datasets/unipen-dataset';
import { runCli } from '../../test-support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(): string {
  const root = join(dir, 'unipen');
  mkdirSync(join(root, 'data/1a/lab'), { recursive: true });
  mkdirSync(join(root, 'data/6/lab'), { recursive: true });
  mkdirSync(join(root, 'include/lab'), { recursive: true });
  writeFileSync(
    join(root, 'include/lab/p.dat'),
    '.PEN_DOWN\n1 2\n3 4\n.PEN_UP\n5 5\n.PEN_DOWN\n6 7\n',
  );
  writeFileSync(
    join(root, 'data/1a/lab/s.dat'),
    '.INCLUDE lab/p.dat\n.SEGMENT CHARACTER 0 OK "1"\n.SEGMENT CHARACTER 1-2 ? "\\"2\\@"\n',
  );
  writeFileSync(join(root, 'data/6/lab/w.dat'), '.INCLUDE lab/p.dat\n.SEGMENT WORD 0-9 ? "bad"\n');
  return root;
}

describe('verbatim export inkml', () => {
  it('converts UNIPEN segment files to InkML with truth annotations, one per segment file', async () => {
    const root = fixture();
    const out = join(dir, 'out');
    const r = await runCli('export', 'inkml', '--unipen', root, '--category', '1a', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote 2 segments in 1 files/);
    const items = readInkml(readFileSync(join(out, '1a/lab/s.inkml'), 'utf8'), 's.inkml');
    expect(items.map(({ label, ink }) => ({ label, ink }))).toEqual([
      {
        label: '1',
        ink: {
          strokes: [
            {
              points: [
                { x: 1, y: -2 },
                { x: 3, y: -4 },
              ],
            },
          ],
        },
      },
      { label: '"2', ink: { strokes: [{ points: [{ x: 6, y: -7 }] }] } },
    ]);
    expect(items[1].annotations).toEqual({
      category: '1a',
      lab: 'lab',
      writer: '',
      quality: '?',
      source: 'data/1a/lab/s.dat:3',
      penFile: 'lab/p.dat',
      delineation: '1-2',
    });
  });

  it('leaves out a bad segment, or a file whose pen data is missing, and says so; exit 1 only when nothing could be read', async () => {
    const root = fixture();
    const r = await runCli('export', 'inkml', '--unipen', root, '--out', join(dir, 'out2'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /verbatim export: .*w\.dat:2: delineation 0-9 refers to component 9.*\(component-out-of-range, skipped\)/,
    );
    // w.dat's only segment is left out: no InkML file for it.
    expect(r.stderr).toMatch(
      /wrote 2 segments in 1 files .*; left out 1 bad part of the data \(above: 1 component-out-of-range\)\n/,
    );
    expect(existsSync(join(dir, 'out2/6/lab/w.inkml'))).toBe(false);

    // Lab att's quirk: a segment file whose included pen file is not in the data.
    mkdirSync(join(root, 'data/8/lab'), { recursive: true });
    const gone = join(root, 'data/8/lab/t.dat');
    writeFileSync(gone, '.INCLUDE lab/gone.dat\n.SEGMENT TEXT 0 ? "a b"\n');
    const only = ['export', 'inkml', '--unipen', root, '--category', '8'];
    // Nothing else in the category: nothing could be read, the run fails.
    const nothing = await runCli(...only, '--out', join(dir, 'out3'));
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain(
      `verbatim export: ${gone}: .INCLUDE lab/gone.dat: cannot read ${join(root, 'include/lab/gone.dat')}: no such file (missing-include, skipped)\n`,
    );
    expect(nothing.stderr).toMatch(/wrote 0 segments in 0 files .*; left out 1 bad part/);
    // With a readable file beside it, that file is exported and the run succeeds.
    writeFileSync(
      join(root, 'data/8/lab/u.dat'),
      '.INCLUDE lab/p.dat\n.SEGMENT TEXT 0-1 ? "a b"\n',
    );
    const some = await runCli(...only, '--out', join(dir, 'out4'));
    expect(some.code).toBe(0);
    expect(some.stderr).toContain('(missing-include, skipped)');
    expect(some.stderr).toMatch(
      /wrote 1 segments in 1 files .*; left out 1 bad part of the data \(above: 1 missing-include\)\n/,
    );
    expect(existsSync(join(dir, 'out4/8/lab/u.inkml'))).toBe(true);
    expect(existsSync(join(dir, 'out4/8/lab/t.inkml'))).toBe(false);
  });

  it('bad usage exits 2 with the usage line', async () => {
    for (const args of [
      ['export'],
      ['export', 'png'],
      ['export', 'inkml', '--out', 'x'],
      ['export', 'inkml', '--unipen', 'x', '--out', 'y', '--category', '9'],
      ['export', 'inkml', '--bogus'],
    ]) {
      const r = await runCli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage: verbatim export/);
    }
  });
});

const root = sharedUnipenRoot();
describe.skipIf(!root)('verbatim export inkml on the shared UNIPEN subset', () => {
  it('exports one lab of digits', async () => {
    const out = join(dir, 'real');
    const r = await runCli(
      'export',
      'inkml',
      '--unipen',
      join(root as string, 'data/1a/lou'),
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const items = readInkml(readFileSync(join(out, '1a/lou/lou0/jl_vo_c.inkml'), 'utf8'), 'x');
    expect(items).toHaveLength(7);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['0', '9']));
  });
});
