import {
  extractInkFeatures,
  parseInkFeatureConfig,
  splitInkAtWordGaps,
  splitInkIntoLines,
  WORD_GAP,
  type Ink,
  type InkWord,
  type Stroke,
} from '../ink/index';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import { createDecoder, type DecodeParams } from './decode-params';
import { decodeFeatures, type Recognizer } from './recognizer';
import {
  beamsToResult,
  concatResults,
  emptyResult,
  type RecognitionResult,
  type WordResult,
} from './result';

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
 * A model with a space label reads a line whole and writes its spaces, but ink
 * written on several physical lines (a paragraph) is read line by line: read
 * whole, its size normalization (the ink's height) would shrink the letters by
 * the number of lines, and the pen's jump back to the left is no space.
 */
export function readsPhysicalLines(labels: readonly string[]): boolean {
  return labels.includes(' ');
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
 * How a line is cut into words for a model that writes no space: candidate
 * cuts at gaps over `gap` median stroke heights (splitInkAtWordGaps); in ink
 * cut into at least `groupFrom` pieces, words of up to `maxSpan` consecutive
 * pieces, in fewer pieces all cuts or none. The whole ink is always a candidate.
 */
export interface InkLineOptions {
  gap?: number;
  maxSpan?: number;
  groupFrom?: number;
}

/**
 * Held-out UNIPEN (shipped words model and lexicon): grouping pieces in lines
 * of 4 or more lowers the line CER 22.4% -> 21.3% for 12 of 7,469 isolated
 * words (79.26% -> 79.10%); grouping from 2 or 3 pieces, or cutting at lower
 * gaps, costs more words (docs/experiments/ink-lines.md).
 */
export const INK_LINE_DEFAULTS: Required<InkLineOptions> = {
  gap: WORD_GAP,
  maxSpan: 3,
  groupFrom: 4,
};

/**
 * Recognizes ink: a word, or for a words model without a space label a line
 * of words (see readsLineByWordGaps), or for a model with a space label each
 * physical line read whole (see readsPhysicalLines), the texts joined with
 * spaces. Word positions are point indices into the ink's points counted
 * across strokes in order, mapped back from the network's frames (which follow
 * the arc-length resampled points) proportionally.
 */
export function recognizeInk(
  recognizer: Recognizer,
  ink: Ink,
  params: DecodeParams,
  decoder = createDecoder(recognizer.labels, params),
  memo?: InkPieceMemo,
  line: InkLineOptions = {},
): RecognitionResult {
  const { gap, maxSpan: span, groupFrom } = { ...INK_LINE_DEFAULTS, ...line };
  const strokes = ink.strokes.filter((s) => s.points.length > 0);
  if (strokes.length === 0) return emptyResult();
  const recognizePiece = (piece: Stroke[]) => {
    const recognize = () => recognizeWhole(recognizer, piece, params, decoder);
    return memo ? memo(piece, recognize) : recognize();
  };
  const readSpan = spanReader(strokes, recognizePiece);
  if (readsPhysicalLines(recognizer.labels)) {
    const lines = splitInkIntoLines({ strokes });
    if (lines.length < 2) return recognizePiece(strokes);
    return lines
      .map((_, i) => readSpan(lines, i, i + 1))
      .reduce((acc, line) => concatResults(acc, line, 0), emptyResult());
  }
  const pieces = readsLineByWordGaps(recognizer.labels)
    ? splitInkAtWordGaps({ strokes }, { gap })
    : [];
  const whole = recognizePiece(strokes);
  if (pieces.length < 2) return whole;
  const maxSpan = pieces.length >= groupFrom ? span : 1;
  // A wide gap inside one word (print, a pause) looks like a word gap too, so
  // the pieces are grouped into the words that score best together (dynamic
  // programming over the spans), and kept only when they beat the ink read
  // whole. Each word past the first may pay the out-of-lexicon penalty once
  // more than the whole did (names, numbers): that is not held against the cut.
  const forgiven = Math.abs(params.unkScoreOffset);
  const score = (r: RecognitionResult) => r.nbest[0]?.score ?? -Infinity;
  const best: { score: number; from: number; part?: RecognitionResult }[] = [
    { score: 0, from: -1 },
  ];
  for (let j = 1; j <= pieces.length; j++) {
    best.push({ score: -Infinity, from: -1 });
    for (let i = Math.max(0, j - maxSpan); i < j; i++) {
      if (best[i].score === -Infinity) continue;
      const part = readSpan(pieces, i, j);
      const total = best[i].score + score(part) + (i > 0 ? forgiven : 0);
      if (total > best[j].score) best[j] = { score: total, from: i, part };
    }
  }
  if (score(whole) >= best[pieces.length].score) return whole;
  const chosen: RecognitionResult[] = [];
  for (let j = pieces.length; j > 0; j = best[j].from)
    chosen.unshift(best[j].part as RecognitionResult);
  const parts: RecognitionResult[] = [];
  for (const part of chosen) {
    const previous = parts[parts.length - 1];
    // A full stop or comma written apart from its word belongs to it, not after a space.
    if (previous && CLOSING_PUNCTUATION.test(part.text))
      parts[parts.length - 1] = attach(previous, part);
    else parts.push(part);
  }
  let result = emptyResult();
  for (const part of parts) result = concatResults(result, part, 0);
  return result;
}

/**
 * Reads pieces i..j-1 of the ink's strokes together (a word of a line, or a
 * physical line), its word positions mapped back to the whole ink's points.
 */
function spanReader(
  strokes: readonly Stroke[],
  recognizePiece: (piece: Stroke[]) => RecognitionResult,
): (pieces: readonly InkWord[], i: number, j: number) => RecognitionResult {
  // Each stroke's first point index in the whole ink.
  const firstPoint: number[] = [];
  let n = 0;
  for (const s of strokes) {
    firstPoint.push(n);
    n += s.points.length;
  }
  return (pieces, i, j) => {
    const indices = pieces
      .slice(i, j)
      .flatMap((p) => p.strokes)
      .sort((a, b) => a - b);
    const part = recognizePiece(indices.map((k) => strokes[k]));
    const global: number[] = indices.flatMap((k) =>
      strokes[k].points.map((_, q) => firstPoint[k] + q),
    );
    const at = (p: number) => global[Math.max(0, Math.min(global.length - 1, p))];
    return {
      ...part,
      words: part.words.map((w) => ({ ...w, start: at(w.start), end: at(w.end) })),
    };
  };
}

const CLOSING = `[.,;:!?)'"]+`;
const CLOSING_PUNCTUATION = new RegExp(`^${CLOSING}$`);
const SPACED_CLOSING_PUNCTUATION = new RegExp(` (${CLOSING})(?= |$)`, 'g');

/**
 * A model that writes spaces learned some from labels that put one before
 * punctuation ("fox ?", UNIPEN labs cec, ced, hpb, att); its closing
 * punctuation written as a word of its own joins the word before it, as the
 * no-space route attaches it. Held-out UNIPEN (ink-words-complete after epoch
 * 1): isolated words right 78.6% -> 79.1%, lines exact 37.2% -> 39.2%, lines
 * CER unchanged (11.8%: those labs' references keep the space).
 */
export function attachClosingPunctuation(result: RecognitionResult): RecognitionResult {
  const words: WordResult[] = [];
  for (const w of result.words) {
    const last = words[words.length - 1];
    if (last && CLOSING_PUNCTUATION.test(w.word))
      words[words.length - 1] = {
        ...last,
        word: last.word + w.word,
        end: w.end,
        confidence: Math.min(last.confidence, w.confidence),
      };
    else words.push(w);
  }
  const seen = new Set<string>();
  const nbest = result.nbest
    .map((n) => ({ ...n, text: n.text.replace(SPACED_CLOSING_PUNCTUATION, '$1') }))
    .filter((n) => !seen.has(n.text) && seen.add(n.text));
  return { text: words.map((w) => w.word).join(' '), words, nbest };
}

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

/**
 * The width floor of the size normalization (InkFeatureConfig.minHeightToWidth)
 * for a model that reads lines: ink up to 20 times as wide as high keeps its
 * height as its size. The usual floor, 0.1, shrinks the letters of any line
 * over 10 heights long, and with them the frames per letter. Held-out UNIPEN
 * lines (all 1,195; ink-words-complete, trained with 0.1), floor 0.1 / 0.05 /
 * 0.035 / 0.02: after epoch 3, CER 11.4 / 8.4 / 8.3 / 8.4%, exact 48.1 / 47.2
 * / 45.9 / 45.3%; after epoch 1, CER 16.5 / 12.1 / - / 11.8%; isolated words
 * the same within 0.2 point (docs/experiments/ink-lines.md). A model trained
 * with the lower floor would not trade exact lines for it.
 */
export const LINE_MIN_HEIGHT_TO_WIDTH = 0.05;

function recognizeWhole(
  recognizer: Recognizer,
  strokes: Stroke[],
  params: DecodeParams,
  decoder: BeamSearchDecoder,
): RecognitionResult {
  const config = parseInkFeatureConfig(recognizer.header.featureConfig);
  if (readsPhysicalLines(recognizer.labels))
    config.minHeightToWidth = Math.min(config.minHeightToWidth, LINE_MIN_HEIGHT_TO_WIDTH);
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
  const result = beamsToResult(beams, (f, edge) =>
    Math.min(
      totalPoints - 1,
      Math.floor((f + (edge === 'end' ? 1 : 0)) * scale) - (edge === 'end' ? 1 : 0),
    ),
  );
  return readsPhysicalLines(recognizer.labels) ? attachClosingPunctuation(result) : result;
}
