import type { BatchExecutor } from './batch-executor';
import { BatchRunner } from './batch-runner';

/** Runs every task in this thread, one after another (`--jobs 1`). */
export function localExecutor(runner: BatchRunner): BatchExecutor {
  return {
    async run(tasks, onOutcome) {
      tasks.forEach((task, i) => onOutcome(i, runner.run(task)));
    },
    async dispose() {},
  };
}
