// The dictation flow, outside React: start a back-end session, capture the
// microphone into a ring, stream the ring to the session, show partial text,
// and on stop flush the rest and collect the final result. Start and stop are
// queued so a quick press-and-release of Hold to talk cannot interleave them.
import {
  SPEECH_SAMPLE_RATE,
  type RecognitionResult,
  type VerbatimApi,
  type VocabularyEntry,
  type Word,
} from '../../src-common/api';
import { startCapture, type Capture } from './capture/audio-capture';

export type DictationPhase = 'idle' | 'starting' | 'listening' | 'stopping';

export interface DictationCallbacks {
  onPhase(phase: DictationPhase): void;
  onLevel(dbfs: number): void;
  /** Seconds of audio the back end has received in this session. */
  onSent(seconds: number): void;
  /** The guess for the utterance in progress and its words (on the recording's clock). */
  onPartial(text: string, words: Word[]): void;
  /** A finished utterance; `offset` places it on the whole recording's clock (s). */
  onUtterance(result: RecognitionResult, offset: number): void;
  /** Why nothing is transcribed (e.g. no model), or null. */
  onNotice(message: string | null): void;
  onError(message: string): void;
}

export interface DictationSettings {
  deviceId?: string;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
  hotwords: string[];
  /** Only these words and phrases may be recognized (the Vocabulary setting); null for any. */
  vocabulary: VocabularyEntry[] | null;
  modelId: string | null;
}

/** Streamed chunks are at most 0.5 s: small enough for live partials. */
const MAX_SEND = SPEECH_SAMPLE_RATE / 2;

export class DictationController {
  private queue: Promise<void> = Promise.resolve();
  private capture: Capture | null = null;
  private sessionId: string | null = null;
  private sending: Promise<void> | null = null;
  private offset = 0;
  private phase: DictationPhase = 'idle';
  private readonly unsubscribe: () => void;

  constructor(
    private readonly api: VerbatimApi,
    private readonly callbacks: DictationCallbacks,
  ) {
    this.unsubscribe = api.onEvent((event) => {
      if (!('sessionId' in event) || event.sessionId !== this.sessionId) return;
      if (event.type === 'speech.partial')
        callbacks.onPartial(
          event.text,
          event.words.map((w) => ({
            ...w,
            start: w.start + this.offset,
            end: w.end + this.offset,
          })),
        );
      if (event.type === 'speech.final') {
        callbacks.onPartial('', []);
        callbacks.onUtterance(event.result, this.offset);
      }
      if (event.type === 'speech.error') callbacks.onError(event.message);
    });
  }

  get active(): boolean {
    return this.phase === 'starting' || this.phase === 'listening';
  }

  start(settings: DictationSettings): Promise<void> {
    return this.enqueue(async () => {
      if (this.phase !== 'idle') return;
      this.setPhase('starting');
      try {
        const started = await this.api.startDictation({
          hotwords: settings.hotwords,
          vocabulary: settings.vocabulary,
          modelId: settings.modelId,
          sampleRate: SPEECH_SAMPLE_RATE,
        });
        this.sessionId = started.sessionId;
        this.callbacks.onNotice(started.notice);
        this.capture = await startCapture({
          ...settings,
          onLevel: (dbfs) => this.callbacks.onLevel(dbfs),
          onData: () => void this.pump(false),
        });
        this.setPhase('listening');
      } catch (e) {
        await this.teardown();
        this.callbacks.onError((e as Error).message);
      }
    });
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (this.phase !== 'listening') return;
      this.setPhase('stopping');
      try {
        await this.capture?.dispose();
        await this.pump(true);
        const sessionId = this.sessionId!;
        const stopped = await this.api.stopDictation({ sessionId });
        this.callbacks.onPartial('', []);
        if (stopped.result) this.callbacks.onUtterance(stopped.result, this.offset);
        this.offset += stopped.receivedSeconds;
      } catch (e) {
        this.callbacks.onError((e as Error).message);
      } finally {
        this.capture = null;
        this.sessionId = null;
        this.callbacks.onLevel(-Infinity);
        this.setPhase('idle');
      }
    });
  }

  toggle(settings: DictationSettings): Promise<void> {
    return this.active ? this.stop() : this.start(settings);
  }

  dispose(): void {
    this.unsubscribe();
    void this.stop();
  }

  /** Streams what the ring holds; with `all`, also the last partial chunk. */
  private pump(all: boolean): Promise<void> {
    // A running sender picks up new audio itself; a flush queues behind it.
    if (this.sending && !all) return this.sending;
    const run = (this.sending ?? Promise.resolve()).then(() => this.drain(all));
    const tracked: Promise<void> = run
      .catch((e: unknown) => {
        this.callbacks.onError((e as Error).message);
        if (!all) void this.stop();
      })
      .finally(() => {
        if (this.sending === tracked) this.sending = null;
      });
    this.sending = tracked;
    return tracked;
  }

  private async drain(all: boolean) {
    const ring = this.capture?.ring;
    while (ring && this.sessionId && ring.available > 0) {
      if (!all && ring.available < SPEECH_SAMPLE_RATE / 10) break;
      const samples = ring.read(MAX_SEND);
      const { receivedSeconds } = await this.api.pushAudio({ sessionId: this.sessionId, samples });
      this.callbacks.onSent(receivedSeconds);
    }
  }

  private async teardown() {
    await this.capture?.dispose().catch(() => {});
    if (this.sessionId) {
      await this.api.stopDictation({ sessionId: this.sessionId }).catch(() => {});
    }
    this.capture = null;
    this.sessionId = null;
    this.setPhase('idle');
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(op, op);
    return this.queue;
  }

  private setPhase(phase: DictationPhase) {
    this.phase = phase;
    this.callbacks.onPhase(phase);
  }
}
