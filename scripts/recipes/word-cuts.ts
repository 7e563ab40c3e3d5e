/**
 * Single words cut out of sentence recordings by CTC forced alignment, so
 * isolated-word training data (spoken digits, as FSDD has) comes from the many
 * voices of a sentence corpus (AN4's 63 training speakers) instead of a few.
 *
 * A trained model's output is aligned to the transcript (ctc-decode-ts
 * forcedAlign); a word's cut runs from halfway between the previous word's
 * last letter and its own first letter to halfway to the next word, then is
 * trimmed to its speech by energy, as a tightly trimmed recorder would.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { forcedAlign, type AlignedToken } from 'ctc-decode-ts';
import {
  encodeText,
  type Recognizer,
  speechExtent,
  speechFeatures,
  validateSpeechFrontEnd,
} from '../../engine/index';
import {
  readAudioFile,
  readExampleAudio,
  type SpeechExample,
  writeWavFile,
} from '../../engine/node/index';

const SAMPLE_RATE = 16000;

/** One word of an utterance: its text and its sample range in the recording. */
export interface WordCut {
  word: string;
  start: number;
  end: number;
}

/**
 * Sample ranges of the words of `text` given the aligned letters (spaces
 * included, as in the transcript) and the samples per network frame.
 */
export function wordRanges(
  text: string,
  aligned: readonly AlignedToken[],
  samplesPerFrame: number,
  totalSamples: number,
): WordCut[] {
  // Frame spans of each word's letters: [first letter's start, last letter's end].
  const words: { word: string; first: number; last: number }[] = [];
  let i = 0;
  for (const word of text.split(' ')) {
    words.push({ word, first: aligned[i].start, last: aligned[i + word.length - 1].end });
    i += word.length + 1;
  }
  const toSample = (frame: number) =>
    Math.max(0, Math.min(totalSamples, Math.round(frame * samplesPerFrame)));
  return words.map((w, k) => {
    const prev = words[k - 1];
    const next = words[k + 1];
    const start = prev ? (prev.last + 1 + w.first) / 2 : 0;
    const end = next ? (w.last + 1 + next.first) / 2 : totalSamples / samplesPerFrame;
    return { word: w.word, start: toSample(start), end: toSample(end) };
  });
}

/**
 * Cuts every occurrence of `words` out of the examples, writing each as a
 * 16 kHz WAV under outDir (kept between runs: existing cuts are reused).
 * Utterances whose alignment is poor (mean log-probability per frame below
 * minMeanLogProb) are skipped, as the transcript or the model is then wrong.
 */
export function cutWords(
  examples: readonly SpeechExample[],
  words: ReadonlySet<string>,
  recognizer: Recognizer,
  outDir: string,
  minMeanLogProb = -1.5,
): { examples: SpeechExample[]; skipped: number } {
  mkdirSync(outDir, { recursive: true });
  const frontEnd = validateSpeechFrontEnd(recognizer.header.featureConfig);
  const samplesPerFrame = (SAMPLE_RATE * frontEnd.audio.hopMs * frontEnd.stack) / 1000;
  const out: SpeechExample[] = [];
  let skipped = 0;
  for (const e of examples) {
    const spoken = e.text.split(' ');
    const wanted = spoken.flatMap((w, k) => (words.has(w) ? [k] : []));
    if (wanted.length === 0) continue;
    const id = basename(e.audio).replace(/\.[^.]+$/, '');
    const path = (k: number) => join(outDir, `${id}-${k}.wav`);
    if (wanted.every((k) => existsSync(path(k)))) {
      for (const k of wanted) out.push(clip(path(k), spoken[k]));
      continue;
    }
    const samples = readExampleAudio(e).samples;
    const { x, T } = speechFeatures(samples, frontEnd);
    const { logProbs, frames } = recognizer.network.recognize(x, T);
    const target = Array.from(encodeText(e.text, recognizer.labels));
    const aligned = forcedAlign(logProbs, frames, recognizer.labels.length, target);
    if (aligned.logProb / Math.max(1, frames) < minMeanLogProb) {
      skipped++;
      continue;
    }
    const ranges = wordRanges(e.text, aligned.tokens, samplesPerFrame, samples.length);
    for (const k of wanted) {
      const piece = samples.subarray(ranges[k].start, ranges[k].end);
      const speech = speechExtent(piece, SAMPLE_RATE);
      const trimmed = piece.subarray(speech.start, speech.end);
      if (trimmed.length < SAMPLE_RATE / 10) continue;
      writeWavFile(path(k), trimmed, SAMPLE_RATE);
      out.push(clip(path(k), spoken[k], trimmed.length / SAMPLE_RATE));
    }
  }
  return { examples: out, skipped };
}

function clip(audio: string, text: string, duration?: number): SpeechExample {
  return { audio, text, duration: duration ?? readAudioFile(audio).samples.length / SAMPLE_RATE };
}
