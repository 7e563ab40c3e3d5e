import { decodeRawPcm, parseRawFormat, type RawPcmFormat } from './raw-pcm';
import { resample } from './resample';
import { decodeWav } from './wav-decode';

/** Everything is resampled to this rate before features. */
export const TARGET_SAMPLE_RATE = 16000;

export interface DecodeAudioOptions {
  /** Headerless PCM layout (e.g. `s16be:16000`); without it the bytes must be a WAV file. */
  raw?: string | RawPcmFormat;
}

/** Audio as the recognizer wants it: 16 kHz mono in [-1, 1]. */
export interface Audio16k {
  samples: Float32Array;
  sampleRate: 16000;
  /** Seconds. */
  duration: number;
  /** What the bytes held before mixing down and resampling. */
  source: { sampleRate: number; channels: number; encoding: string };
}

/**
 * Bytes of a WAV file (or raw PCM with `raw`) → 16 kHz mono. Platform-free, for
 * files dropped into the app as well as the CLI; throws AudioFormatError.
 */
export function decodeAudio(bytes: Uint8Array, options: DecodeAudioOptions = {}): Audio16k {
  const audio =
    options.raw === undefined
      ? decodeWav(bytes)
      : decodeRawPcm(
          bytes,
          typeof options.raw === 'string' ? parseRawFormat(options.raw) : options.raw,
        );
  const samples =
    audio.sampleRate === TARGET_SAMPLE_RATE
      ? audio.samples
      : resample(audio.samples, audio.sampleRate, TARGET_SAMPLE_RATE);
  return {
    samples,
    sampleRate: TARGET_SAMPLE_RATE,
    duration: samples.length / TARGET_SAMPLE_RATE,
    source: { sampleRate: audio.sampleRate, channels: audio.channels, encoding: audio.encoding },
  };
}
