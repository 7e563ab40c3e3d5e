import { Queue, QueueEvents, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BatchExecutor } from '../batch/batch-executor';
import type { BatchOutcome, BatchTask } from '../batch/batch-tasks';
import { setupIdentity, type RecognitionSetup } from '../batch/recognition-setup';
import { InkFileReader } from '../batch/batch-runner';
import { connectRedis, waitReady, type RedisTarget } from './redis-connection';
import { jobIdOf, storeSetup, toWire, type JobData } from './queue-protocol';

/** The largest input `--ship` puts in a job (Redis holds every job's data while it is kept). */
export const MAX_SHIPPED_BYTES = 8 * 2 ** 20;

export interface QueueExecutorOptions {
  target: RedisTarget;
  queue: string;
  setup: RecognitionSetup;
  /** How long finished results (and the setup) stay in Redis for re-runs to reuse. */
  keepSeconds: number;
  /** Recompute: drop finished results of these inputs first. */
  fresh?: boolean;
  /** Attempts per job before it fails (a crashed worker, a lost model), with exponential backoff. */
  attempts?: number;
  /** Connection trouble and recovery, for stderr. */
  onNotice?(message: string): void;
}

/** How often the submitter looks at its unfinished jobs itself (events can be missed across a reconnect). */
const RECONCILE_MS = 3000;

/**
 * Runs tasks as BullMQ jobs on a Redis queue (`--redis URL`) and waits for
 * `verbatim worker`s anywhere to finish them. Jobs are idempotent: the id is a
 * hash of the setup and the input's content, so a finished result is reused
 * (while kept) unless `fresh`. Results arrive by queue events and, as a safety
 * net across Redis restarts, by polling the unfinished jobs, which also puts
 * back jobs (and the setup) that a restarted Redis lost.
 */
export class QueueExecutor implements BatchExecutor {
  private readonly setupId: string;

  private constructor(
    private readonly options: QueueExecutorOptions,
    private readonly redis: Redis,
    private readonly eventsRedis: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    this.setupId = setupIdentity(options.setup);
  }

  static async start(options: QueueExecutorOptions): Promise<QueueExecutor> {
    const notice = options.onNotice ?? (() => {});
    let warned = false;
    const hooks = {
      onError: (err: Error) => {
        if (!warned) notice(`lost Redis at ${options.target.display} (${err.message}); retrying`);
        warned = true;
      },
      onReconnect: () => {
        warned = false;
        notice(`reconnected to Redis at ${options.target.display}`);
      },
    };
    const redis = connectRedis(options.target, hooks);
    const eventsRedis = connectRedis(options.target);
    try {
      await waitReady(redis, options.target);
      const queue = new Queue(options.queue, { connection: redis });
      const events = new QueueEvents(options.queue, { connection: eventsRedis });
      queue.on('error', () => {}); // reported once by the connection hooks
      events.on('error', () => {});
      await events.waitUntilReady();
      return new QueueExecutor(options, redis, eventsRedis, queue, events);
    } catch (err) {
      redis.disconnect();
      eventsRedis.disconnect();
      throw err;
    }
  }

  async run(
    tasks: readonly BatchTask[],
    onOutcome: (index: number, outcome: BatchOutcome) => void,
  ): Promise<void> {
    const { queue, options } = this;
    const startedAt = Date.now();
    const inkFiles = new InkFileReader();
    const indices = new Map<string, number[]>();
    const taskOf = new Map<string, BatchTask>();
    tasks.forEach((task, i) => {
      const size = 'bytes' in task && task.bytes ? task.bytes.byteLength : 0;
      if (size > MAX_SHIPPED_BYTES) {
        onOutcome(i, {
          error: `${(size / 2 ** 20).toFixed(1)} MB is over the ${MAX_SHIPPED_BYTES / 2 ** 20} MB --ship sends in a job; put the inputs where every worker can read them and leave out --ship`,
        });
        return;
      }
      const id = jobIdOf(this.setupId, task, inkFiles);
      indices.set(id, [...(indices.get(id) ?? []), i]);
      taskOf.set(id, task);
    });
    const pending = new Set(indices.keys());
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const settle = (id: string, outcome: BatchOutcome) => {
      if (!pending.delete(id)) return;
      for (const i of indices.get(id) ?? []) onOutcome(i, outcome);
      if (pending.size === 0) finish();
    };
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) =>
      settle(jobId, parseOutcome(returnvalue));
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
      if (!pending.has(jobId)) return;
      // 'failed' is also heard for attempts that will be retried: settle only on the last one.
      queue.getJobState(jobId).then(
        (state) => state === 'failed' && settle(jobId, { error: failedReason }),
        () => {},
      );
    };
    this.events.on('completed', onCompleted);
    this.events.on('failed', onFailed);

    const jobOptions = (jobId: string): JobsOptions => ({
      jobId,
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: options.keepSeconds },
      removeOnFail: { age: options.keepSeconds },
    });
    const add = async (ids: string[]) => {
      for (let from = 0; from < ids.length; from += 500) {
        await queue.addBulk(
          ids.slice(from, from + 500).map((id) => {
            const task = taskOf.get(id)!;
            const data: JobData = { setup: this.setupId, task: toWire(task) };
            return { name: task.op, data, opts: jobOptions(id) };
          }),
        );
      }
    };
    const retried = new Set<string>();
    /** Looks at unfinished jobs: settles finished ones, puts back lost ones, retries old failures. */
    const reconcile = async () => {
      await storeSetup(this.redis, options.queue, this.setupId, options.setup, options.keepSeconds);
      const ids = [...pending];
      const lost: string[] = [];
      for (let from = 0; from < ids.length; from += 200) {
        const part = ids.slice(from, from + 200);
        const jobs = await Promise.all(part.map((id) => queue.getJob(id)));
        await Promise.all(
          jobs.map(async (job, k) => {
            const id = part[k];
            if (!job) return lost.push(id);
            if (!job.finishedOn) return;
            const state = await job.getState();
            if (state === 'completed') settle(id, parseOutcome(job.returnvalue));
            else if (state === 'failed') {
              // A failure left by an earlier run is tried again once; one of this run is final.
              if (job.finishedOn < startedAt && !retried.has(id)) {
                retried.add(id);
                await job.retry('failed');
              } else settle(id, { error: job.failedReason || 'the job failed' });
            }
          }),
        );
      }
      if (lost.length) await add(lost);
    };

    try {
      await storeSetup(this.redis, options.queue, this.setupId, options.setup, options.keepSeconds);
      if (options.fresh) await this.removeFinished([...pending]);
      if (pending.size === 0) return;
      await add([...pending]);
      let busy = false;
      const tick = async () => {
        if (busy || pending.size === 0) return;
        busy = true;
        try {
          await reconcile();
        } catch {
          // Redis is away: the connection retries, and the next tick looks again.
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(tick, RECONCILE_MS);
      const onReady = () => void tick();
      this.redis.on('ready', onReady);
      try {
        await tick();
        await finished;
      } finally {
        clearInterval(timer);
        this.redis.off('ready', onReady);
      }
    } finally {
      this.events.off('completed', onCompleted);
      this.events.off('failed', onFailed);
    }
  }

  /** `--fresh`: drops the kept results of these jobs so they run again (running ones are left). */
  private async removeFinished(ids: string[]): Promise<void> {
    for (let from = 0; from < ids.length; from += 200) {
      const jobs = await Promise.all(
        ids.slice(from, from + 200).map((id) => this.queue.getJob(id)),
      );
      await Promise.all(
        jobs.map(async (job) => {
          if (job && job.finishedOn) await job.remove();
        }),
      );
    }
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.redis.disconnect();
    this.eventsRedis.disconnect();
  }
}

/** A job's return value as an outcome (BullMQ hands it back parsed, or as JSON text). */
function parseOutcome(value: unknown): BatchOutcome {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  if (parsed && typeof parsed === 'object') return parsed as BatchOutcome;
  return { error: `a worker returned no result (${String(value)})` };
}
