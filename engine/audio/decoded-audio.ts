import type { SampleEncoding } from './sample-encoding';

/** Audio after decoding: mono samples in [-1, 1] at the source's rate. */
export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
  /** Channels in the source (they have been averaged into `samples`). */
  channels: number;
  encoding: SampleEncoding;
}
