import type { Kernels } from '../../kernels/kernels';
import type { SharedPreparedResources } from '../../recognize/decode-params';
import { WorkerPool, type Remote } from '../runtime/worker-pool';
import type { BatchExecutor } from './batch-executor';
import { batchHostUrl, sharedRunnerArgs, type HostedBatchRunner } from './batch-host-url';
import { BatchRunner } from './batch-runner';
import type { BatchOutcome, BatchTask } from './batch-tasks';
import { dispatchOrder, taskWeight } from './dispatch-order';
import type { RecognitionSetup } from './recognition-setup';

/** Chunks each worker thread keeps in flight, so it never waits for the next message. */
const IN_FLIGHT = 3;

/**
 * Runs tasks on `jobs` threads (`--jobs N`): this one and jobs − 1 worker
 * threads, each holding one model and decoder built once from `setup`; the
 * LM and lexicon are parsed once, here, and shared with the workers. A worker
 * thread takes a while to start (its own module loader, then the model), and
 * this thread works meanwhile instead of waiting.
 * Tasks go out from a shared cursor (an ink file at a time, other tasks in
 * small chunks), the heaviest of each window of inputs first (dispatchOrder),
 * so a slow input holds up only its own thread and the threads end together. A worker that
 * crashes is replaced; the tasks of its chunk run again one by one, and a task
 * that crashes a worker on its own gets an error outcome.
 */
export class PoolExecutor implements BatchExecutor {
  private readonly reviving = new Map<number, Promise<void>>();

  private readonly runners: Promise<Remote<HostedBatchRunner>>[];

  private constructor(
    private readonly pool: WorkerPool,
    /** What a worker's runner is created from: the setup without its resources' text, and them shared. */
    private readonly runnerArgs: [RecognitionSetup, SharedPreparedResources],
    private readonly local: BatchRunner,
    jobs: number,
  ) {
    this.runners = Array.from({ length: jobs - 1 }, () => this.createRunner());
    for (const r of this.runners) r.catch(() => {}); // its lane reports the failure
  }

  static start(setup: RecognitionSetup, jobs: number, kernels?: Kernels): PoolExecutor {
    if (!Number.isInteger(jobs) || jobs < 2)
      throw new RangeError(`a pool needs 2 or more jobs, got ${jobs}`);
    // The threads start (their module loading takes a while) as this one builds
    // the model and decoder; the LM and lexicon it parses are then shared with them.
    const pool = new WorkerPool({ module: batchHostUrl, size: jobs - 1 });
    try {
      const local = new BatchRunner(setup, kernels);
      return new PoolExecutor(pool, sharedRunnerArgs(setup, local.prepared), local, jobs);
    } catch (err) {
      void pool.dispose();
      throw err;
    }
  }

  private createRunner(): Promise<Remote<HostedBatchRunner>> {
    return this.pool.create<HostedBatchRunner>('batch-runner', this.runnerArgs);
  }

  async run(
    tasks: readonly BatchTask[],
    onOutcome: (index: number, outcome: BatchOutcome) => void,
  ): Promise<void> {
    // An ink file holds from one to hundreds of items: one per message keeps the threads even.
    const lanes = this.runners.length + 1;
    const chunk =
      tasks[0]?.op === 'ink-file'
        ? 1
        : Math.max(1, Math.min(8, Math.ceil(tasks.length / (lanes * 16))));
    const order = dispatchOrder(tasks.map(taskWeight));
    let cursor = 0;
    const here = async () => {
      while (cursor < order.length) {
        const i = order[cursor++];
        // Between steps (an ink file's items), the worker threads' results and
        // next chunks go through: a worker is never left waiting for a long file here.
        const steps = this.local.steps(tasks[i]);
        let step = steps.next();
        while (!step.done) {
          await new Promise((resolve) => setImmediate(resolve));
          step = steps.next();
        }
        onOutcome(i, step.value);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    // A worker's extra lanes hide the message round trip; near the end they
    // stop, so no worker holds a queue of inputs while the other threads idle.
    const ending = () => order.length - cursor < lanes * IN_FLIGHT * chunk;
    const there = async (r: number, lane: number) => {
      while (cursor < order.length && (lane === 0 || !ending())) {
        const taken = order.slice(cursor, cursor + chunk);
        cursor += taken.length;
        const outcomes = await this.runChunk(
          r,
          taken.map((i) => tasks[i]),
        );
        outcomes.forEach((o, k) => onOutcome(taken[k], o));
      }
    };
    await Promise.all([
      here(),
      ...this.runners.flatMap((_, r) => Array.from({ length: IN_FLIGHT }, (_, k) => there(r, k))),
    ]);
  }

  private async runChunk(r: number, tasks: BatchTask[]): Promise<BatchOutcome[]> {
    try {
      return await (await this.runners[r]).runAll(tasks);
    } catch (err) {
      // The worker died (its error says so): start a runner again, then isolate the culprit.
      const outcomes: BatchOutcome[] = [];
      for (const task of tasks) {
        try {
          await this.revive(r);
          outcomes.push(...(await (await this.runners[r]).runAll([task])));
        } catch (again) {
          outcomes.push({ error: (again as Error).message ?? String(err) });
        }
      }
      return outcomes;
    }
  }

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
    try {
      await (await this.runners[r]).runAll([]);
    } catch {
      this.runners[r] = this.createRunner();
      await this.runners[r];
    }
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
