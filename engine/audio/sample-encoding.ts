import { AudioFormatError, CONVERT_HINT } from './audio-format-error';

/** PCM sample encodings: u8 is unsigned 8-bit, the rest signed integer or IEEE float. */
export type SampleEncoding =
  | 'u8'
  | 's8'
  | 's16le'
  | 's16be'
  | 's24le'
  | 's24be'
  | 's32le'
  | 's32be'
  | 'f32le'
  | 'f32be'
  | 'f64le'
  | 'f64be';

export const SAMPLE_ENCODINGS: readonly SampleEncoding[] = [
  'u8',
  's8',
  's16le',
  's16be',
  's24le',
  's24be',
  's32le',
  's32be',
  'f32le',
  'f32be',
  'f64le',
  'f64be',
];

export function bytesPerSample(encoding: SampleEncoding): number {
  if (encoding === 'u8' || encoding === 's8') return 1;
  return Number(encoding.slice(1, 3)) / 8;
}

/** Sample rates outside this range are treated as corrupt headers or typos. */
export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768_000;

export function checkSampleRate(rate: number, where: string): void {
  if (!Number.isInteger(rate) || rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
    throw new AudioFormatError(
      `${where}: sample rate ${rate} Hz is not plausible (expected an integer between ` +
        `${MIN_SAMPLE_RATE} and ${MAX_SAMPLE_RATE}); ${CONVERT_HINT}`,
    );
  }
}

/**
 * Decodes interleaved frames of `channels` samples from `bytes[offset, offset+frames*blockAlign)`
 * and mixes them down to mono in [-1, 1].
 */
export function decodeInterleaved(
  bytes: Uint8Array,
  offset: number,
  frames: number,
  channels: number,
  encoding: SampleEncoding,
): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, bytes.byteLength - offset);
  const size = bytesPerSample(encoding);
  const read = sampleReader(view, encoding);
  const out = new Float32Array(frames);
  const scale = 1 / channels;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const base = f * channels * size;
    for (let c = 0; c < channels; c++) sum += read(base + c * size);
    out[f] = sum * scale;
  }
  if (encoding[0] === 'f') {
    for (let i = 0; i < frames; i++) {
      if (!Number.isFinite(out[i])) {
        throw new AudioFormatError(
          `float sample ${i} is not a finite number (NaN or infinity): the data is corrupt; ${CONVERT_HINT}`,
        );
      }
    }
  }
  return out;
}

function sampleReader(view: DataView, encoding: SampleEncoding): (at: number) => number {
  switch (encoding) {
    case 'u8':
      return (at) => (view.getUint8(at) - 128) / 128;
    case 's8':
      return (at) => view.getInt8(at) / 128;
    case 's16le':
      return (at) => view.getInt16(at, true) / 32768;
    case 's16be':
      return (at) => view.getInt16(at, false) / 32768;
    case 's24le':
      return (at) =>
        ((view.getInt8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at)) / 8388608;
    case 's24be':
      return (at) =>
        ((view.getInt8(at) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at + 2)) / 8388608;
    case 's32le':
      return (at) => view.getInt32(at, true) / 2147483648;
    case 's32be':
      return (at) => view.getInt32(at, false) / 2147483648;
    case 'f32le':
      return (at) => view.getFloat32(at, true);
    case 'f32be':
      return (at) => view.getFloat32(at, false);
    case 'f64le':
      return (at) => view.getFloat64(at, true);
    case 'f64be':
      return (at) => view.getFloat64(at, false);
  }
}
