import { describe, expect, it } from 'vitest';
import type { ModelInfo, RecognitionResult, VerbatimEvent } from '../../src-common/api';
import { createDictationService } from './dictation';
import { createEventBus } from './event-bus';
import {
  createRecognizerService,
  NO_SPEECH_MODEL,
  type RecognitionEngine,
  type SpeechCallbacks,
} from './recognizer';

const args = { modelId: null, hotwords: [], vocabulary: null, sampleRate: 16_000 as const };
const result: RecognitionResult = {
  text: 'one two',
  words: [],
  nbest: [{ text: 'one two', score: 0 }],
};
/** The word of every partial guess: the service passes it on with the text. */
const heard = { word: 'heard', start: 0, end: 0.1, confidence: 0.5 };

/** An engine double that records what the service does with it. */
function recordingEngine() {
  const log: string[] = [];
  let callbacks: SpeechCallbacks | null = null;
  const engine: RecognitionEngine = {
    async openSpeech(params, cb) {
      log.push(`open ${params.hotwords.join(',')}`);
      callbacks = cb;
      return {
        pushAudio: (samples) => {
          log.push(`push ${samples.length}`);
          cb.onPartial(`heard ${samples.length}`, [heard]);
        },
        finish: async () => {
          log.push('finish');
          return result;
        },
        dispose: () => log.push('dispose'),
      };
    },
    transcribe: async () => result,
    recognizeInk: async () => {
      throw new Error('no handwriting here');
    },
    openInk: async () => {
      throw new Error('no handwriting here');
    },
  };
  return { engine, log, callbacks: () => callbacks! };
}

describe('dictation sessions', () => {
  it('capture without a model, and say why nothing is transcribed', async () => {
    const service = createDictationService({
      recognizer: createRecognizerService(null),
      events: createEventBus(),
    });
    const started = await service.start(args);
    expect(started.notice).toBe(NO_SPEECH_MODEL);
    const pushed = await service.push({
      sessionId: started.sessionId,
      samples: new Float32Array(8000),
    });
    expect(pushed.receivedSeconds).toBe(0.5);
    expect(await service.stop({ sessionId: started.sessionId })).toEqual({
      receivedSeconds: 0.5,
      result: null,
    });
    expect(service.openSessions()).toBe(0);
  });

  it('stream audio to the engine and publish its partial and final results', async () => {
    const { engine, log, callbacks } = recordingEngine();
    const events = createEventBus();
    const seen: VerbatimEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const service = createDictationService({ recognizer: createRecognizerService(engine), events });
    const { sessionId, notice } = await service.start({ ...args, hotwords: ['verbatim'] });
    expect(notice).toBeNull();
    await service.push({ sessionId, samples: new Float32Array(1600) });
    callbacks().onFinal(result);
    const stopped = await service.stop({ sessionId });
    expect(stopped).toEqual({ receivedSeconds: 0.1, result });
    expect(log).toEqual(['open verbatim', 'push 1600', 'finish', 'dispose']);
    expect(seen).toEqual([
      { type: 'speech.partial', sessionId, text: 'heard 1600', words: [heard] },
      { type: 'speech.final', sessionId, result },
    ]);
  });

  it('refuse unknown sessions with a message that says what to do', async () => {
    const service = createDictationService({
      recognizer: createRecognizerService(null),
      events: createEventBus(),
    });
    await expect(service.push({ sessionId: 'nope', samples: new Float32Array(1) })).rejects.toThrow(
      /start dictation again/,
    );
  });

  it('dispose sessions left idle (a closed page)', async () => {
    let now = 0;
    const { engine, log } = recordingEngine();
    const service = createDictationService({
      recognizer: createRecognizerService(engine),
      events: createEventBus(),
      maxIdleMs: 1000,
      now: () => now,
    });
    const first = await service.start(args);
    now = 5000;
    await service.start(args);
    expect(service.openSessions()).toBe(1);
    expect(log).toContain('dispose');
    await expect(service.stop(first)).rejects.toThrow(/not open/);
  });

  it('report engine failures while streaming as events, and keep the session', async () => {
    const events = createEventBus();
    const seen: VerbatimEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const engine: RecognitionEngine = {
      openSpeech: async () => ({
        pushAudio: () => {
          throw new Error('worker crashed');
        },
        finish: async () => result,
        dispose: () => {},
      }),
      transcribe: async () => result,
      recognizeInk: async () => {
        throw new Error('no handwriting here');
      },
      openInk: async () => {
        throw new Error('no handwriting here');
      },
    };
    const service = createDictationService({ recognizer: createRecognizerService(engine), events });
    const { sessionId } = await service.start(args);
    await service.push({ sessionId, samples: new Float32Array(16) });
    expect(seen).toEqual([{ type: 'speech.error', sessionId, message: 'worker crashed' }]);
    expect(service.openSessions()).toBe(1);
  });

  it('say which model listens, and publish failures the engine reports later', async () => {
    const events = createEventBus();
    const seen: VerbatimEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const model: ModelInfo = {
      id: 'shipped:speech-en',
      name: 'speech-en',
      role: 'speech',
      file: 'speech-en.vbm',
      bytes: 1,
      modified: '2026-01-01T00:00:00.000Z',
      source: 'shipped',
      description: '',
    };
    let callbacks: SpeechCallbacks | null = null;
    const engine: RecognitionEngine = {
      openSpeech: async (_params, cb) => {
        callbacks = cb;
        return { model, pushAudio: () => {}, finish: async () => result, dispose: () => {} };
      },
      transcribe: async () => result,
      recognizeInk: async () => {
        throw new Error('no handwriting here');
      },
      openInk: async () => {
        throw new Error('no handwriting here');
      },
    };
    const service = createDictationService({ recognizer: createRecognizerService(engine), events });
    const started = await service.start(args);
    expect(started.model).toEqual(model);
    callbacks!.onError?.('the recognition worker crashed');
    expect(seen).toEqual([
      {
        type: 'speech.error',
        sessionId: started.sessionId,
        message: 'the recognition worker crashed',
      },
    ]);
  });
});
