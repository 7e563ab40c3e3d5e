import { afterEach, describe, expect, it } from 'vitest';
import type { Counter } from './fixtures/pool-host';
import { WorkerPool } from './worker-pool';

const hostUrl = new URL('./fixtures/pool-host.ts', import.meta.url);
let pool: WorkerPool | null = null;

afterEach(async () => {
  await pool?.dispose();
  pool = null;
});

describe('WorkerPool', () => {
  it('creates stateful objects in workers and calls them in order, spread over the workers', async () => {
    pool = new WorkerPool({ module: hostUrl, size: 2 });
    const a = await pool.create<Counter>('counter', [10]);
    const b = await pool.create<Counter>('counter', [100]);
    const slow = a.slowAdd(1, 50);
    const fast = a.add(2);
    expect(await Promise.all([slow, fast, b.add(5)])).toEqual([11, 13, 105]);
    expect(await a.thread()).not.toBe(await b.thread());
    await expect(a.fail('bad value')).rejects.toThrow(
      expect.objectContaining({ name: 'RangeError', message: 'bad value' }),
    );
    expect(await a.add(0)).toBe(13); // the object survives its method's error
    await expect(a.unsendable()).rejects.toThrow(/result of unsendable\(\) cannot be sent/);
    const notData = (() => 1) as unknown as number;
    await expect(a.add(notData)).rejects.toThrow(/add\(\): its arguments cannot be sent/);
    expect(await a.add(0)).toBe(13);
    await a.dispose();
    await expect(a.add(1)).rejects.toThrow(/disposed object/);
    await expect(pool.create('nothing')).rejects.toThrow(
      /no hosted object kind "nothing"; this worker hosts: counter, emitter/,
    );
  });

  it('delivers events from the worker, before the call that emitted them resolves', async () => {
    pool = new WorkerPool({ module: hostUrl, size: 1 });
    const events: string[] = [];
    const e = await pool.create<{ run(words: string[]): string }>('emitter', [], {
      onEvent: (event, payload) =>
        events.push(payload === undefined ? event : `${event}:${payload}`),
    });
    expect(await e.run(['one', 'two', 'three'])).toBe('one two three');
    expect(events).toEqual(['partial:one', 'partial:one two', 'partial:one two three']);
    await e.dispose();
    expect(events[events.length - 1]).toBe('disposed');
  });

  it('keeps the main event loop free while a worker computes', async () => {
    pool = new WorkerPool({ module: hostUrl, size: 1 });
    const c = await pool.create<Counter>('counter');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await c.spin(300);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });

  it('rejects the calls of a crashed worker, reports its objects lost and replaces it', async () => {
    const crashes: number[] = [];
    pool = new WorkerPool({ module: hostUrl, size: 1, onCrash: (_, w) => crashes.push(w) });
    const lost: Error[] = [];
    const onLost = (e: Error) => lost.push(e);
    const doomed = await pool.create<Counter>('counter', [1], { onLost });
    const neighbour = await pool.create<Counter>('counter', [1], { onLost });
    const firstThread = await doomed.thread();
    // a call of another object in the same worker, still running when the worker dies
    const pendingAdd = expect(neighbour.slowAdd(1, 5000)).rejects.toThrow(
      /crashed .* during slowAdd\(\)/,
    );
    await expect(doomed.crash()).rejects.toThrow(
      /worker 0 of the pool crashed \(exit code 7\) during crash\(\)/,
    );
    await pendingAdd;
    expect(lost).toHaveLength(2);
    expect(crashes).toEqual([0]);
    await expect(doomed.add(1)).rejects.toThrow(/lost with it: create it again/);

    const fresh = await pool.create<Counter>('counter', [5]);
    expect(await fresh.add(1)).toBe(6);
    expect(await fresh.thread()).not.toBe(firstThread);
  });

  it('dispose() rejects calls in flight and refuses new work', async () => {
    pool = new WorkerPool({ module: hostUrl, size: 1 });
    const c = await pool.create<Counter>('counter');
    const inFlight = expect(c.slowAdd(1, 500)).rejects.toThrow(/disposed/);
    await pool.dispose();
    await inFlight;
    await expect(c.add(1)).rejects.toThrow(/disposed/);
    await expect(pool.create('counter')).rejects.toThrow(/disposed/);
  });
});
