import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CliIo } from './command';
import { positiveInt, progressWriter } from './options';
import { QUEUE_FLAGS, queueTarget } from './queue-target';
import { UsageError } from './usage-error';
import { runInOrder, type BatchExecutor } from '../batch/batch-executor';
import type { BatchTask, OutcomeOf } from '../batch/batch-tasks';
import { BatchRunner } from '../batch/batch-runner';
import { localExecutor } from '../batch/local-executor';
import { PoolExecutor } from '../batch/pool-executor';
import type { RecognitionSetup } from '../batch/recognition-setup';
import { loadBestKernels } from '../runtime/load-kernels';

/** The flags every batch command shares: where its inputs are recognized. */
export const BATCH_FLAGS = {
  jobs: { type: 'string' },
  ...QUEUE_FLAGS,
  ship: { type: 'boolean' },
  fresh: { type: 'boolean' },
  'keep-results': { type: 'string' },
} as const;

export const BATCH_USAGE =
  '[--jobs N (default: the cores) | --redis URL (or VERBATIM_REDIS_URL) [--queue NAME] [--ship] [--fresh] [--keep-results 7d]]';

type BatchValues = {
  [K in keyof typeof BATCH_FLAGS]?: (typeof BATCH_FLAGS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/** Where and how a batch runs, from its flags. */
export type BatchPlan =
  | { where: 'local'; jobs: number }
  | {
      where: 'queue';
      redis: string;
      queue: string;
      ship: boolean;
      fresh: boolean;
      keepSeconds: number;
    };

export function batchPlan(values: BatchValues, usage: string): BatchPlan {
  const { redis, queue } = queueTarget(values);
  const queueOnly = (['queue', 'ship', 'fresh', 'keep-results'] as const).filter(
    (f) => values[f] !== undefined,
  );
  if (!redis) {
    if (queueOnly.length)
      throw new UsageError(`--${queueOnly[0]} goes with --redis URL (a job queue)`, usage);
    const jobs =
      values.jobs === undefined
        ? availableParallelism()
        : positiveInt(values.jobs, '--jobs', usage);
    return { where: 'local', jobs };
  }
  if (values.jobs !== undefined)
    throw new UsageError(
      `--jobs runs on this machine; with --redis (or VERBATIM_REDIS_URL) the workers' --concurrency sets how many run at once`,
      usage,
    );
  return {
    where: 'queue',
    redis,
    queue,
    ship: Boolean(values.ship),
    fresh: Boolean(values.fresh),
    keepSeconds:
      values['keep-results'] === undefined
        ? 7 * 86400
        : parseDuration(values['keep-results'], usage),
  };
}

/** `90s`, `30m`, `12h`, `7d` (or plain seconds) → seconds. */
export function parseDuration(text: string, usage: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  const seconds = m
    ? Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's']!
    : NaN;
  if (!(seconds >= 1))
    throw new UsageError(
      `--keep-results expects a duration like 90s, 30m, 12h or 7d, got "${text}"`,
      usage,
    );
  return seconds;
}

/**
 * The executor for a plan: this thread for one job (or one input), this
 * thread and N − 1 worker threads for N, the Redis queue with --redis.
 */
export async function openExecutor(
  plan: BatchPlan,
  setup: RecognitionSetup,
  inputs: number,
  io: CliIo,
  command: string,
): Promise<BatchExecutor> {
  if (plan.where === 'queue') {
    // Loaded only here: bullmq and ioredis are not needed by a local run.
    const { QueueExecutor, parseRedisUrl } = await import('../queue/index');
    return QueueExecutor.start({
      target: parseRedisUrl(plan.redis),
      queue: plan.queue,
      setup,
      keepSeconds: plan.keepSeconds,
      fresh: plan.fresh,
      onNotice: (m) => io.stderr.write(`verbatim ${command}: ${m}\n`),
    });
  }
  const jobs = Math.min(plan.jobs, inputs);
  if (jobs <= 1) return localExecutor(new BatchRunner(setup, loadBestKernels()));
  return PoolExecutor.start(setup, jobs, loadBestKernels());
}

/**
 * Progress on stderr: `done/total unit, rate/s, ETA` redrawn on a terminal;
 * for a queued run, also a plain line every 10 s when stderr is not one.
 */
export function batchProgress(io: CliIo, command: string, unit: string, queued: boolean) {
  const draw = progressWriter(io, command);
  const started = Date.now();
  let lastLine = started;
  return (done: number, total: number) => {
    const now = Date.now();
    const rate = done / Math.max((now - started) / 1000, 1e-3);
    const eta = done < total && rate > 0 ? `, ETA ${formatSeconds((total - done) / rate)}` : '';
    const text = `${done}/${total} ${unit}, ${rate.toFixed(1)}/s${eta}`;
    draw(text, done === total);
    if (queued && !io.interactive && (now - lastLine >= 10_000 || done === total)) {
      lastLine = now;
      io.stderr.write(`verbatim ${command}: ${text}\n`);
    }
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/**
 * Runs a batch command's tasks where the plan says and hands each outcome to
 * `print` in input order, with progress on stderr.
 */
export async function runBatch<T extends BatchTask>(
  plan: BatchPlan,
  setup: RecognitionSetup,
  tasks: T[],
  io: CliIo,
  command: string,
  unit: string,
  print: (task: T, outcome: OutcomeOf[T['op']], index: number) => void,
): Promise<void> {
  const progress = batchProgress(io, command, unit, plan.where === 'queue');
  await runBatches(plan, setup, [tasks], io, command, print, (done) =>
    progress(done, tasks.length),
  );
}

/**
 * runBatch for inputs made as they are needed, a batch at a time (a UNIPEN
 * category too large to hold at once): one executor, sized by the first
 * batch, runs them all; each batch's outcomes go to `print` in input order
 * (indices count on across batches) before the next batch is asked for, so
 * only one batch is held at a time. `onProgress` gets the outcomes so far.
 */
export async function runBatches<T extends BatchTask>(
  plan: BatchPlan,
  setup: RecognitionSetup,
  batches: Iterable<T[]>,
  io: CliIo,
  command: string,
  print: (task: T, outcome: OutcomeOf[T['op']], index: number) => void,
  onProgress?: (done: number) => void,
): Promise<void> {
  let executor: BatchExecutor | undefined;
  let before = 0;
  try {
    for (const tasks of batches) {
      executor ??= await openExecutor(plan, setup, tasks.length, io, command);
      await runInOrder(
        tasks,
        executor,
        // A task's runner gives the outcome of its op.
        (task, outcome, i) => print(task, outcome as OutcomeOf[T['op']], before + i),
        onProgress && ((done) => onProgress(before + done)),
      );
      before += tasks.length;
    }
  } finally {
    await executor?.dispose();
  }
}

/** A file's bytes to send in its job (`--ship`), or undefined (not shipping, or unreadable: the worker says why). */
export function shippedBytes(plan: BatchPlan, path: string): Uint8Array | undefined {
  if (plan.where !== 'queue' || !plan.ship) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
