// The job queue's front door, apart from engine/node/index.ts because it loads
// bullmq and ioredis: the app and the local batch commands never pay for them.
export { QueueExecutor, MAX_SHIPPED_BYTES } from './queue-executor';
export { DEFAULT_QUEUE } from './queue-protocol';
export { queueStatus, type QueueStatus } from './queue-status';
export { QueueWorker, type QueueWorkerOptions } from './queue-worker';
export { parseRedisUrl, redactRedisUrl, type RedisTarget } from './redis-connection';
