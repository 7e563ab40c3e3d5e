import { AudioFormatError } from './audio-format-error';
import type { DecodedAudio } from './decoded-audio';
import {
  bytesPerSample,
  checkSampleRate,
  decodeInterleaved,
  SAMPLE_ENCODINGS,
  type SampleEncoding,
} from './sample-encoding';

/** The layout of headerless PCM, e.g. parsed from `s16be:16000` or `f32le:8000:2`. */
export interface RawPcmFormat {
  encoding: SampleEncoding;
  sampleRate: number;
  channels: number;
}

const RAW_SYNTAX = `ENCODING[:RATE[:CHANNELS]] with ENCODING one of ${SAMPLE_ENCODINGS.join(', ')} (e.g. s16be:16000)`;

/** Parses `ENCODING[:RATE[:CHANNELS]]`; the rate defaults to 16000 Hz and channels to 1. */
export function parseRawFormat(spec: string): RawPcmFormat {
  const [encoding, rate = '16000', channels = '1', ...extra] = spec.trim().toLowerCase().split(':');
  if (!SAMPLE_ENCODINGS.includes(encoding as SampleEncoding) || extra.length > 0) {
    throw new AudioFormatError(`raw format '${spec}' is not understood: expected ${RAW_SYNTAX}`);
  }
  const sampleRate = Number(rate);
  const channelCount = Number(channels);
  if (!/^\d+$/.test(rate)) {
    throw new AudioFormatError(
      `raw format '${spec}': rate '${rate}' is not a number of Hz; expected ${RAW_SYNTAX}`,
    );
  }
  checkSampleRate(sampleRate, `raw format '${spec}'`);
  if (!/^\d+$/.test(channels) || channelCount < 1 || channelCount > 64) {
    throw new AudioFormatError(
      `raw format '${spec}': channels must be 1 to 64; expected ${RAW_SYNTAX}`,
    );
  }
  return { encoding: encoding as SampleEncoding, sampleRate, channels: channelCount };
}

export function formatRawFormat(format: RawPcmFormat): string {
  const base = `${format.encoding}:${format.sampleRate}`;
  return format.channels === 1 ? base : `${base}:${format.channels}`;
}

/** Decodes headerless PCM; a trailing partial frame is an error (the format is probably wrong). */
export function decodeRawPcm(bytes: Uint8Array, format: RawPcmFormat): DecodedAudio {
  const frameBytes = bytesPerSample(format.encoding) * format.channels;
  if (bytes.length === 0) {
    throw new AudioFormatError(`empty file: expected raw ${formatRawFormat(format)} samples`);
  }
  if (bytes.length % frameBytes !== 0) {
    throw new AudioFormatError(
      `raw ${formatRawFormat(format)} needs a multiple of ${frameBytes} bytes but the file has ` +
        `${bytes.length}: check the --raw format (encoding and channels)`,
    );
  }
  const frames = bytes.length / frameBytes;
  return {
    samples: decodeInterleaved(bytes, 0, frames, format.channels, format.encoding),
    sampleRate: format.sampleRate,
    channels: format.channels,
    encoding: format.encoding,
  };
}
