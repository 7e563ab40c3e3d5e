// Dictation sessions: the renderer streams 16 kHz chunks here; each session
// counts what it received and feeds a recognizer stream when a model exists.
// Without a model the session still accepts audio (the level meter and the
// capture path keep working) and reports why nothing is transcribed.
import {
  ApiError,
  SPEECH_SAMPLE_RATE,
  type ApiArgs,
  type DictationStarted,
  type DictationStopped,
} from '../../src-common/api';
import type { EventBus } from './event-bus';
import type { RecognizerService, SpeechStream } from './recognizer';
import { createSessionRegistry } from './session-registry';

export interface DictationService {
  start(args: ApiArgs<'startDictation'>): Promise<DictationStarted>;
  push(args: ApiArgs<'pushAudio'>): Promise<{ receivedSeconds: number }>;
  stop(args: ApiArgs<'stopDictation'>): Promise<DictationStopped>;
  /** Number of open sessions (for tests and diagnostics). */
  openSessions(): number;
}

interface Session {
  receivedSamples: number;
  stream: SpeechStream | null;
}

export interface DictationOptions {
  recognizer: RecognizerService;
  events: EventBus;
  /** Sessions idle longer than this (a closed tab, a crashed page) are disposed. */
  maxIdleMs?: number;
  now?: () => number;
  newId?: () => string;
}

export function createDictationService(options: DictationOptions): DictationService {
  const { recognizer, events } = options;
  const sessions = createSessionRegistry<Session>({
    maxIdleMs: options.maxIdleMs ?? 120_000,
    dispose: (s) => s.stream?.dispose(),
    missing: (id) =>
      new ApiError(
        'not-found',
        `Dictation session ${id} is not open (it was stopped or timed out); start dictation again.`,
      ),
    now: options.now,
    newId: options.newId,
  });
  const seconds = (s: Session) => s.receivedSamples / SPEECH_SAMPLE_RATE;

  return {
    async start(args) {
      sessions.sweep();
      const sessionId = sessions.newId();
      let stream: SpeechStream | null = null;
      let notice: string | null = null;
      try {
        stream = await recognizer.openSpeech(
          { modelId: args.modelId, hotwords: args.hotwords, vocabulary: args.vocabulary },
          {
            onPartial: (text, words) =>
              events.emit({ type: 'speech.partial', sessionId, text, words }),
            onFinal: (result) => events.emit({ type: 'speech.final', sessionId, result }),
            onError: (message) => events.emit({ type: 'speech.error', sessionId, message }),
          },
        );
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'no-model')) throw e;
        notice = e.message;
      }
      sessions.add(sessionId, { receivedSamples: 0, stream });
      return { sessionId, model: stream?.model ?? null, notice };
    },
    async push({ sessionId, samples }) {
      sessions.sweep();
      const s = sessions.get(sessionId);
      s.receivedSamples += samples.length;
      if (s.stream) {
        try {
          s.stream.pushAudio(samples);
        } catch (e) {
          events.emit({ type: 'speech.error', sessionId, message: (e as Error).message });
        }
      }
      return { receivedSeconds: seconds(s) };
    },
    async stop({ sessionId }) {
      const s = sessions.get(sessionId);
      sessions.remove(sessionId);
      if (!s.stream) return { receivedSeconds: seconds(s), result: null };
      try {
        return { receivedSeconds: seconds(s), result: await s.stream.finish() };
      } finally {
        s.stream.dispose();
      }
    },
    openSessions: () => sessions.size,
  };
}
