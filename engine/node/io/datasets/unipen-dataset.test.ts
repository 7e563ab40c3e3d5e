import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUnipenCategory, readUnipenCategory } from '../unipen-files';
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

  it('with onSkip, a file whose included pen data is missing (att in the complete data) is a missing-include skip', () => {
    for (const onError of [undefined, () => expect.unreachable('onError for a missing include')]) {
      const skips: string[] = [];
      const segs = loadUnipenCategory(root, '7', {
        onSkip: (s) => skips.push(`${s.kind} ${s.file.endsWith('broken.dat')} ${s.message}`),
        onError,
      });
      expect(segs.map((s) => s.label)).toEqual(['ab', 'c!']);
      expect(skips).toEqual([
        expect.stringMatching(
          /^missing-include true \.INCLUDE lab\/missing\.dat: cannot read .*missing\.dat: no such file$/,
        ),
      ]);
    }
  });

  it('another file it cannot read still goes to onError, or is an unreadable-file skip without it', () => {
    // An include naming a folder cannot be read, but it is there: not a missing include.
    write('data/1a/lab/folder.dat', '.INCLUDE lab\n.SEGMENT CHARACTER 0 ? "1"\n');
    const errors: string[] = [];
    const skips: string[] = [];
    loadUnipenCategory(root, '1a', {
      onSkip: (s) => skips.push(s.kind),
      onError: (_file, err) => errors.push(err.message),
    });
    expect(skips).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/\.INCLUDE lab: cannot read .*: EISDIR$/)]);
    loadUnipenCategory(root, '1a', { onSkip: (s) => skips.push(s.kind) });
    expect(skips).toEqual(['unreadable-file']);
  });

  it('reads a category file by file, each with its segments and how far the reading is', () => {
    const files = [...readUnipenCategory(root, '7', { onSkip: () => {} })];
    expect(
      files.map((f) => [basename(f.file), f.segments.map((s) => s.label), f.done, f.total]),
    ).toEqual([
      ['a.dat', ['ab', 'c!'], 1, 2],
      ['broken.dat', [], 2, 2],
    ]);
  });

  it('reads every Nth file of a category when asked, and refuses a step below 1', () => {
    const files = [...readUnipenCategory(root, '7', { every: 2, onSkip: () => {} })];
    expect(files.map((f) => [basename(f.file), f.done, f.total])).toEqual([['a.dat', 1, 1]]);
    expect(() => [...readUnipenCategory(root, '7', { every: 0 })]).toThrow(/every must be/);
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
