import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitInkAtWordGaps } from '../../engine/index';
import { loadUnipenComplete, UnipenCompleteOptions } from './unipen-source';
import type { HeldOut } from './unipen-split';

const root = mkdtempSync(join(tmpdir(), 'verbatim-unipen-complete-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** A pen file of `n` one-stroke letters 10 units tall, 5 apart. */
const pen = (writer: string, n: number) =>
  `.WRITER_ID ${writer}\n${Array.from({ length: n }, (_, i) => `.PEN_DOWN\n${5 * i} 0\n${5 * i + 2} 10\n`).join('')}`;
write('include/lab/ann.dat', pen('Ann', 12));
write('include/lab/bob.dat', pen('Bob', 12));
for (const w of ['ann', 'bob']) {
  write(
    `data/7/lab/${w}.dat`,
    `.INCLUDE lab/${w}.dat\n.SEGMENT WORD 0-1 ? "ab"\n.SEGMENT WORD 2-3 ? "Cd"\n.SEGMENT WORD 4 BAD "XXX"\n`,
  );
  write(`data/6/lab/${w}.dat`, `.INCLUDE lab/${w}.dat\n.SEGMENT WORD 0-1 ? "ab"\n`);
  write(`data/8/lab/${w}.dat`, `.INCLUDE lab/${w}.dat\n.SEGMENT TEXT 5-11 ? "ef \tgh!"\n`);
  write(`data/1a/lab/${w}.dat`, `.INCLUDE lab/${w}.dat\n.SEGMENT CHARACTER 5 ? "7"\n`);
}
const heldOut: HeldOut = {
  description: 'test',
  heldOutLabs: ['other'],
  validationFraction: 0.1,
  seed: 1,
  writers: ['lab/bob'],
  counts: {},
};
const options = (o: Record<string, unknown>) =>
  UnipenCompleteOptions.parse({ source: 'unipen-complete', ...o });

describe('the unipen-complete data source', () => {
  it('holds out the listed writers, reads 6 once under 7, and writes lines with single spaces', () => {
    const d = loadUnipenComplete(
      options({
        categories: ['7', '6', '8', '1a'],
        charset: 'printable-space',
        validCategories: ['7', '8'],
      }),
      () => undefined,
      { root, heldOut },
    );
    expect(d.train.map((s) => s.label).sort()).toEqual(['7', 'Cd', 'ab', 'ef gh!']);
    expect(d.valid.map((s) => s.label).sort()).toEqual(['Cd', 'ab', 'ef gh!']);
    expect(d.trainWords.sort()).toEqual(['Cd', 'ab', 'ef', 'gh!']);
    expect(d.trainLabels.sort()).toEqual(['7', 'Cd', 'ab', 'ef', 'gh!']);
    expect(d.charset[0]).toBe(' ');
  });

  it('leaves training text longer than maxTrainTextLength out, not held-out text', () => {
    const d = loadUnipenComplete(
      options({ categories: ['8'], charset: 'printable-space', maxTrainTextLength: 5 }),
      () => undefined,
      { root, heldOut },
    );
    expect(d.train).toHaveLength(0);
    expect(d.valid.map((s) => s.label)).toEqual(['ef gh!']);
  });

  it('without a space in the charset, lines are left out; synthetic lines need the space', () => {
    const d = loadUnipenComplete(
      options({ categories: ['7', '8'], charset: 'printable' }),
      () => undefined,
      { root, heldOut },
    );
    expect(d.train.map((s) => s.label).sort()).toEqual(['Cd', 'ab']);
    expect(() =>
      loadUnipenComplete(
        options({ categories: ['7'], charset: 'printable', syntheticLines: { count: 2, seed: 1 } }),
        () => undefined,
        { root, heldOut },
      ),
    ).toThrow(/needs a charset with a space/);
  });

  it('joins training writers\u2019 words into synthetic lines whose gaps the word splitter finds', () => {
    const d = loadUnipenComplete(
      options({
        categories: ['7'],
        charset: 'printable-space',
        syntheticLines: { count: 5, seed: 3 },
      }),
      () => undefined,
      { root, heldOut },
    );
    const lines = d.train.slice(2);
    expect(lines).toHaveLength(5);
    for (const l of lines) {
      expect(l.label).toMatch(/^(ab|Cd)( (ab|Cd))+$/);
      expect(splitInkAtWordGaps(l.ink)).toHaveLength(l.label.split(' ').length);
    }
  });
});
