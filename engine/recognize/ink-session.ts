import type { Stroke } from '../ink/index';
import { createDecoder, type DecodeParams } from './decode-params';
import { recognizeInk, type InkPieceMemo } from './ink';
import type { Recognizer } from './recognizer';
import { emptyResult, type RecognitionResult } from './result';

/** What happens to the ink while someone writes: one stroke added, the last one undone, all cleared. */
export type StrokeEvent =
  { type: 'add'; points: Stroke['points'] } | { type: 'undo' } | { type: 'clear' };

/** How many recognized pieces (words of a line, or whole inks) a session keeps. */
const PIECES_KEPT = 64;

/**
 * Live handwriting: the ink changes by stroke events and each batch of events
 * returns the best text and N-best of the ink as it now is. Caller-owned
 * state. Results equal recognizeInk's on the same strokes at once; what did
 * not change is not recognized again:
 * - the result of every stroke count on the way is kept, so an undo (and a
 *   batch that changes nothing) decodes nothing;
 * - the pieces recognizeInk reads apart (the words of a line, see
 *   readsLineByWordGaps, or the physical lines of a model with a space label,
 *   see readsPhysicalLines) are kept by their strokes, so a stroke added to
 *   the last word or line runs the features, network and decoder on it only.
 * A piece's features are normalized over the piece (its height, its left
 * edge), so a stroke added to a piece changes the features of all its strokes:
 * the piece is the unit of reuse.
 */
export class InkSession {
  private strokes: Stroke[] = [];
  /**
   * results[k]: the result for the first k strokes, while those strokes stand
   * (an undo or clear drops the results past the strokes left).
   */
  private results: (RecognitionResult | undefined)[] = [emptyResult()];
  /** Recognized pieces by their strokes' ids, oldest first. */
  private pieces = new Map<string, RecognitionResult>();
  private ids = new WeakMap<Stroke, number>();
  private nextId = 0;

  /** `decoder`: one built for `params` with the model's resources (a plain one otherwise). */
  constructor(
    private readonly recognizer: Recognizer,
    private readonly params: DecodeParams,
    private readonly decoder = createDecoder(recognizer.labels, params),
  ) {}

  /** Applies the events in order, then recognizes the ink once. */
  apply(events: readonly StrokeEvent[]): RecognitionResult {
    for (const event of events) this.change(event);
    return this.current();
  }

  pushStroke(points: Stroke['points']): RecognitionResult {
    return this.apply([{ type: 'add', points }]);
  }

  undoStroke(): RecognitionResult {
    return this.apply([{ type: 'undo' }]);
  }

  clear(): RecognitionResult {
    return this.apply([{ type: 'clear' }]);
  }

  get strokeCount(): number {
    return this.strokes.length;
  }

  current(): RecognitionResult {
    const n = this.strokes.length;
    return (this.results[n] ??= recognizeInk(
      this.recognizer,
      { strokes: this.strokes },
      this.params,
      this.decoder,
      this.memo,
    ));
  }

  private change(event: StrokeEvent): void {
    switch (event.type) {
      case 'add': {
        if (event.points.length === 0) throw new RangeError('a stroke needs at least one point');
        const stroke = { points: event.points.map((p) => ({ ...p })) };
        this.ids.set(stroke, this.nextId++);
        this.strokes.push(stroke);
        break;
      }
      case 'undo':
        this.strokes.pop();
        this.results.length = this.strokes.length + 1;
        break;
      case 'clear':
        this.strokes = [];
        this.results.length = 1;
        this.pieces.clear();
        break;
    }
  }

  private readonly memo: InkPieceMemo = (strokes, recognize) => {
    const key = strokes.map((s) => this.ids.get(s)).join(',');
    let result = this.pieces.get(key);
    if (result) this.pieces.delete(key);
    else result = recognize();
    this.pieces.set(key, result);
    if (this.pieces.size > PIECES_KEPT) this.pieces.delete(this.pieces.keys().next().value!);
    return result;
  };
}
