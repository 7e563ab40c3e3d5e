import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUnipenCategory } from '../unipen-files';
import { loadUnipenSamples, verbatimDataDir } from './unipen-dataset';

const root = mkdtempSync(join(tmpdir(), 'verbatim-unipen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

write('include/lab/p.dat', '.WRITER_ID Ann\n.PEN_DOWN\n1 1\n.PEN_DOWN\n2 2\n.PEN_DOWN\n3 3\n');
write(
  'data/6/lab/a.dat',
  '.INCLUDE lab/p.dat\n.SEGMENT WORD 0 ? "ab"\n.SEGMENT WORD 1 BAD "XXX"\n',
);
write('data/7/lab/a.dat', '.INCLUDE lab/p.dat\n.SEGMENT WORD 0 ? "ab"\n.SEGMENT WORD 2 OK "c!"\n');
write('data/7/lab/broken.dat', '.INCLUDE lab/missing.dat\n.SEGMENT WORD 0 ? "x"\n');

describe('UNIPEN samples', () => {
  it('loads a category, reporting progress and unreadable files without stopping', () => {
    const progress: number[] = [];
    const errors: string[] = [];
    const segs = loadUnipenCategory(root, '7', {
      onProgress: (done) => progress.push(done),
      onError: (file, err) => errors.push(`${file.endsWith('broken.dat')} ${err.message}`),
    });
    expect(segs.map((s) => s.label)).toEqual(['ab', 'c!']);
    expect(progress).toEqual([1, 2]);
    expect(errors).toEqual([
      expect.stringMatching(/^true .*broken\.dat: \.INCLUDE lab\/missing\.dat: cannot read/),
    ]);
    expect(() => loadUnipenCategory(root, '7')).toThrow(/missing\.dat/);
  });

  it('with onSkip, a file whose include is missing (att in the complete data) is reported as unreadable', () => {
    const skips: string[] = [];
    const segs = loadUnipenCategory(root, '7', {
      onSkip: (s) => skips.push(`${s.kind} ${s.file.endsWith('broken.dat')}`),
    });
    expect(segs.map((s) => s.label)).toEqual(['ab', 'c!']);
    expect(skips).toEqual(['unreadable-file true']);
  });

  it('deduplicates category 6 against 7 and skips BAD unless asked', () => {
    const onError = () => {};
    const samples = loadUnipenSamples(root, ['7', '6'], { onError });
    expect(samples.map((s) => [s.category, s.label, s.writer])).toEqual([
      ['7', 'ab', 'Ann'],
      ['7', 'c!', 'Ann'],
    ]);
    const withBad = loadUnipenSamples(root, ['7', '6'], { onError, skipBad: false });
    expect(withBad.map((s) => s.label)).toEqual(['ab', 'c!', 'XXX']);
  });

  it('finds the datasets folder from VERBATIM_DATA_DIR', () => {
    const before = process.env.VERBATIM_DATA_DIR;
    process.env.VERBATIM_DATA_DIR = root;
    try {
      expect(verbatimDataDir()).toBe(root);
    } finally {
      if (before === undefined) delete process.env.VERBATIM_DATA_DIR;
      else process.env.VERBATIM_DATA_DIR = before;
    }
  });
});
