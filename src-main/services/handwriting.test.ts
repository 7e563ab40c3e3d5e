import { describe, expect, it } from 'vitest';
import { ApiError, type InkRecognitionResult, type StrokeEvent } from '../../src-common/api';
import { createHandwritingService } from './handwriting';
import {
  createRecognizerService,
  type InkParams,
  type InkStream,
  type RecognitionEngine,
} from './recognizer';

/** An engine whose ink sessions count their strokes and answer the count as text. */
function countingEngine(fail?: () => Error | undefined) {
  const disposed: number[] = [];
  const params: InkParams[] = [];
  let opened = 0;
  const engine: RecognitionEngine = {
    openSpeech: async () => {
      throw new Error('no speech here');
    },
    transcribe: async () => {
      throw new Error('no speech here');
    },
    recognizeInk: async () => {
      throw new Error('one-shot not used');
    },
    openInk: async (p): Promise<InkStream> => {
      params.push(p);
      const id = opened++;
      let strokes = 0;
      return {
        apply: async (events: StrokeEvent[]): Promise<InkRecognitionResult> => {
          const error = fail?.();
          if (error) throw error;
          for (const e of events)
            strokes =
              e.type === 'add' ? strokes + 1 : e.type === 'undo' ? Math.max(0, strokes - 1) : 0;
          return { text: String(strokes), words: [], nbest: [] };
        },
        dispose: () => disposed.push(id),
      };
    },
  };
  return { engine, disposed, params };
}

const add: StrokeEvent = { type: 'add', stroke: { points: [{ x: 0, y: 0, t: 0, p: 0.5 }] } };

describe('handwriting sessions', () => {
  it('keep each session apart and answer each batch of events', async () => {
    const { engine, disposed } = countingEngine();
    const service = createHandwritingService({ recognizer: engine });
    const one = await service.open({ mode: 'digits', modelId: null, vocabulary: null });
    const two = await service.open({ mode: 'words', modelId: null, vocabulary: null });
    expect((await service.events({ sessionId: one.sessionId, events: [add, add] })).text).toBe('2');
    expect((await service.events({ sessionId: two.sessionId, events: [add] })).text).toBe('1');
    expect(
      (await service.events({ sessionId: one.sessionId, events: [{ type: 'undo' }] })).text,
    ).toBe('1');
    expect(await service.close(one)).toEqual({ closed: true });
    expect(disposed).toEqual([0]);
    expect(await service.close(one)).toEqual({ closed: false });
    await expect(service.events({ sessionId: one.sessionId, events: [add] })).rejects.toMatchObject(
      { code: 'not-found', message: expect.stringMatching(/open a new one/) },
    );
    expect(service.openSessions()).toBe(1);
  });

  it("open the engine's session with the mode, the model and the vocabulary asked for", async () => {
    const { engine, params } = countingEngine();
    const service = createHandwritingService({ recognizer: engine });
    const vocabulary = [
      { phrase: 'the', weight: 0 },
      { phrase: 'performance.', weight: 1 },
    ];
    await service.open({ mode: 'words', modelId: 'user:mine', vocabulary });
    await service.open({ mode: 'digits', modelId: null, vocabulary: null });
    expect(params).toEqual([
      { mode: 'words', modelId: 'user:mine', vocabulary },
      { mode: 'digits', modelId: null, vocabulary: null },
    ]);
  });

  it('say no-model when the mode has none, and drop idle sessions', async () => {
    const none = createHandwritingService({ recognizer: createRecognizerService(null) });
    await expect(
      none.open({ mode: 'letters', modelId: null, vocabulary: null }),
    ).rejects.toMatchObject({
      code: 'no-model',
      message: expect.stringMatching(/No handwriting model for letters/),
    });
    let now = 0;
    const { engine, disposed } = countingEngine();
    const service = createHandwritingService({
      recognizer: engine,
      maxIdleMs: 1000,
      now: () => now,
    });
    const idle = await service.open({ mode: 'digits', modelId: null, vocabulary: null });
    now = 2000;
    await service.open({ mode: 'digits', modelId: null, vocabulary: null });
    expect(disposed).toEqual([0]);
    await expect(
      service.events({ sessionId: idle.sessionId, events: [add] }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('drop a session whose engine failed (its strokes are unknown), not one given bad input', async () => {
    let error: Error | undefined;
    const { engine } = countingEngine(() => error);
    const service = createHandwritingService({ recognizer: engine });
    const { sessionId } = await service.open({ mode: 'digits', modelId: null, vocabulary: null });
    error = new ApiError('bad-request', 'Vocabulary: no such letter.');
    await expect(service.events({ sessionId, events: [add] })).rejects.toBe(error);
    expect(service.openSessions()).toBe(1);
    error = new Error('worker crashed');
    await expect(service.events({ sessionId, events: [add] })).rejects.toBe(error);
    expect(service.openSessions()).toBe(0);
  });
});
