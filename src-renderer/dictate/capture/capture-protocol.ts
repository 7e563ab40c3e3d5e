// What the capture worklet and the main thread agree on. Kept apart from the
// worklet itself, whose module only runs inside the AudioWorkletGlobalScope.
export const CAPTURE_PROCESSOR = 'verbatim-capture';
export const CAPTURE_RATE = 16_000;

export interface CaptureMessage {
  /** ~100 ms of 16 kHz mono audio. */
  samples: Float32Array;
  /** RMS of the chunk, 0..1. */
  rms: number;
}
