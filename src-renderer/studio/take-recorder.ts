// One take at a time: the microphone (shared AudioWorklet capture) streams into
// the back end's recording as it is captured, so a crash loses at most the
// last chunk; the samples are also kept here for the waveform and playback.
import { SPEECH_SAMPLE_RATE, type StudioSample, type VerbatimApi } from '../../src-common/api';
import { startCapture, type Capture } from '../dictate/capture/audio-capture';

/** ~0.25 s per request: the back end has every take on disk within a fraction of a second. */
const CHUNK = SPEECH_SAMPLE_RATE / 4;

export interface TakeRequest {
  dataset: string;
  text: string;
  speaker: string;
  /** Re-record: the sample this take replaces. */
  replaceId: string | null;
}

export class TakeRecorder {
  private capture: Capture | null = null;
  private recordingId: string | null = null;
  private chunks: Float32Array[] = [];
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: VerbatimApi,
    private readonly onLevel: (dbfs: number) => void,
  ) {}

  get recording(): boolean {
    return this.recordingId !== null;
  }

  async start(take: TakeRequest): Promise<void> {
    if (this.recordingId) return;
    const { recordingId } = await this.api.startRecording(take);
    this.recordingId = recordingId;
    this.chunks = [];
    try {
      this.capture = await startCapture({
        echoCancellation: false,
        noiseSuppression: false,
        autoGainControl: false,
        onLevel: this.onLevel,
        onData: () => this.pump(false),
      });
    } catch (e) {
      await this.api.cancelRecording({ recordingId }).catch(() => {});
      this.recordingId = null;
      throw e;
    }
  }

  /** Stops the take; returns the saved sample and its audio. */
  async stop(): Promise<{ sample: StudioSample; samples: Float32Array }> {
    const recordingId = this.recordingId;
    if (!recordingId) throw new Error('Nothing is being recorded.');
    await this.capture?.dispose();
    this.pump(true);
    await this.sending;
    this.capture = null;
    this.recordingId = null;
    this.onLevel(-Infinity);
    const sample = await this.api.stopRecording({ recordingId });
    const samples = new Float32Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      samples.set(c, at);
      at += c.length;
    }
    return { sample, samples };
  }

  async dispose(): Promise<void> {
    if (this.recordingId) await this.stop().catch(() => {});
  }

  private pump(all: boolean) {
    this.sending = this.sending.then(async () => {
      const ring = this.capture?.ring;
      const id = this.recordingId;
      while (ring && id && ring.available > 0 && (all || ring.available >= CHUNK / 2)) {
        const samples = ring.read(CHUNK);
        this.chunks.push(samples.slice());
        await this.api.pushRecording({ recordingId: id, samples });
      }
    });
  }
}

/** Plays mono samples through the default output. */
export async function playSamples(samples: Float32Array, sampleRate: number): Promise<void> {
  const context = new AudioContext();
  const buffer = context.createBuffer(1, Math.max(1, samples.length), sampleRate);
  buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  await new Promise<void>((resolve) => {
    source.onended = () => resolve();
    source.start();
  });
  await context.close();
}
