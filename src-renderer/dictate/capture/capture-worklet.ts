// AudioWorklet processor: runs on the audio rendering thread, converts the
// microphone's first channel to 16 kHz and posts ~100 ms chunks (transferred,
// not copied) with their RMS level to the main thread.
import { CAPTURE_PROCESSOR, CAPTURE_RATE, type CaptureMessage } from './capture-protocol';
import { StreamingResampler } from './resampler';

// The AudioWorkletGlobalScope is not in TypeScript's DOM lib.
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const CHUNK = CAPTURE_RATE / 10;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler = new StreamingResampler(sampleRate, CAPTURE_RATE);
  private chunk = new Float32Array(CHUNK);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    const converted = this.resampler.process(channel);
    let offset = 0;
    while (offset < converted.length) {
      const n = Math.min(CHUNK - this.filled, converted.length - offset);
      this.chunk.set(converted.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === CHUNK) this.flush();
    }
    return true;
  }

  private flush() {
    let sum = 0;
    for (const v of this.chunk) sum += v * v;
    const message: CaptureMessage = { samples: this.chunk, rms: Math.sqrt(sum / CHUNK) };
    this.port.postMessage(message, [this.chunk.buffer]);
    this.chunk = new Float32Array(CHUNK);
    this.filled = 0;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
