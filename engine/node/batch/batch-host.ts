/**
 * The worker-thread module of `--jobs N`: hosts one BatchRunner (model and
 * decoder loaded once) per worker, called with chunks of tasks. Created with
 * [setup] it builds its decoder from the setup's resources (a `verbatim
 * worker`); with [setup, shared] it reads the LM and lexicon another thread
 * built (PoolExecutor).
 */
import { isMainThread } from 'node:worker_threads';
import {
  adoptPreparedResources,
  type SharedPreparedResources,
} from '../../recognize/decode-params';
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
    'batch-runner': ([setup, shared]): HostedBatchRunner => {
      const prepared = shared
        ? adoptPreparedResources(shared as SharedPreparedResources)
        : undefined;
      const runner = new BatchRunner(setup as RecognitionSetup, loadBestKernels(), prepared);
      return { runAll: (tasks) => tasks.map((t) => runner.run(t)) };
    },
  });
}
