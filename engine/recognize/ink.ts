import {
  extractInkFeatures,
  parseInkFeatureConfig,
  splitInkAtWordGaps,
  type Ink,
  type Stroke,
} from '../ink/index';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import { createDecoder, type DecodeParams } from './decode-params';
import { decodeFeatures, type Recognizer } from './recognizer';
import { beamsToResult, concatResults, emptyResult, type RecognitionResult } from './result';

/**
 * A model that writes words (letters and digits) but has no space label
 * cannot write a space, so a line of words is cut at its word gaps
 * (splitInkAtWordGaps) and each word recognized alone. A digits or letters
 * model reads its ink whole (a gap inside "2024" is not a word boundary), and
 * a model with a space label finds the boundaries itself.
 */
export function readsLineByWordGaps(labels: readonly string[]): boolean {
  return (
    !labels.includes(' ') &&
    labels.some((l) => /[a-z]/i.test(l)) &&
    labels.some((l) => /\d/.test(l))
  );
}

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
 * Recognizes ink: a word, or for a words model without a space label a line
 * of words (see readsLineByWordGaps), the texts joined with spaces. Word
 * positions are point indices into the ink's points counted across strokes
 * in order, mapped back from the network's frames (which follow the
 * arc-length resampled points) proportionally.
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
  const recognizePiece = (piece: Stroke[]) => {
    const recognize = () => recognizeWhole(recognizer, piece, params, decoder);
    return memo ? memo(piece, recognize) : recognize();
  };
  const words = readsLineByWordGaps(recognizer.labels) ? splitInkAtWordGaps({ strokes }) : [];
  const whole = recognizePiece(strokes);
  if (words.length < 2) return whole;
  // Each stroke's first point index in the whole ink.
  const firstPoint: number[] = [];
  let n = 0;
  for (const s of strokes) {
    firstPoint.push(n);
    n += s.points.length;
  }
  const parts: RecognitionResult[] = [];
  for (const word of words) {
    const part = recognizePiece(word.ink.strokes);
    // Point indices of the word's ink back to the whole ink's.
    const global: number[] = word.strokes.flatMap((i) =>
      strokes[i].points.map((_, k) => firstPoint[i] + k),
    );
    const at = (p: number) => global[Math.max(0, Math.min(global.length - 1, p))];
    const placed = {
      ...part,
      words: part.words.map((w) => ({ ...w, start: at(w.start), end: at(w.end) })),
    };
    const previous = parts[parts.length - 1];
    // A full stop or comma written apart from its word belongs to it, not after a space.
    if (previous && CLOSING_PUNCTUATION.test(part.text))
      parts[parts.length - 1] = attach(previous, placed);
    else parts.push(placed);
  }
  // A wide gap inside one word (print, a pause) looks like a word gap too: the
  // cut is kept only when its words score better than the ink read whole
  // (WORD_GAP's comment has the figures).
  // Each word past the first may pay the out-of-lexicon penalty once more than
  // the whole did (names, numbers): that is not held against the cut. Held-out
  // UNIPEN lines: CER 28.1% -> 22.8%, isolated words 78.4% -> 77.6%
  // (docs/experiments/ink-lines.md).
  const cutScore =
    parts.reduce((sum, p) => sum + (p.nbest[0]?.score ?? -Infinity), 0) +
    (parts.length - 1) * Math.abs(params.unkScoreOffset);
  if ((whole.nbest[0]?.score ?? -Infinity) >= cutScore) return whole;
  let result = emptyResult();
  for (const part of parts) result = concatResults(result, part, 0);
  return result;
}

const CLOSING_PUNCTUATION = /^[.,;:!?)'"]+$/;

/** `word` (punctuation) appended to `to`'s last word without a space. */
function attach(to: RecognitionResult, word: RecognitionResult): RecognitionResult {
  const last = to.words[to.words.length - 1];
  const end = word.words[word.words.length - 1]?.end ?? last?.end ?? 0;
  return {
    text: to.text + word.text,
    words: last
      ? [...to.words.slice(0, -1), { ...last, word: last.word + word.text, end }]
      : word.words,
    nbest: to.nbest.map((n) => ({
      text: n.text + word.text,
      score: n.score + (word.nbest[0]?.score ?? 0),
    })),
  };
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
