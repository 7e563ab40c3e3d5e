import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAudio } from '../../audio/decode-audio';
import { extractInkFeatures, parseInkFeatureConfig, type Ink } from '../../ink/index';
import { sharedUnipenRoot } from '../io/datasets/unipen-dataset';
import { UnipenReader } from '../io/unipen-files';
import { createDecoder } from '../../recognize/decode-params';
import { recognizeInk } from '../../recognize/ink';
import { loadRecognizer } from '../../recognize/recognizer';
import { recognizeUtterance } from '../../recognize/speech';
import { speechFeatures, validateSpeechFrontEnd } from '../../recognize/speech-front-end';
import type { BenchClip } from './bench-clips';
import type { BenchModel } from './bench-models';
import { medianMs, timeMs } from './bench-stats';

export interface SpeechPipelineResult {
  /** Wall time of the whole pipeline ÷ audio duration (one thread). */
  speech_rtf: number;
  /** Median milliseconds of each stage on the clip (the chart of where time goes). */
  speech_stages_ms: {
    decode_and_resample: number;
    features: number;
    network: number;
    beam_search: number;
  };
  /** Parsing the LM and building the lexicon trie: once per session, not per clip. */
  decoder_setup_ms: number;
  /** The start of the transcript (a trained model gives words, a stand-in noise). */
  transcript: string;
}

/**
 * The whole speech pipeline on a clip, as `transcribeSamples` runs it for an
 * utterance of up to 20 s: WAV bytes → decode → resample to 16 kHz → features
 * → network → prefix beam search with the model's LM and lexicon.
 */
export async function benchSpeechPipeline(
  model: BenchModel,
  clip: BenchClip,
  runs: number,
): Promise<SpeechPipelineResult> {
  const { recognizer, params, resources } = model;
  let decoder = createDecoder(recognizer.labels, params, resources);
  const decoder_setup_ms = await timeMs(() => {
    decoder = createDecoder(recognizer.labels, params, resources);
  });
  let transcript = '';
  const total = await medianMs(() => {
    const audio = decodeAudio(clip.wav);
    transcript = recognizeUtterance(recognizer, audio.samples, params, decoder).text;
  }, runs);
  // the stages one by one, for the breakdown
  const samples = decodeAudio(clip.wav).samples;
  const fe = validateSpeechFrontEnd(recognizer.header.featureConfig);
  const { x, T } = speechFeatures(samples, fe);
  const { logProbs, frames } = recognizer.network.recognize(x, T);
  const stages = {
    decode_and_resample: await medianMs(() => decodeAudio(clip.wav), runs),
    features: await medianMs(() => speechFeatures(samples, fe), runs),
    network: await medianMs(() => recognizer.network.recognize(x, T), runs),
    beam_search: await medianMs(() => decoder.decode(logProbs, frames), runs),
  };
  return {
    speech_rtf: total / 1000 / clip.seconds,
    speech_stages_ms: stages,
    decoder_setup_ms,
    transcript: transcript.slice(0, 80),
  };
}

/** English words written on a tablet (UNIPEN category 6, lab apc), or a synthetic word. */
export function benchWords(count: number): { words: Ink[]; source: string } {
  const root = sharedUnipenRoot();
  if (root) {
    const dir = join(root, 'data', '6', 'apc', 'apc17');
    const reader = new UnipenReader(root);
    const words: Ink[] = [];
    for (const file of readdirSync(dir).sort()) {
      if (words.length >= count) break;
      for (const s of reader.readSegmentFile(join(dir, file))) {
        if (words.length < count && s.label.length > 1) words.push(s.ink);
      }
    }
    if (words.length > 0) {
      return { words, source: `UNIPEN category 6, lab apc (${words.length} written words)` };
    }
  }
  return { words: [syntheticWord()], source: 'a synthetic cursive word (no UNIPEN data)' };
}

/** Six cursive loops and an i-dot, about 400 points, like a 6-letter word. */
function syntheticWord(): Ink {
  const points = Array.from({ length: 400 }, (_, i) => {
    const a = (i / 400) * 6 * 2 * Math.PI;
    return { x: 30 * (i / 400) * 6 + 10 * Math.cos(a), y: 20 + 18 * Math.sin(a) };
  });
  return {
    strokes: [
      { points },
      {
        points: [
          { x: 95, y: -10 },
          { x: 96, y: -11 },
        ],
      },
    ],
  };
}

export interface InkPipelineResult {
  /** Median milliseconds per word of the whole pipeline. */
  ink_ms_per_word: number;
  /** Per word, each stage on its own (the chart of where time goes). */
  ink_stages_ms: { features: number; network: number; beam_search: number };
}

/** The whole handwriting pipeline per word: features, network, beam search with the lexicon. */
export async function benchInk(
  model: BenchModel,
  words: Ink[],
  runs: number,
): Promise<InkPipelineResult> {
  const { recognizer, params, resources } = model;
  const decoder = createDecoder(recognizer.labels, params, resources);
  const perWord = (ms: number) => ms / words.length;
  const total = await medianMs(() => {
    for (const ink of words) recognizeInk(recognizer, ink, params, decoder);
  }, runs);
  const config = parseInkFeatureConfig(recognizer.header.featureConfig);
  const features = words.map((w) => extractInkFeatures(w, config));
  const outputs = features.map((f) => recognizer.network.recognize(f.data, f.frames));
  return {
    ink_ms_per_word: perWord(total),
    ink_stages_ms: {
      features: perWord(
        await medianMs(() => words.forEach((w) => extractInkFeatures(w, config)), runs),
      ),
      network: perWord(
        await medianMs(
          () => features.forEach((f) => recognizer.network.recognize(f.data, f.frames)),
          runs,
        ),
      ),
      beam_search: perWord(
        await medianMs(() => outputs.forEach((o) => decoder.decode(o.logProbs, o.frames)), runs),
      ),
    },
  };
}

/** Milliseconds to turn `.vbm` bytes into a ready recognizer (parse, validate, build the network). */
export async function benchModelLoad(model: BenchModel, runs: number): Promise<number> {
  const kernels = model.recognizer.network.kernels;
  return medianMs(() => loadRecognizer(model.bytes, { kernels }), runs);
}
