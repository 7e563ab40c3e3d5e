/**
 * What the submitter and `verbatim worker` agree on: the queue's name, the
 * job's data, where a recognition setup is kept in Redis, and job ids.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { BatchTask } from '../batch/batch-tasks';
import type { RecognitionSetup } from '../batch/recognition-setup';
import { InkFileReader } from '../batch/batch-runner';

export const DEFAULT_QUEUE = 'verbatim';

/** Tasks as they travel in a job (JSON): file bytes sent with --ship as base64. */
export type WireTask = Omit<BatchTask, 'bytes'> & { bytes64?: string };

export interface JobData {
  /** The setupIdentity() of the model and decode parameters, stored under setupKey(). */
  setup: string;
  task: WireTask;
}

export function toWire(task: BatchTask): WireTask {
  if (!('bytes' in task) || !task.bytes) return task;
  const { bytes, ...rest } = task;
  return {
    ...rest,
    bytes64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

export function fromWire(task: WireTask): BatchTask {
  if (task.bytes64 === undefined) return task as BatchTask;
  const { bytes64, ...rest } = task;
  return { ...rest, bytes: new Uint8Array(Buffer.from(bytes64, 'base64')) } as BatchTask;
}

/** Where a setup is kept: one hash with the model's bytes and the decode parameters as JSON. */
export const setupKey = (queue: string, id: string) => `verbatim:${queue}:setup:${id}`;

/** Stores a setup unless it is there already, and keeps it `keepSeconds` from now. */
export async function storeSetup(
  redis: Redis,
  queue: string,
  id: string,
  setup: RecognitionSetup,
  keepSeconds: number,
): Promise<void> {
  const key = setupKey(queue, id);
  if (!(await redis.exists(key)))
    await redis.hset(key, {
      model: Buffer.from(setup.model),
      params: JSON.stringify(setup.params),
      resources: JSON.stringify(setup.resources),
    });
  await redis.expire(key, keepSeconds);
}

/** The setup stored under `id`, or undefined when it is gone (expired, or Redis lost it). */
export async function fetchSetup(
  redis: Redis,
  queue: string,
  id: string,
): Promise<RecognitionSetup | undefined> {
  const key = setupKey(queue, id);
  const [model, params, resources] = await Promise.all([
    redis.hgetBuffer(key, 'model'),
    redis.hget(key, 'params'),
    redis.hget(key, 'resources'),
  ]);
  if (!model || params === null || resources === null) return undefined;
  return {
    model: new Uint8Array(model),
    params: JSON.parse(params),
    resources: JSON.parse(resources),
  };
}

const sha256 = () => createHash('sha256');

/**
 * A job's id: a hash of the setup's identity and of what the task reads (the
 * input file's bytes, or what was sent along), so the same input with the same
 * model and knobs is the same job, whatever its path. An input that cannot be
 * read here is keyed by its path (the worker reports why it cannot read it).
 * The prefix is the outcomes' version, so a job done by an older worker is not
 * taken for one of this version (v2: an ink file's items carry their words).
 */
export function jobIdOf(setupId: string, task: BatchTask, inkFiles = new InkFileReader()): string {
  const h = sha256().update(setupId).update('\0').update(task.op).update('\0');
  const { bytes, ...rest } = task as BatchTask & { bytes?: Uint8Array };
  if (bytes) h.update(bytes);
  switch (rest.op) {
    case 'transcribe':
      h.update(`raw=${rest.raw ?? ''}\0`);
      hashFile(h, rest.input, !bytes);
      break;
    case 'eval-speech':
      h.update(`raw=${rest.format ?? ''}\0`);
      hashFile(h, rest.audio, !bytes);
      break;
    case 'ink-file': {
      // The items themselves (ink, labels, numbers), whether sent along or read here for the hash.
      let items = rest.items;
      try {
        items ??= inkFiles.read(rest.input, rest.unipenRoot);
      } catch {
        h.update(`unreadable\0${rest.input}\0${rest.unipenRoot ?? ''}`);
      }
      h.update(JSON.stringify(items ?? null));
      break;
    }
    case 'eval-ink':
      h.update(JSON.stringify(rest.ink));
  }
  return `v2-${h.digest('hex')}`;
}

function hashFile(h: ReturnType<typeof sha256>, path: string, read: boolean): void {
  if (!read) return;
  try {
    h.update(readFileSync(path));
  } catch {
    h.update(`unreadable\0${path}`);
  }
}
