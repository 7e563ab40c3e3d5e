import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { deserializeError, type PoolRequest, type PoolResponse } from './pool-protocol';
import { spawnWorker } from './spawn-worker';

export interface WorkerPoolOptions {
  /** The worker module; it calls hostObjects({ kind: factory, … }) (a .ts file runs through tsx). */
  module: URL;
  /** Worker threads (default: available cores). */
  size?: number;
  /** Passed to every worker (and its replacements) as workerData. */
  workerData?: unknown;
  /** Hears each worker crash, after the worker has been replaced. */
  onCrash?(error: Error, worker: number): void;
}

export interface CreateOptions {
  /** Events the object emits in its worker (e.g. partial results). */
  onEvent?(event: string, payload: unknown): void;
  /** The object's worker crashed: the object is gone, calls on it reject; create it again. */
  onLost?(error: Error): void;
}

type Method = (...args: never[]) => unknown;

/**
 * The main-thread face of an object living in a worker: each method returns a
 * promise of its result; dispose() disposes the object in its worker.
 */
export type Remote<T> = {
  [K in keyof T as K extends 'dispose' ? never : T[K] extends Method ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
} & { dispose(): Promise<void> };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  what: string;
}

interface HostedRef {
  options: CreateOptions;
  lost: Error | null;
}

/** One worker thread of the pool, its calls in flight and the objects it hosts. */
class Slot {
  readonly pending = new Map<number, Pending>();
  readonly objects = new Map<number, HostedRef>();

  constructor(
    readonly index: number,
    readonly worker: Worker,
  ) {
    worker.unref();
  }

  request(message: PoolRequest, what: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      try {
        this.worker.postMessage(message);
      } catch (err) {
        throw new TypeError(
          `${what}: its arguments cannot be sent to a worker (${(err as Error).message}); pass plain data, typed arrays or ArrayBuffers`,
        );
      }
      this.pending.set(message.id, { resolve, reject, what });
      this.worker.ref(); // keep the process alive while a call is in flight
    });
  }

  settle(id: number, outcome: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    outcome(p);
  }
}

/**
 * A pool of worker threads hosting stateful objects (e.g. recognition sessions
 * holding a loaded model), created and called from the main thread with
 * promises, with events flowing back. The main thread never waits on the
 * work itself. A crashed worker rejects its calls in flight with an error
 * that says so, its objects are reported lost, and a fresh worker takes its
 * place. Calls on one object run in order.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`worker pool size must be a positive integer, got ${options.size}`);
    }
    this.slots = Array.from({ length: size }, (_, i) => this.startSlot(i));
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Creates an object of `kind` (a factory name of the worker module) in the
   * least-loaded worker and returns its proxy.
   */
  async create<T extends object>(
    kind: string,
    args: unknown[] = [],
    options: CreateOptions = {},
  ): Promise<Remote<T>> {
    this.checkOpen();
    const slot = this.slots.reduce((a, b) =>
      b.objects.size + b.pending.size < a.objects.size + a.pending.size ? b : a,
    );
    const id = this.nextId++;
    const ref: HostedRef = { options, lost: null };
    slot.objects.set(id, ref); // registered now so events emitted during creation arrive
    try {
      await slot.request({ type: 'create', id, kind, args }, `create('${kind}')`);
    } catch (err) {
      slot.objects.delete(id);
      throw err;
    }
    return this.proxy<T>(slot, id, ref);
  }

  /** Terminates every worker; calls in flight reject. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const error = new Error('the worker pool has been disposed');
    await Promise.all(
      this.slots.map(async (slot) => {
        for (const id of [...slot.pending.keys()]) slot.settle(id, (p) => p.reject(error));
        await slot.worker.terminate();
      }),
    );
  }

  private proxy<T>(slot: Slot, object: number, ref: HostedRef): Remote<T> {
    let disposed = false;
    const call = (method: string, args: unknown[]): Promise<unknown> => {
      if (ref.lost) return Promise.reject(ref.lost);
      if (disposed) return Promise.reject(new Error(`${method}() on a disposed object`));
      if (this.disposed) return Promise.reject(new Error('the worker pool has been disposed'));
      return slot.request({ type: 'call', id: this.nextId++, object, method, args }, `${method}()`);
    };
    const dispose = async (): Promise<void> => {
      if (disposed || ref.lost || this.disposed) return;
      disposed = true;
      try {
        await slot.request({ type: 'dispose', id: this.nextId++, object }, 'dispose()');
      } finally {
        slot.objects.delete(object);
      }
    };
    return new Proxy({} as Remote<T>, {
      get(_, key) {
        if (key === 'dispose') return dispose;
        if (typeof key !== 'string' || key === 'then') return undefined; // not a thenable
        return (...args: unknown[]) => call(key, args);
      },
    });
  }

  private startSlot(index: number): Slot {
    const worker = spawnWorker(this.options.module, { workerData: this.options.workerData });
    const slot = new Slot(index, worker);
    worker.on('message', (m: PoolResponse) => {
      if (m.type === 'result') slot.settle(m.id, (p) => p.resolve(m.value));
      else if (m.type === 'error') slot.settle(m.id, (p) => p.reject(deserializeError(m.error)));
      else if (m.type === 'event')
        slot.objects.get(m.object)?.options.onEvent?.(m.event, m.payload);
    });
    let crash: Error | null = null;
    worker.on('error', (err) => {
      crash = err;
    });
    worker.on('exit', (code) => {
      if (this.disposed) return;
      const cause = crash ? `${crash.name}: ${crash.message}` : `exit code ${code}`;
      this.replace(slot, new Error(`worker ${index} of the pool crashed (${cause})`));
    });
    return slot;
  }

  /** Fails everything the dead worker held and starts a replacement in its place. */
  private replace(slot: Slot, crash: Error): void {
    for (const id of [...slot.pending.keys()]) {
      slot.settle(id, (p) =>
        p.reject(new Error(`${crash.message} during ${p.what}; objects in that worker are lost`)),
      );
    }
    for (const ref of slot.objects.values()) {
      ref.lost = new Error(`${crash.message}; this object was lost with it: create it again`);
      ref.options.onLost?.(ref.lost);
    }
    slot.objects.clear();
    this.slots[slot.index] = this.startSlot(slot.index);
    this.options.onCrash?.(crash, slot.index);
  }

  private checkOpen(): void {
    if (this.disposed) throw new Error('the worker pool has been disposed');
  }
}
