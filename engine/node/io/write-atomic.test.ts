import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writePiecesAtomic } from './write-atomic';

describe('writePiecesAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-atomic-'));
  afterEach(() => {
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
  });

  it('writes the pieces in order, leaving no temporary file', () => {
    const path = join(dir, 'out.txt');
    writePiecesAtomic(path, ['a\n', 'bé\n', '', 'c']);
    expect(readFileSync(path, 'utf8')).toBe('a\nbé\nc');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('keeps the old file whole when producing a piece fails', () => {
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    const pieces = function* () {
      yield 'new';
      throw new Error('disk full');
    };
    expect(() => writePiecesAtomic(path, pieces())).toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });
});
