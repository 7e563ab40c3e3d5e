import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from './static-files';

const root = '/srv/renderer';

describe('static files', () => {
  it('maps URL paths into the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(join(root, 'assets/a.js'));
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(join(root, 'assets/a b.js'));
  });

  it('never leaves the folder', () => {
    for (const p of [
      '/../x',
      '/%2e%2e/x',
      '/a/%2e%2e/%2e%2e/x',
      '/..%2fx',
      '/%00',
      '/a\\..\\x',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
    expect(resolveStaticPath(root, '/../renderer-evil/x')).toBeNull();
  });

  it('names content types, with a safe default', () => {
    expect(contentTypeOf('a.js')).toMatch(/javascript/);
    expect(contentTypeOf('a.wasm')).toBe('application/wasm');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
