import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside } from './path-inside';

describe('isInside', () => {
  const dir = resolve('/tmp/verbatim-home/uploads');
  it('takes a path below the folder, present or not', () => {
    expect(isInside(join(dir, 'a', 'b.wav'), dir)).toBe(true);
    expect(isInside(join(dir, 'x'), `${dir}/`)).toBe(true);
  });
  it('refuses the folder itself, its parent, a sibling sharing its prefix and a way out', () => {
    expect(isInside(dir, dir)).toBe(false);
    expect(isInside(resolve(dir, '..'), dir)).toBe(false);
    expect(isInside(`${dir}-old/a.wav`, dir)).toBe(false);
    expect(isInside(join(dir, 'a', '..', '..', 'b'), dir)).toBe(false);
  });
});
