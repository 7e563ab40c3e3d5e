import { WorkerPool, type Remote } from '../runtime/worker-pool';
import type { BatchExecutor } from './batch-executor';
import { batchHostUrl, type HostedBatchRunner } from './batch-host-url';
import type { BatchOutcome, BatchTask } from './batch-tasks';
import type { RecognitionSetup } from './recognition-setup';

/** Chunks each runner keeps in flight, so a worker never waits for the next message. */
const IN_FLIGHT = 2;

/**
 * Runs tasks on `jobs` worker threads (`--jobs N`), each holding one model and
 * decoder built once from `setup`. Tasks go out in small chunks from a shared
 * cursor, so a slow input holds up only its own worker. A worker that crashes
 * is replaced; the tasks of its chunk run again one by one, and a task that
 * crashes a worker on its own gets an error outcome.
 */
export class PoolExecutor implements BatchExecutor {
  private constructor(
    private readonly pool: WorkerPool,
    private readonly setup: RecognitionSetup,
    private runners: Remote<HostedBatchRunner>[],
  ) {}

  static async start(setup: RecognitionSetup, jobs: number): Promise<PoolExecutor> {
    const pool = new WorkerPool({ module: batchHostUrl, size: jobs });
    try {
      const runners = await Promise.all(
        Array.from({ length: jobs }, () => pool.create<HostedBatchRunner>('batch-runner', [setup])),
      );
      return new PoolExecutor(pool, setup, runners);
    } catch (err) {
      await pool.dispose();
      throw err;
    }
  }

  async run(
    tasks: readonly BatchTask[],
    onOutcome: (index: number, outcome: BatchOutcome) => void,
  ): Promise<void> {
    const chunk = Math.max(1, Math.min(8, Math.ceil(tasks.length / (this.runners.length * 16))));
    let cursor = 0;
    const lane = async (r: number) => {
      while (cursor < tasks.length) {
        const from = cursor;
        cursor = Math.min(tasks.length, cursor + chunk);
        const outcomes = await this.runChunk(r, tasks.slice(from, cursor));
        outcomes.forEach((o, i) => onOutcome(from + i, o));
      }
    };
    await Promise.all(
      this.runners.flatMap((_, r) => Array.from({ length: IN_FLIGHT }, () => lane(r))),
    );
  }

  private async runChunk(r: number, tasks: BatchTask[]): Promise<BatchOutcome[]> {
    try {
      return await this.runners[r].runAll(tasks);
    } catch (err) {
      // The worker died (its error says so): start a runner again, then isolate the culprit.
      const outcomes: BatchOutcome[] = [];
      for (const task of tasks) {
        try {
          await this.revive(r);
          outcomes.push(...(await this.runners[r].runAll([task])));
        } catch (again) {
          outcomes.push({ error: (again as Error).message ?? String(err) });
        }
      }
      return outcomes;
    }
  }

  private readonly reviving = new Map<number, Promise<void>>();

  /** Recreates runner r when its worker has crashed (a live runner is kept); one at a time. */
  private revive(r: number): Promise<void> {
    let pending = this.reviving.get(r);
    if (!pending) {
      pending = this.reviveNow(r).finally(() => this.reviving.delete(r));
      this.reviving.set(r, pending);
    }
    return pending;
  }

  private async reviveNow(r: number): Promise<void> {
    const probe = this.runners[r];
    try {
      await probe.runAll([]);
    } catch {
      this.runners[r] = await this.pool.create<HostedBatchRunner>('batch-runner', [this.setup]);
    }
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
