// Sessions by id for the services that stream (dictation, handwriting): the
// id of each, when it was last used, and idle ones (a closed tab, a crashed
// page) disposed when the registry is next swept.
import type { ApiError } from '../../src-common/api';

export interface SessionRegistryOptions<T> {
  /** Sessions idle longer than this are disposed. */
  maxIdleMs: number;
  dispose(session: T): void;
  /** The error for an id that is not open (closed, or idle too long). */
  missing(id: string): ApiError;
  now?: () => number;
  newId?: () => string;
}

export interface SessionRegistry<T> {
  /** A fresh id (the session is added under it once it is ready). */
  newId(): string;
  /** Adds a session, first disposing the idle ones. */
  add(id: string, session: T): void;
  /** The open session, marked used now; throws `missing(id)` when there is none. */
  get(id: string): T;
  /** Removes the session (its owner disposes it); undefined when it was not open. */
  remove(id: string): T | undefined;
  /** Disposes the idle sessions. */
  sweep(): void;
  readonly size: number;
}

export function createSessionRegistry<T>(options: SessionRegistryOptions<T>): SessionRegistry<T> {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, { session: T; lastActivity: number }>();
  const sweep = () => {
    for (const [id, s] of sessions) {
      if (now() - s.lastActivity > options.maxIdleMs) {
        options.dispose(s.session);
        sessions.delete(id);
      }
    }
  };
  return {
    newId: options.newId ?? (() => crypto.randomUUID()),
    add(id, session) {
      sweep();
      sessions.set(id, { session, lastActivity: now() });
    },
    get(id) {
      const s = sessions.get(id);
      if (!s) throw options.missing(id);
      s.lastActivity = now();
      return s.session;
    },
    remove(id) {
      const s = sessions.get(id);
      sessions.delete(id);
      return s?.session;
    },
    sweep,
    get size() {
      return sessions.size;
    },
  };
}
