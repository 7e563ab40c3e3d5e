import type { Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { QUEUE_FLAGS, requiredQueueTarget } from '../queue-target';
import { UsageError } from '../usage-error';

const usage =
  'usage: verbatim queue status --redis URL (or VERBATIM_REDIS_URL) [--queue NAME] [--json]';

/** `verbatim queue status`: the job queue's counts and connected workers. */
export const queueCommand: Command = {
  name: 'queue',
  summary: 'the Redis job queue of the batch commands: waiting, active, done, failed, workers',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'status')
      throw new UsageError(action ? `unknown queue action '${action}' (status)` : 'status?', usage);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        ...QUEUE_FLAGS,
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, usage);
    const { redis, queue } = requiredQueueTarget(values, usage);
    // Loaded here, not with the command list: bullmq and ioredis are for the queue commands only.
    const { parseRedisUrl, queueStatus } = await import('../../queue/index');
    const s = await queueStatus(parseRedisUrl(redis), queue);
    io.stdout.write(
      values.json
        ? `${JSON.stringify(s)}\n`
        : `queue "${s.queue}" at ${s.redis}: ${s.waiting} waiting, ${s.active} active, ${s.delayed} delayed (retrying), ${s.completed} completed, ${s.failed} failed; ${s.workers} worker(s) connected\n`,
    );
    return 0;
  },
};
