import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOf } from '../batch/batch-tasks';
import { recognitionSetupFor } from '../batch/recognition-setup';
import { readInkFile } from '../io/ink-files';
import { activeModel } from '../use-cases/models/model-store';
import { batchPlan, parseDuration, runBatch, runBatches } from './batch-flags';
import { queueTarget, requiredQueueTarget } from './queue-target';
import { UsageError } from './usage-error';

const saved = process.env.VERBATIM_REDIS_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.VERBATIM_REDIS_URL;
  else process.env.VERBATIM_REDIS_URL = saved;
});

describe('batch flags', () => {
  it('runs locally on every core unless told otherwise', () => {
    delete process.env.VERBATIM_REDIS_URL;
    expect(batchPlan({}, 'u')).toEqual({ where: 'local', jobs: availableParallelism() });
    expect(batchPlan({ jobs: '3' }, 'u')).toEqual({ where: 'local', jobs: 3 });
    expect(() => batchPlan({ jobs: '0' }, 'u')).toThrow(UsageError);
    expect(() => batchPlan({ ship: true }, 'u')).toThrow('--ship goes with --redis URL');
  });

  it('queues with --redis or VERBATIM_REDIS_URL, where --jobs has no meaning', () => {
    process.env.VERBATIM_REDIS_URL = 'redis://env-host:6379';
    expect(batchPlan({ fresh: true, 'keep-results': '12h' }, 'u')).toEqual({
      where: 'queue',
      redis: 'redis://env-host:6379',
      queue: 'verbatim',
      ship: false,
      fresh: true,
      keepSeconds: 12 * 3600,
    });
    expect(batchPlan({ redis: 'redis://flag-host' }, 'u')).toMatchObject({
      redis: 'redis://flag-host',
    });
    expect(() => batchPlan({ jobs: '2' }, 'u')).toThrow(/--concurrency/);
  });

  it('reads durations in s, m, h, d', () => {
    expect([
      parseDuration('90', 'u'),
      parseDuration('90s', 'u'),
      parseDuration('30m', 'u'),
    ]).toEqual([90, 90, 1800]);
    expect(parseDuration('7d', 'u')).toBe(7 * 86400);
    for (const bad of ['', '0', '1w', '-1h', 'soon'])
      expect(() => parseDuration(bad, 'u')).toThrow(UsageError);
  });
});

describe('queue target (batch commands, worker, queue status)', () => {
  it('takes --redis over VERBATIM_REDIS_URL, and --queue over the default queue', () => {
    process.env.VERBATIM_REDIS_URL = 'redis://env-host:6379';
    expect(queueTarget({})).toEqual({ redis: 'redis://env-host:6379', queue: 'verbatim' });
    expect(queueTarget({ redis: 'redis://flag-host', queue: 'night' })).toEqual({
      redis: 'redis://flag-host',
      queue: 'night',
    });
    delete process.env.VERBATIM_REDIS_URL;
    expect(queueTarget({ queue: 'night' })).toEqual({ redis: undefined, queue: 'night' });
  });

  it('a command that needs the queue says how to name it when neither is given', () => {
    delete process.env.VERBATIM_REDIS_URL;
    expect(() => requiredQueueTarget({ queue: 'q' }, 'usage: x')).toThrow(UsageError);
    expect(() => requiredQueueTarget({}, 'usage: x')).toThrow(
      '--redis URL (or VERBATIM_REDIS_URL) is required',
    );
    process.env.VERBATIM_REDIS_URL = 'redis://env-host';
    expect(requiredQueueTarget({}, 'usage: x')).toEqual({
      redis: 'redis://env-host',
      queue: 'verbatim',
    });
  });
});

const unipen = resolve(
  process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'),
  'unipen',
);
const digits = join(unipen, 'data', '1a', 'tos', 'f1', 'f1002058.dat');
const digitModel = activeModel('digits');

describe.skipIf(!existsSync(digits) || digitModel === undefined)('runBatches', () => {
  it('prints what runBatch prints for the same inputs in batches, with 1 and 2 jobs', async () => {
    const tasks = readInkFile(digits)
      .slice(0, 7)
      .map((it): TaskOf<'eval-ink'> => ({ op: 'eval-ink', ink: it.ink }));
    const { setup } = recognitionSetupFor(digitModel!);
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), interactive: false };
    for (const jobs of [1, 2]) {
      const plan = { where: 'local', jobs } as const;
      const whole: [number, unknown, number][] = [];
      await runBatch(plan, setup, tasks, io, 'test', 'inks', (task, outcome, i) =>
        whole.push([tasks.indexOf(task), outcome, i]),
      );
      const batched: [number, unknown, number][] = [];
      const done: number[] = [];
      await runBatches(
        plan,
        setup,
        [tasks.slice(0, 3), tasks.slice(3, 4), tasks.slice(4)],
        io,
        'test',
        (task, outcome, i) => batched.push([tasks.indexOf(task), outcome, i]),
        (n) => done.push(n),
      );
      expect(whole.map(([t, , i]) => [t, i])).toEqual(tasks.map((_, k) => [k, k]));
      expect(batched).toEqual(whole);
      expect(done.at(-1)).toBe(tasks.length);
    }
  });
});
