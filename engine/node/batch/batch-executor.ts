import type { BatchOutcome, BatchTask } from './batch-tasks';

/**
 * Runs batch tasks somewhere (this thread, worker threads, a Redis queue) and
 * reports each outcome by the task's index, in whatever order they finish.
 */
export interface BatchExecutor {
  run(
    tasks: readonly BatchTask[],
    onOutcome: (index: number, outcome: BatchOutcome) => void,
  ): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Runs `tasks` on `executor` and hands each outcome to `print` in input order,
 * as soon as every earlier one has been printed (later ones wait in a buffer),
 * so the output is the same whichever executor ran the work.
 */
export async function runInOrder<T extends BatchTask>(
  tasks: readonly T[],
  executor: BatchExecutor,
  print: (task: T, outcome: BatchOutcome, index: number) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const waiting = new Map<number, BatchOutcome>();
  let next = 0;
  let done = 0;
  await executor.run(tasks, (index, outcome) => {
    if (index < next || waiting.has(index)) return; // a repeated report (e.g. a retried job)
    waiting.set(index, outcome);
    done++;
    for (let o = waiting.get(next); o !== undefined; o = waiting.get(next)) {
      waiting.delete(next);
      print(tasks[next], o, next);
      next++;
    }
    onProgress?.(done, tasks.length);
  });
  if (next !== tasks.length)
    throw new Error(
      `the batch ended with ${tasks.length - next} of ${tasks.length} inputs unanswered`,
    );
}
