// Handwriting sessions: the Write view opens one per mode and sends the stroke
// events of its canvas (add, undo, clear); the engine's session keeps the
// strokes and answers each batch with the recognition of the ink as it then
// is. A session unknown here (closed, idle too long, its worker restarted)
// answers not-found: the view opens a new one and sends its strokes again.
import { ApiError, type ApiArgs, type ApiResponses } from '../../src-common/api';
import type { InkStream, RecognizerService } from './recognizer';

export interface HandwritingService {
  open(args: ApiArgs<'openInk'>): Promise<ApiResponses['openInk']>;
  events(args: ApiArgs<'inkEvents'>): Promise<ApiResponses['inkEvents']>;
  close(args: ApiArgs<'closeInk'>): Promise<ApiResponses['closeInk']>;
  /** Number of open sessions (for tests and diagnostics). */
  openSessions(): number;
}

interface Session {
  stream: InkStream;
  lastActivity: number;
}

export interface HandwritingOptions {
  recognizer: RecognizerService;
  /** Sessions idle longer than this (a closed tab, a crashed page) are disposed. */
  maxIdleMs?: number;
  now?: () => number;
  newId?: () => string;
}

export function createHandwritingService(options: HandwritingOptions): HandwritingService {
  const { recognizer } = options;
  const maxIdleMs = options.maxIdleMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const sessions = new Map<string, Session>();

  const sweep = () => {
    for (const [id, s] of sessions) {
      if (now() - s.lastActivity > maxIdleMs) {
        s.stream.dispose();
        sessions.delete(id);
      }
    }
  };

  return {
    async open({ mode, modelId }) {
      sweep();
      const stream = await recognizer.openInk({ mode, modelId });
      const sessionId = newId();
      sessions.set(sessionId, { stream, lastActivity: now() });
      return { sessionId };
    },
    async events({ sessionId, events }) {
      const s = sessions.get(sessionId);
      if (!s) {
        throw new ApiError(
          'not-found',
          `Handwriting session ${sessionId} is not open (it was closed or timed out); open a new one and send its strokes.`,
        );
      }
      s.lastActivity = now();
      try {
        return await s.stream.apply(events);
      } catch (e) {
        // A session whose state is unknown (e.g. its worker restarted) cannot go on.
        if (!(e instanceof ApiError && e.code === 'bad-request')) {
          s.stream.dispose();
          sessions.delete(sessionId);
        }
        throw e;
      }
    },
    async close({ sessionId }) {
      const s = sessions.get(sessionId);
      s?.stream.dispose();
      sessions.delete(sessionId);
      return { closed: !!s };
    },
    openSessions: () => sessions.size,
  };
}
