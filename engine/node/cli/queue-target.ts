import { DEFAULT_QUEUE } from '../queue/queue-protocol';
import { UsageError } from './usage-error';

/** The flags that name a job queue, shared by the batch commands, `worker` and `queue status`. */
export const QUEUE_FLAGS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
} as const;

/** Where the job queue is: --redis URL, else VERBATIM_REDIS_URL (undefined when neither), and --queue NAME, else the default queue. */
export function queueTarget(values: { redis?: string; queue?: string }): {
  redis: string | undefined;
  queue: string;
} {
  return {
    redis: values.redis ?? process.env.VERBATIM_REDIS_URL,
    queue: values.queue ?? DEFAULT_QUEUE,
  };
}

/** queueTarget for a command that cannot run without the queue: no URL is a usage error that says how to give one. */
export function requiredQueueTarget(
  values: { redis?: string; queue?: string },
  usage: string,
): { redis: string; queue: string } {
  const { redis, queue } = queueTarget(values);
  if (!redis) throw new UsageError('--redis URL (or VERBATIM_REDIS_URL) is required', usage);
  return { redis, queue };
}
