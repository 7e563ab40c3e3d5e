import { AudioFormatError, CONVERT_HINT } from './audio-format-error';
import type { DecodedAudio } from './decoded-audio';
import {
  bytesPerSample,
  checkSampleRate,
  decodeInterleaved,
  type SampleEncoding,
} from './sample-encoding';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const MAX_CHANNELS = 64;
const STREAMING_SIZE = 0x7fffffff;

const ascii = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

/**
 * Decodes a RIFF (little-endian) or RIFX (big-endian) WAVE file: PCM 8/16/24/32-bit,
 * IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to mono),
 * any chunk order with unknown chunks (LIST, fact, …) skipped and odd sizes padded.
 * Anything else throws a one-line AudioFormatError.
 */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (bytes.length === 0)
    throw new AudioFormatError(`empty file: expected a WAV file; ${CONVERT_HINT}`);
  if (bytes.length < 12) {
    throw new AudioFormatError(
      `file is only ${bytes.length} bytes: too short for a WAV header (12 bytes at least); ${CONVERT_HINT}`,
    );
  }
  const magic = ascii(bytes, 0);
  if ((magic !== 'RIFF' && magic !== 'RIFX') || ascii(bytes, 8) !== 'WAVE') {
    throw new AudioFormatError(
      `not a WAV file (${describeContainer(bytes)}): expected a RIFF/WAVE header; ${CONVERT_HINT}`,
    );
  }
  const little = magic === 'RIFF';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let fmt: FmtChunk | undefined;
  let data: { offset: number; size: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, little);
    const body = at + 8;
    const available = bytes.length - body;
    if (id === 'data') {
      // Streaming writers (arecord, ffmpeg to a pipe) cannot know the length and
      // put 0x7FFFFFFF or 0xFFFFFFFF here: the data runs to the end of the file.
      if (size >= STREAMING_SIZE) {
        data ??= { offset: body, size: available };
        break;
      }
      if (size > available) {
        throw new AudioFormatError(
          `truncated WAV: the data chunk declares ${size} bytes but only ${available} follow; ` +
            `the file was cut short; ${CONVERT_HINT}`,
        );
      }
      data ??= { offset: body, size };
    } else if (size > available) {
      throw new AudioFormatError(
        `truncated WAV: chunk '${printable(id)}' declares ${size} bytes but only ${available} follow; ${CONVERT_HINT}`,
      );
    } else if (id === 'fmt ') {
      fmt ??= readFmt(view, body, size, little);
    }
    at = body + size + (size & 1); // chunks are padded to an even size
  }
  if (!fmt) throw new AudioFormatError(`WAV file has no 'fmt ' chunk; ${CONVERT_HINT}`);
  if (!data) throw new AudioFormatError(`WAV file has no 'data' chunk (no audio); ${CONVERT_HINT}`);

  const encoding = sampleEncoding(fmt, little);
  const frameBytes = bytesPerSample(encoding) * fmt.channels;
  if (fmt.blockAlign !== frameBytes) {
    throw new AudioFormatError(
      `WAV block align is ${fmt.blockAlign} bytes but ${fmt.channels} channel(s) of ` +
        `${fmt.bitsPerSample}-bit samples need ${frameBytes}: the header is corrupt; ${CONVERT_HINT}`,
    );
  }
  // A trailing partial frame (seen in files written by some recorders) is dropped.
  const frames = Math.floor(data.size / frameBytes);
  return {
    samples: decodeInterleaved(bytes, data.offset, frames, fmt.channels, encoding),
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    encoding,
  };
}

function readFmt(view: DataView, at: number, size: number, little: boolean): FmtChunk {
  if (size < 16) {
    throw new AudioFormatError(
      `WAV 'fmt ' chunk is ${size} bytes, expected at least 16; ${CONVERT_HINT}`,
    );
  }
  let formatTag = view.getUint16(at, little);
  const channels = view.getUint16(at + 2, little);
  const sampleRate = view.getUint32(at + 4, little);
  const blockAlign = view.getUint16(at + 12, little);
  const bitsPerSample = view.getUint16(at + 14, little);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) {
      throw new AudioFormatError(
        `WAV 'fmt ' chunk says WAVE_FORMAT_EXTENSIBLE but is ${size} bytes, expected 40; ${CONVERT_HINT}`,
      );
    }
    // The sub-format GUID starts with the plain format tag (PCM or IEEE float).
    formatTag = view.getUint16(at + 24, little);
  }
  if (channels === 0 || channels > MAX_CHANNELS) {
    throw new AudioFormatError(
      `WAV header says ${channels} channels, expected 1 to ${MAX_CHANNELS}; ${CONVERT_HINT}`,
    );
  }
  checkSampleRate(sampleRate, 'WAV header');
  return { formatTag, channels, sampleRate, blockAlign, bitsPerSample };
}

function sampleEncoding(fmt: FmtChunk, little: boolean): SampleEncoding {
  const endian = little ? 'le' : 'be';
  if (fmt.formatTag === WAVE_FORMAT_PCM) {
    if (fmt.bitsPerSample === 8) return 'u8';
    if (fmt.bitsPerSample === 16 || fmt.bitsPerSample === 24 || fmt.bitsPerSample === 32) {
      return `s${fmt.bitsPerSample}${endian}` as SampleEncoding;
    }
    throw new AudioFormatError(
      `WAV PCM with ${fmt.bitsPerSample} bits per sample is not supported (expected 8, 16, 24 or 32); ${CONVERT_HINT}`,
    );
  }
  if (fmt.formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (fmt.bitsPerSample === 32 || fmt.bitsPerSample === 64) {
      return `f${fmt.bitsPerSample}${endian}` as SampleEncoding;
    }
    throw new AudioFormatError(
      `WAV float with ${fmt.bitsPerSample} bits per sample is not supported (expected 32 or 64); ${CONVERT_HINT}`,
    );
  }
  throw new AudioFormatError(
    `WAV encoding ${formatName(fmt.formatTag)} is not supported (expected PCM or IEEE float); ${CONVERT_HINT}`,
  );
}

function formatName(tag: number): string {
  const names: Record<number, string> = {
    0x0002: 'ADPCM',
    0x0006: 'A-law',
    0x0007: 'mu-law',
    0x0011: 'IMA ADPCM',
    0x0031: 'GSM 6.10',
    0x0055: 'MP3',
  };
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  return names[tag] ? `${names[tag]} (${hex})` : hex;
}

/** Names common containers so "MP3 renamed to .wav" says so. */
function describeContainer(bytes: Uint8Array): string {
  const head = ascii(bytes, 0);
  if (head.startsWith('ID3') || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) {
    return 'looks like MP3';
  }
  if (head === 'OggS') return 'looks like Ogg (Vorbis/Opus)';
  if (head === 'fLaC') return 'looks like FLAC';
  if (ascii(bytes, 4) === 'ftyp') return 'looks like MP4/M4A';
  if (head === 'FORM') return 'looks like AIFF';
  if (head === '.snd') return 'looks like Sun/NeXT AU';
  if (head === 'RIFF') return `a RIFF file of type '${printable(ascii(bytes, 8))}'`;
  return `starts with '${printable(head)}'`;
}

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
