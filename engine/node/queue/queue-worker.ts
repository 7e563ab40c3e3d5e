import { Worker, type Job } from 'bullmq';
import { WorkerPool, type Remote } from '../runtime/worker-pool';
import { readModelHeader } from '../../model/vbm';
import {
  prepareDecodeResources,
  type SharedPreparedResources,
} from '../../recognize/decode-params';
import { batchHostUrl, sharedRunnerArgs, type HostedBatchRunner } from '../batch/batch-host-url';
import type { BatchOutcome } from '../batch/batch-tasks';
import type { RecognitionSetup } from '../batch/recognition-setup';
import { connectRedis, waitReady, type RedisTarget } from './redis-connection';
import { fetchSetup, fromWire, type JobData } from './queue-protocol';

export interface QueueWorkerOptions {
  target: RedisTarget;
  queue: string;
  /** Jobs at once, each on its own worker thread. */
  concurrency: number;
  /**
   * Seconds a job's lock lasts without renewal: a worker killed mid-job has
   * its job taken up by another after about this long (and as often checked).
   */
  lockSeconds: number;
  /** Progress and trouble, one line each, for stderr. */
  onLog?(message: string): void;
}

/** Setups a worker keeps loaded (each: its LM and lexicon, and a model and a decoder per thread). */
const KEPT_SETUPS = 2;

interface LoadedSetup {
  /** What its runners are made from: the LM and lexicon are parsed once, here, and shared with the threads. */
  args: [RecognitionSetup, SharedPreparedResources];
  /** Runners not busy with a job; a new one is made (on the least busy thread) when none is. */
  idle: Remote<HostedBatchRunner>[];
  all: Remote<HostedBatchRunner>[];
}

/**
 * `verbatim worker`: takes batch jobs from the queue until stopped, running
 * each on a pool of worker threads that keep each setup's model and decoder
 * loaded. `stop()` lets the jobs in hand finish, then closes everything.
 */
export class QueueWorker {
  private readonly setups = new Map<string, Promise<LoadedSetup>>();
  private done = 0;

  private constructor(
    private readonly options: QueueWorkerOptions,
    private readonly redis: ReturnType<typeof connectRedis>,
    /** BullMQ's connection: given by us, so closing the Worker leaves it open for us to close. */
    private readonly workerRedis: ReturnType<typeof connectRedis>,
    private readonly pool: WorkerPool,
    private readonly worker: Worker<JobData, BatchOutcome>,
  ) {}

  get jobsDone(): number {
    return this.done;
  }

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const log = options.onLog ?? (() => {});
    let warned = false;
    const hooks = {
      onError: (err: Error) => {
        if (!warned) log(`lost Redis at ${options.target.display} (${err.message}); retrying`);
        warned = true;
      },
      onReconnect: () => {
        warned = false;
        log(`reconnected to Redis at ${options.target.display}`);
      },
    };
    const redis = connectRedis(options.target, hooks);
    await waitReady(redis, options.target);
    const pool = new WorkerPool({ module: batchHostUrl, size: options.concurrency });
    // The processor needs the instance, which needs the worker: tied after construction.
    const holder: { self?: QueueWorker } = {};
    const lockMs = options.lockSeconds * 1000;
    const workerRedis = connectRedis(options.target);
    const worker = new Worker<JobData, BatchOutcome>(
      options.queue,
      (job) => holder.self!.process(job),
      {
        connection: workerRedis,
        concurrency: options.concurrency,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: 2,
        autorun: false,
      },
    );
    worker.on('error', () => {}); // connection trouble is reported once by the hooks above
    worker.on('failed', (job, err) => {
      if (job) log(`job ${job.id} attempt ${job.attemptsMade} failed: ${err.message}`);
    });
    const self = new QueueWorker(options, redis, workerRedis, pool, worker);
    holder.self = self;
    void worker.run();
    await worker.waitUntilReady();
    return self;
  }

  private async process(job: Job<JobData, BatchOutcome>): Promise<BatchOutcome> {
    const loaded = await this.load(job.data.setup);
    const runner = loaded.idle.pop() ?? (await this.newRunner(loaded));
    let outcome: BatchOutcome;
    try {
      [outcome] = await runner.runAll([fromWire(job.data.task)]);
    } catch (err) {
      // Its thread crashed (the pool has started another): drop the runner; BullMQ retries the job.
      loaded.all.splice(loaded.all.indexOf(runner), 1);
      throw err;
    }
    loaded.idle.push(runner);
    this.done++;
    return outcome;
  }

  private async newRunner(loaded: LoadedSetup): Promise<Remote<HostedBatchRunner>> {
    const runner = await this.pool.create<HostedBatchRunner>('batch-runner', loaded.args);
    loaded.all.push(runner);
    return runner;
  }

  /** The loaded setup `id`, fetched from Redis the first time (the least recently used is let go). */
  private load(id: string): Promise<LoadedSetup> {
    let loaded = this.setups.get(id);
    if (loaded) {
      this.setups.delete(id);
      this.setups.set(id, loaded);
      return loaded;
    }
    loaded = fetchSetup(this.redis, this.options.queue, id).then((setup) => {
      if (!setup)
        throw new Error(
          `the model and decode settings of this job are no longer in Redis (expired or lost); the submitter puts them back while it waits`,
        );
      const labels = readModelHeader(setup.model).alphabet;
      const prepared = prepareDecodeResources(labels, setup.resources);
      return { args: sharedRunnerArgs(setup, prepared), idle: [], all: [] };
    });
    loaded.catch(() => this.setups.delete(id));
    this.setups.set(id, loaded);
    if (this.setups.size > KEPT_SETUPS) {
      const [oldest, evicted] = this.setups.entries().next().value!;
      this.setups.delete(oldest);
      evicted.then(
        (s) => s.idle.forEach((r) => void r.dispose()),
        () => {},
      );
    }
    return loaded;
  }

  /** Finishes the jobs in hand, takes no more, and closes the threads and connections. */
  async stop(): Promise<void> {
    await this.worker.close();
    await this.pool.dispose();
    this.redis.disconnect();
    this.workerRedis.disconnect();
  }
}
