import { extractInkFeatures, parseInkFeatureConfig, type Ink, type Stroke } from '../ink/index';
import { createDecoder, type DecodeParams } from './decode-params';
import { decodeFeatures, type Recognizer } from './recognizer';
import { beamsToResult, emptyResult, type RecognitionResult } from './result';

/**
 * Recognizes ink. Word positions are point indices into the ink's points
 * counted across strokes in order, mapped back from the network's frames
 * (which follow the arc-length resampled points) proportionally.
 */
export function recognizeInk(
  recognizer: Recognizer,
  ink: Ink,
  params: DecodeParams,
  decoder = createDecoder(recognizer.labels, params),
): RecognitionResult {
  const strokes = ink.strokes.filter((s) => s.points.length > 0);
  if (strokes.length === 0) return emptyResult();
  const config = parseInkFeatureConfig(recognizer.header.featureConfig);
  const features = extractInkFeatures({ strokes }, config);
  const { beams, frames } = decodeFeatures(
    recognizer,
    features.data,
    features.frames,
    params,
    decoder,
  );
  const totalPoints = strokes.reduce((n: number, s: Stroke) => n + s.points.length, 0);
  const scale = frames > 0 ? totalPoints / frames : 0;
  return beamsToResult(beams, (f, edge) =>
    Math.min(
      totalPoints - 1,
      Math.floor((f + (edge === 'end' ? 1 : 0)) * scale) - (edge === 'end' ? 1 : 0),
    ),
  );
}

/**
 * Live handwriting: strokes are added and undone one at a time; each change
 * returns the new best and N-best. Caller-owned state.
 */
export class InkSession {
  private strokes: Stroke[] = [];

  /** `decoder`: one built for `params` with the model's resources (a plain one otherwise). */
  constructor(
    private readonly recognizer: Recognizer,
    private params: DecodeParams,
    private readonly decoder = createDecoder(recognizer.labels, params),
  ) {}

  pushStroke(points: Stroke['points']): RecognitionResult {
    if (points.length === 0) throw new RangeError('a stroke needs at least one point');
    this.strokes.push({ points: points.map((p) => ({ ...p })) });
    return this.current();
  }

  undoStroke(): RecognitionResult {
    this.strokes.pop();
    return this.current();
  }

  clear(): RecognitionResult {
    this.strokes = [];
    return emptyResult();
  }

  get strokeCount(): number {
    return this.strokes.length;
  }

  current(): RecognitionResult {
    return recognizeInk(this.recognizer, { strokes: this.strokes }, this.params, this.decoder);
  }
}
