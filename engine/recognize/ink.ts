import { extractInkFeatures, parseInkFeatureConfig, type Ink, type Stroke } from '../ink/index';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import { createDecoder, type DecodeParams } from './decode-params';
import { decodeFeatures, type Recognizer } from './recognizer';
import { beamsToResult, emptyResult, type RecognitionResult } from './result';

/**
 * Gives the result of one piece of ink read alone (the whole ink, or a word of
 * a line), recognizing it only when it does not have it (InkSession keeps
 * pieces by their strokes). `strokes` are the caller's stroke objects.
 */
export type InkPieceMemo = (
  strokes: readonly Stroke[],
  recognize: () => RecognitionResult,
) => RecognitionResult;

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
  memo?: InkPieceMemo,
): RecognitionResult {
  const strokes = ink.strokes.filter((s) => s.points.length > 0);
  if (strokes.length === 0) return emptyResult();
  const recognize = () => recognizeWhole(recognizer, strokes, params, decoder);
  return memo ? memo(strokes, recognize) : recognize();
}

function recognizeWhole(
  recognizer: Recognizer,
  strokes: Stroke[],
  params: DecodeParams,
  decoder: BeamSearchDecoder,
): RecognitionResult {
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
