import { describe, expect, it } from 'vitest';
import { guardRequest } from './request-guard';

const ctx = { port: 5317, token: 'secret-token' };
const ok = { host: '127.0.0.1:5317', origin: undefined, token: 'secret-token' };

describe('request guard', () => {
  it('lets the page itself in, with or without an Origin header', () => {
    expect(guardRequest(ok, ctx, true)).toEqual({ ok: true });
    expect(guardRequest({ ...ok, origin: 'http://127.0.0.1:5317' }, ctx, true).ok).toBe(true);
    expect(guardRequest({ ...ok, host: 'localhost:5317' }, ctx, true).ok).toBe(true);
  });

  it('refuses other hosts (DNS rebinding) and other ports', () => {
    for (const host of ['evil.example:5317', '127.0.0.1:80', '127.0.0.1', undefined, '']) {
      const v = guardRequest({ ...ok, host }, ctx, false);
      expect(v).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses other origins, including null and https look-alikes', () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'https://127.0.0.1:5317',
      'http://127.0.0.1:5318',
    ]) {
      expect(guardRequest({ ...ok, origin }, ctx, true)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('requires the exact token where one is needed', () => {
    for (const token of [null, '', 'secret-toke', 'secret-token2', 'SECRET-TOKEN']) {
      expect(guardRequest({ ...ok, token }, ctx, true)).toMatchObject({ ok: false, status: 401 });
    }
    expect(guardRequest({ ...ok, token: null }, ctx, false).ok).toBe(true);
  });
});
