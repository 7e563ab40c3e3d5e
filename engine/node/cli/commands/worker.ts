import { availableParallelism } from 'node:os';
import type { Command } from '../command';
import { positiveInt } from '../options';
import { parseCommandArgs } from '../parse-args';
import { QUEUE_FLAGS, requiredQueueTarget } from '../queue-target';
import { UsageError } from '../usage-error';

const usage =
  'usage: verbatim worker --redis URL (or VERBATIM_REDIS_URL) [--concurrency N (default: the cores)] [--queue NAME] [--lock-seconds N (default 30)]';

/** `verbatim worker`: runs queued batch jobs until SIGINT/SIGTERM, then finishes the jobs in hand. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run queued batch jobs (transcribe, recognize-ink, eval --redis) from a Redis queue',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ...QUEUE_FLAGS,
        concurrency: { type: 'string' },
        'lock-seconds': { type: 'string', default: '30' },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, usage);
    const { redis, queue } = requiredQueueTarget(values, usage);
    // Loaded here, not with the command list: bullmq and ioredis are for the queue commands only.
    const { parseRedisUrl, QueueWorker } = await import('../../queue/index');
    const target = parseRedisUrl(redis);
    const concurrency =
      values.concurrency === undefined
        ? availableParallelism()
        : positiveInt(values.concurrency, '--concurrency', usage);
    const lockSeconds = positiveInt(values['lock-seconds'], '--lock-seconds', usage);
    const say = (m: string) => io.stderr.write(`verbatim worker: ${m}\n`);
    // Listen first: a signal during start-up still stops the worker cleanly.
    let signalled: (signal: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (signalled = resolve));
    const onSignal = (signal: NodeJS.Signals) => signalled(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const worker = await QueueWorker.start({
        target,
        queue,
        concurrency,
        lockSeconds,
        onLog: say,
      });
      say(
        `taking jobs from queue "${queue}" at ${target.display} with ${concurrency} thread(s); stop with Ctrl-C`,
      );
      const signal = await stopSignal;
      say(`${signal}: finishing the job(s) in hand`);
      await worker.stop();
      say(`stopped after ${worker.jobsDone} job(s)`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
