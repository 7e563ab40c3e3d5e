/**
 * The worker-thread module of `--jobs N`: hosts one BatchRunner (model and
 * decoder loaded once) per worker, called with chunks of tasks.
 */
import { isMainThread } from 'node:worker_threads';
import { loadBestKernels } from '../runtime/load-kernels';
import { hostObjects } from '../runtime/object-host';
import { BatchRunner } from './batch-runner';
import type { BatchOutcome, BatchTask } from './batch-tasks';
import type { RecognitionSetup } from './recognition-setup';

/** What a hosted 'batch-runner' offers. */
export interface HostedBatchRunner {
  runAll(tasks: BatchTask[]): BatchOutcome[];
}

if (!isMainThread) {
  hostObjects({
    'batch-runner': ([setup]): HostedBatchRunner => {
      const runner = new BatchRunner(setup as RecognitionSetup, loadBestKernels());
      return { runAll: (tasks) => tasks.map((t) => runner.run(t)) };
    },
  });
}
