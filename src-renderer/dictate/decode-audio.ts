// Audio files → 16 kHz mono samples, decoded by the browser (WAV, MP3, Ogg,
// FLAC…): decodeAudioData resamples to its context's rate.
import { SPEECH_SAMPLE_RATE } from '../../src-common/api';

export async function decodeTo16kMono(file: Blob): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(1, 1, SPEECH_SAMPLE_RATE);
  try {
    return await context.decodeAudioData(await file.arrayBuffer());
  } catch {
    throw new Error('This file could not be decoded as audio. Use WAV, MP3, Ogg or FLAC.');
  }
}

/** The average of all channels. */
export function monoSamples(buffer: AudioBuffer): Float32Array {
  const out = new Float32Array(buffer.length);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const channel = buffer.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i]! += channel[i]! / buffer.numberOfChannels;
  }
  return out;
}

let player: AudioContext | null = null;

/** Plays [start, end) seconds of a decoded file. */
export function playStretch(buffer: AudioBuffer, start: number, end: number): void {
  player ??= new AudioContext();
  const source = player.createBufferSource();
  source.buffer = buffer;
  source.connect(player.destination);
  source.start(0, Math.max(0, start), Math.max(0.05, end - start));
}
