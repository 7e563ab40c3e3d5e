import { parentPort } from 'node:worker_threads';
import { serializeError, type PoolRequest, type PoolResponse } from './pool-protocol';

/** Sends an event from a hosted object to its proxy on the main thread (e.g. a partial result). */
export type Emit = (event: string, payload?: unknown) => void;

/**
 * A factory of hosted objects: gets the arguments of `pool.create(kind, args)`
 * and an emitter for the object's events. The object's methods may be sync or
 * async; a `dispose()` method, if any, runs when the proxy is disposed.
 */
export type HostFactory = (args: unknown[], emit: Emit) => object | Promise<object>;

interface Hosted {
  object: Record<string, unknown>;
  /** Calls on one object run one after another, in the order they were made. */
  queue: Promise<unknown>;
}

/**
 * Serves the objects of a WorkerPool inside a worker thread. A worker module
 * calls this once with its factories, e.g.
 *   hostObjects({ session: ([bytes], emit) => new Session(bytes, emit) });
 */
export function hostObjects(factories: Record<string, HostFactory>): void {
  const port = parentPort;
  if (!port) throw new Error('hostObjects() must run in a worker thread started by WorkerPool');
  const objects = new Map<number, Hosted>();
  const send = (m: PoolResponse) => port.postMessage(m);

  const handle = async (m: PoolRequest): Promise<unknown> => {
    switch (m.type) {
      case 'create': {
        const factory = Object.hasOwn(factories, m.kind) ? factories[m.kind] : undefined;
        if (!factory) {
          throw new TypeError(
            `no hosted object kind "${m.kind}"; this worker hosts: ${Object.keys(factories).join(', ')}`,
          );
        }
        const emit: Emit = (event, payload) =>
          send({ type: 'event', object: m.id, event, payload });
        const object = (await factory(m.args, emit)) as Record<string, unknown>;
        objects.set(m.id, { object, queue: Promise.resolve() });
        return m.id;
      }
      case 'call': {
        const hosted = objects.get(m.object);
        if (!hosted) throw new Error(`object ${m.object} does not exist (disposed?)`);
        const run = async () => {
          const fn = hosted.object[m.method];
          if (typeof fn !== 'function' || m.method === 'constructor' || m.method.startsWith('_')) {
            throw new TypeError(`hosted object has no method "${m.method}"`);
          }
          return (fn as (...a: unknown[]) => unknown).apply(hosted.object, m.args);
        };
        const result = hosted.queue.then(run, run);
        hosted.queue = result.catch(() => undefined);
        return result;
      }
      case 'dispose': {
        const hosted = objects.get(m.object);
        if (!hosted) return undefined;
        objects.delete(m.object);
        await hosted.queue;
        const dispose = hosted.object.dispose;
        if (typeof dispose === 'function') await (dispose as () => unknown).call(hosted.object);
        return undefined;
      }
    }
  };

  port.on('message', (m: PoolRequest) => {
    const fail = (err: unknown) => send({ type: 'error', id: m.id, error: serializeError(err) });
    handle(m).then((value) => {
      try {
        send({ type: 'result', id: m.id, value });
      } catch (err) {
        const what = m.type === 'call' ? `${m.method}()` : m.type;
        fail(
          new TypeError(
            `the result of ${what} cannot be sent to the main thread: ${(err as Error).message}`,
          ),
        );
      }
    }, fail);
  });
  send({ type: 'ready' });
}
