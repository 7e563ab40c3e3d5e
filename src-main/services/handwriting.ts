// Handwriting sessions: the Write view opens one per mode and sends the stroke
// events of its canvas (add, undo, clear); the engine's session keeps the
// strokes and answers each batch with the recognition of the ink as it then
// is. A session unknown here (closed, idle too long, its worker restarted)
// answers not-found: the view opens a new one and sends its strokes again.
import { ApiError, type ApiArgs, type ApiResponses } from '../../src-common/api';
import type { InkStream, RecognizerService } from './recognizer';
import { createSessionRegistry } from './session-registry';

export interface HandwritingService {
  open(args: ApiArgs<'openInk'>): Promise<ApiResponses['openInk']>;
  events(args: ApiArgs<'inkEvents'>): Promise<ApiResponses['inkEvents']>;
  close(args: ApiArgs<'closeInk'>): Promise<ApiResponses['closeInk']>;
  /** Number of open sessions (for tests and diagnostics). */
  openSessions(): number;
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
  const sessions = createSessionRegistry<InkStream>({
    maxIdleMs: options.maxIdleMs ?? 30 * 60_000,
    dispose: (stream) => stream.dispose(),
    missing: (id) =>
      new ApiError(
        'not-found',
        `Handwriting session ${id} is not open (it was closed or timed out); open a new one and send its strokes.`,
      ),
    now: options.now,
    newId: options.newId,
  });

  return {
    async open({ mode, modelId, vocabulary }) {
      const stream = await recognizer.openInk({ mode, modelId, vocabulary });
      const sessionId = sessions.newId();
      sessions.add(sessionId, stream);
      return { sessionId };
    },
    async events({ sessionId, events }) {
      const stream = sessions.get(sessionId);
      try {
        return await stream.apply(events);
      } catch (e) {
        // A session whose state is unknown (e.g. its worker restarted) cannot go on.
        if (!(e instanceof ApiError && e.code === 'bad-request')) {
          stream.dispose();
          sessions.remove(sessionId);
        }
        throw e;
      }
    },
    async close({ sessionId }) {
      const stream = sessions.remove(sessionId);
      stream?.dispose();
      return { closed: !!stream };
    },
    openSessions: () => sessions.size,
  };
}
