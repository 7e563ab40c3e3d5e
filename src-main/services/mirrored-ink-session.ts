// Handwriting over a hosted InkSession (engine/node/use-cases/recognition/recognition-host.ts),
// which keeps its decoder, and the lexicon trie built for it, between calls:
// building a large word list's trie for every stroke would cost seconds. The
// app sends all the strokes on every change; the mirror turns that into the
// session's pushStroke / undoStroke / current, or a rebuild otherwise.
import type { RecognitionResult, Stroke } from '../../engine/index';
import type { HostedInkSession, Remote } from '../../engine/node/index';

export class MirroredInkSession {
  /** The strokes the hosted session holds; null when unknown (a call failed). */
  private known: Stroke[] | null = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: Remote<HostedInkSession>) {}

  /** Recognizes these strokes; calls run one at a time, in order. */
  recognize(strokes: Stroke[]): Promise<RecognitionResult> {
    const run = this.queue.then(() => this.sync(strokes));
    this.queue = run.catch(() => {});
    return run;
  }

  dispose(): Promise<void> {
    return this.session.dispose();
  }

  private async sync(strokes: Stroke[]): Promise<RecognitionResult> {
    const known = this.known;
    this.known = null;
    const startsWith = (a: Stroke[], prefix: Stroke[]) =>
      prefix.every((s, i) => sameStroke(s, a[i]!));
    let result: RecognitionResult;
    if (known && strokes.length === known.length + 1 && startsWith(strokes, known)) {
      result = await this.session.pushStroke(strokes.at(-1)!.points);
    } else if (known && strokes.length === known.length - 1 && startsWith(known, strokes)) {
      result = await this.session.undoStroke();
    } else if (known && strokes.length === known.length && startsWith(strokes, known)) {
      result = await this.session.current();
    } else {
      result = await this.session.clear();
      for (const s of strokes) result = await this.session.pushStroke(s.points);
    }
    this.known = strokes;
    return result;
  }
}

function sameStroke(a: Stroke, b: Stroke): boolean {
  return (
    a.points.length === b.points.length &&
    a.points.every((p, i) => {
      const q = b.points[i]!;
      return p.x === q.x && p.y === q.y && p.t === q.t && p.pressure === q.pressure;
    })
  );
}
