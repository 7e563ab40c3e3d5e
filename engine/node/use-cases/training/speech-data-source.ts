import {
  augmentWaveform,
  computeFeatures,
  specAugment,
  type SpecAugmentOptions,
  type WaveAugmentOptions,
} from '../../../audio/index';
import type { Rng } from '../../../util/rng';
import { encodeText } from '../../../recognize/labels';
import {
  stackFrames,
  validateSpeechFrontEnd,
  type SpeechFrontEndConfig,
} from '../../../recognize/speech-front-end';
import { readAudioFile, type AudioFile } from '../../io/audio-files';
import type { DataItem, DataSource } from '../../runtime/data-source';

/** One utterance: an audio file (absolute path; `format` for headerless raw PCM) and its normalised text. */
export interface SpeechExample {
  audio: string;
  format?: string;
  text: string;
  duration: number;
}

/** The example's recording as 16 kHz mono (its `format` read as raw PCM when given). */
export function readExampleAudio(e: Pick<SpeechExample, 'audio' | 'format'>): AudioFile {
  return readAudioFile(e.audio, e.format ? { raw: e.format } : {});
}

export interface SpeechDataConfig {
  examples: SpeechExample[];
  alphabet: string[];
  frontEnd: SpeechFrontEndConfig;
  /** Waveform augmentation for training; null for validation. */
  augment: WaveAugmentOptions | null;
  specAugment: SpecAugmentOptions | null;
  /**
   * For a sequence-label model (one class per utterance, e.g. which digit was
   * spoken): the class names; the target is then [index of the text]. Absent:
   * the target is the text spelled in `alphabet` (CTC).
   */
  classes?: string[];
}

/**
 * Speech training data as each worker builds it: audio decoded once and kept
 * (16 kHz float), then per draw augmented, featurised, SpecAugment-masked and
 * frame-stacked. Used by `verbatim train speech` and the default-model recipe.
 */
export function createDataSource(config: SpeechDataConfig): DataSource {
  const frontEnd = validateSpeechFrontEnd(config.frontEnd);
  const cache = new Map<number, Float32Array>();
  const targets = config.examples.map((e) => {
    try {
      if (config.classes) {
        const k = config.classes.indexOf(e.text);
        if (k < 0) throw new RangeError(`"${e.text}" is not one of the classes`);
        return Int32Array.of(k);
      }
      return encodeText(e.text, config.alphabet);
    } catch (err) {
      throw new RangeError(`${e.audio}: ${(err as Error).message}`);
    }
  });
  const audio = (i: number) => {
    let samples = cache.get(i);
    if (!samples) {
      samples = readExampleAudio(config.examples[i]).samples;
      cache.set(i, samples);
    }
    return samples;
  };
  const framesPerSecond = 1000 / frontEnd.audio.hopMs / frontEnd.stack;
  return {
    size: config.examples.length,
    frames: (i) => Math.max(1, Math.round(config.examples[i].duration * framesPerSecond)),
    item(i: number, rng: Rng | null): DataItem {
      let samples = audio(i);
      const draw = rng ? () => rng.next() : null;
      if (draw && config.augment) samples = augmentWaveform(samples, draw, config.augment);
      const f = computeFeatures(samples, frontEnd.audio);
      if (draw && config.specAugment) specAugment(f, draw, config.specAugment);
      if (f.frames === 0) {
        // Shorter than one analysis window: one silent frame keeps the batch well-formed.
        return { x: new Float32Array(f.dim * frontEnd.stack), T: 1, target: targets[i] };
      }
      const { x, T } = stackFrames(f.data, f.frames, f.dim, frontEnd.stack);
      return { x, T, target: targets[i] };
    },
  };
}
