import { Redis, type RedisOptions } from 'ioredis';

/** Where the queue lives: a parsed `redis://` or `rediss://` (TLS) URL. */
export interface RedisTarget {
  options: RedisOptions;
  /** The URL with any password replaced by `***`: the only form that is ever printed. */
  display: string;
}

/** `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (TLS) → connection options. */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(
      // The text is not echoed: it may hold a password.
      '--redis expects a URL like redis://host:6379 or rediss://user:password@host:6380/0; the value given is not a URL',
    );
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(
      `--redis expects a redis:// or rediss:// (TLS) URL, got a ${u.protocol.replace(':', '')}: URL`,
    );
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new Error(
      `the Redis URL's database must be a number (…/0), got "${u.pathname.slice(1)}"`,
    );
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const options: RedisOptions = {
    host,
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
  return { options, display: redactRedisUrl(url) };
}

/** The URL with its password (if any) replaced by `***`. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** Why a connection fails, without the password (ioredis messages never hold it; ours neither). */
export interface ConnectionHooks {
  /** A connection was lost or could not be made (retried for ever, every 0.05–2 s). */
  onError?(error: Error): void;
  /** Connected again after a loss. */
  onReconnect?(): void;
}

/**
 * A connection that retries for ever (BullMQ needs `maxRetriesPerRequest:
 * null`), so a Redis restart is waited out instead of failing the run.
 */
export function connectRedis(target: RedisTarget, hooks: ConnectionHooks = {}): Redis {
  const redis = new Redis({
    ...target.options,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 50, 2000),
  });
  let lost = false;
  redis.on('error', (err: Error) => {
    lost = true;
    hooks.onError?.(err);
  });
  redis.on('ready', () => {
    if (lost) hooks.onReconnect?.();
    lost = false;
  });
  return redis;
}

/** Resolves once the connection is ready, or fails with a message naming the (redacted) URL. */
export async function waitReady(
  redis: Redis,
  target: RedisTarget,
  timeoutMs = 10_000,
): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    let lastError = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      redis.off('error', onError);
      redis.disconnect();
      reject(new Error(why));
    };
    const onError = (err: Error) => {
      lastError = err.message;
      // Wrong credentials do not get better by retrying.
      if (/^(WRONGPASS|NOAUTH|NOPERM)/.test(err.message))
        fail(`Redis at ${target.display} refused the credentials: ${err.message}`);
    };
    const timer = setTimeout(
      () =>
        fail(
          `cannot reach Redis at ${target.display} within ${timeoutMs / 1000} s${lastError ? ` (${lastError})` : ''}: is redis-server running there?`,
        ),
      timeoutMs,
    );
    redis.on('error', onError);
    redis.once('ready', () => {
      clearTimeout(timer);
      redis.off('error', onError);
      resolve();
    });
  });
}
