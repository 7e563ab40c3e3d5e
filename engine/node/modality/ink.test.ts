import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inkTraining } from './ink';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-ink-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ink training examples from UNIPEN files', () => {
  it('leave out a bad point and an unreadable file, say so, and keep the rest', () => {
    // Lab hpb's quirk (a 3-number point among 2-number ones) and att's (a missing include).
    mkdirSync(join(dir, 'include/lab'), { recursive: true });
    mkdirSync(join(dir, 'data/7/lab'), { recursive: true });
    writeFileSync(join(dir, 'include/lab/p.dat'), '.PEN_DOWN\n1 2\n-1 3 4\n5 6\n.PEN_UP\n');
    writeFileSync(join(dir, 'data/7/lab/a.dat'), '.INCLUDE lab/p.dat\n.SEGMENT WORD 0 ? "hi"\n');
    writeFileSync(join(dir, 'data/7/lab/b.dat'), '.INCLUDE lab/gone.dat\n.SEGMENT WORD 0 ? "x"\n');
    const said: string[] = [];
    const examples = inkTraining.loadExamples([join(dir, 'data')], (what) => said.push(what));
    // Grouped by writer (lab and id) for the split into training and validation writers.
    expect(examples.map((e) => [e.value.label, e.group])).toEqual([['hi', 'lab/?']]);
    expect(examples[0].value.ink.strokes[0].points).toHaveLength(2);
    expect(said).toEqual([
      `${join(dir, 'data/7/lab/a.dat')}: lab/p.dat:3: expected 2 numbers per point like the block's first point, got 3 (bad-point, skipped)`,
      expect.stringMatching(
        /b\.dat: .*\.INCLUDE lab\/gone\.dat: cannot read .*\(missing-include, skipped\)$/,
      ),
    ]);
  });
});
