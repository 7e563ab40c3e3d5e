import { Queue } from 'bullmq';
import { connectRedis, waitReady, type RedisTarget } from './redis-connection';

export interface QueueStatus {
  queue: string;
  /** The Redis URL with its password hidden. */
  redis: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  /** `verbatim worker` processes connected now. */
  workers: number;
}

/** Counts of the queue's jobs by state, and the workers connected to it. */
export async function queueStatus(target: RedisTarget, name: string): Promise<QueueStatus> {
  const redis = connectRedis(target);
  try {
    await waitReady(redis, target);
    const queue = new Queue(name, { connection: redis });
    queue.on('error', () => {});
    try {
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'completed',
        'failed',
      );
      const workers = await queue.getWorkersCount();
      return {
        queue: name,
        redis: target.display,
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        workers,
      };
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
