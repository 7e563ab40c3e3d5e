import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redactRedisUrl } from './redis-connection';

describe('Redis URLs', () => {
  it('reads redis:// and rediss:// (TLS) with user, password and database', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390').options).toEqual({
      host: '127.0.0.1',
      port: 6390,
      db: 0,
    });
    expect(parseRedisUrl('rediss://bob:s3cr%40t@queue.example:6380/2').options).toEqual({
      host: 'queue.example',
      port: 6380,
      db: 2,
      username: 'bob',
      password: 's3cr@t',
      tls: { servername: 'queue.example' },
    });
    expect(parseRedisUrl('redis://:pw@localhost').options).toMatchObject({
      port: 6379,
      password: 'pw',
    });
  });

  it('never shows the password', () => {
    for (const url of [
      'redis://bob:hunter2@h:1/0',
      'rediss://:hunter2@h',
      'redis://bob:hunter2@h',
    ]) {
      const { display } = parseRedisUrl(url);
      expect(display).not.toContain('hunter2');
      expect(display).toContain(':***@h');
    }
    expect(redactRedisUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(() => parseRedisUrl('http://bob:hunter2@h')).toThrow('redis:// or rediss://');
    try {
      parseRedisUrl('redis://bob:hunter2@h/x');
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
    expect(() => parseRedisUrl('not a url :hunter2@')).toThrow(/^(?!.*hunter2).*expects a URL/);
  });
});
