// The Write view's handwriting session with the back end, outside React: the
// back end keeps the strokes, and each recognition sends only what changed
// since the last one as stroke events (add, undo, clear). Calls run one at a
// time, in order. A failed call leaves the back end's strokes unknown, so the
// session is replaced by a new one that gets all the strokes, once; if that
// fails too, its error is the answer. A session reads with one vocabulary (or
// none) for its whole life.
import type {
  InkMode,
  InkRecognitionResult,
  Stroke,
  StrokeEvent,
  VerbatimApi,
  VocabularyEntry,
} from '../../src-common/api';

/**
 * The events that turn the strokes `from` into `to`. The ink reducer keeps
 * committed stroke objects as they are, so the strokes both share are a
 * common prefix of the same objects; the rest of `from` is undone (or
 * cleared, when nothing is shared) and the rest of `to` added.
 */
export function strokeEvents(from: readonly Stroke[], to: readonly Stroke[]): StrokeEvent[] {
  let shared = 0;
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
  const events: StrokeEvent[] =
    shared === 0 && from.length > 0
      ? [{ type: 'clear' }]
      : Array.from({ length: from.length - shared }, () => ({ type: 'undo' }) as const);
  for (const stroke of to.slice(shared)) events.push({ type: 'add', stroke });
  return events;
}

export class InkSessionClient {
  private sessionId: Promise<string> | null = null;
  /** The strokes the back end's session holds. */
  private sent: readonly Stroke[] = [];
  private last: InkRecognitionResult | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly api: VerbatimApi,
    private readonly mode: InkMode,
    /** Only these words and phrases may be read; null for any words. */
    private readonly vocabulary: VocabularyEntry[] | null = null,
  ) {}

  /** Opens the back-end session now, so the mode's model is ready for the first stroke. */
  open(): void {
    this.session().catch(() => {}); // reported by the first recognition
  }

  /** The recognition of these strokes (the view's committed strokes, at least one). */
  recognize(strokes: readonly Stroke[]): Promise<InkRecognitionResult> {
    const run = this.queue.then(() => this.sync(strokes));
    this.queue = run.catch(() => {});
    return run;
  }

  close(): void {
    this.closed = true;
    this.forget();
  }

  private session(): Promise<string> {
    if (!this.sessionId) {
      const opened = this.api
        .openInk({ mode: this.mode, vocabulary: this.vocabulary })
        .then((r) => r.sessionId);
      opened.catch(() => this.sessionId === opened && (this.sessionId = null));
      this.sessionId = opened;
    }
    return this.sessionId;
  }

  /** Closes the back-end session (if any); the next call opens a new one. */
  private forget(): void {
    const old = this.sessionId;
    this.sessionId = null;
    this.sent = [];
    this.last = null;
    old?.then((sessionId) => this.api.closeInk({ sessionId })).catch(() => {});
  }

  private async sync(strokes: readonly Stroke[]): Promise<InkRecognitionResult> {
    if (this.closed) throw new Error('this handwriting session is closed');
    try {
      return await this.send(strokes);
    } catch {
      return this.send(strokes); // with a new session
    }
  }

  private async send(strokes: readonly Stroke[]): Promise<InkRecognitionResult> {
    const sessionId = await this.session();
    const events = strokeEvents(this.sent, strokes);
    if (events.length === 0) return this.last ?? { text: '', words: [], nbest: [] };
    try {
      this.last = await this.api.inkEvents({ sessionId, events });
      this.sent = strokes;
      return this.last;
    } catch (e) {
      this.forget();
      throw e;
    }
  }
}
