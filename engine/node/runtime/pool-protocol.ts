/** Messages between a WorkerPool (main thread) and the objects hosted in its workers. */

export type PoolRequest =
  | { type: 'create'; id: number; kind: string; args: unknown[] }
  | { type: 'call'; id: number; object: number; method: string; args: unknown[] }
  | { type: 'dispose'; id: number; object: number };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type PoolResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'event'; object: number; event: string; payload: unknown };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

/** Rebuilds an error thrown in a worker, keeping its name, message and the worker's stack. */
export function deserializeError(e: SerializedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}
