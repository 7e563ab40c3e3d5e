import { describe, expect, it } from 'vitest';
import { API_METHODS, eventSchema, requestSchemas, SPEECH_SAMPLE_RATE } from './api';

describe('request schemas', () => {
  it('cover every method with a strict object schema', () => {
    for (const method of API_METHODS) {
      expect(requestSchemas[method].safeParse({ unexpected: 1 }).success, method).toBe(false);
    }
  });

  it('fill in defaults for optional fields', () => {
    const args = requestSchemas.startDictation.parse({ sampleRate: SPEECH_SAMPLE_RATE });
    expect(args).toEqual({ modelId: null, hotwords: [], sampleRate: 16_000 });
    const ink = requestSchemas.recognizeInk.parse({
      mode: 'digits',
      strokes: [{ points: [{ x: 1, y: 2, t: 0 }] }],
    });
    expect(ink.strokes[0]!.points[0]!.p).toBe(0.5);
  });

  it('accept audio only as a Float32Array of bounded length', () => {
    const ok = requestSchemas.pushAudio.safeParse({
      sessionId: 's',
      samples: new Float32Array(1600),
    });
    expect(ok.success).toBe(true);
    for (const samples of [[0.1, 0.2], new Float64Array(4), new Float32Array(16_000 * 5 + 1)]) {
      expect(requestSchemas.pushAudio.safeParse({ sessionId: 's', samples }).success).toBe(false);
    }
  });

  it('reject non-finite coordinates, empty ink and unknown modes', () => {
    const ink = (x: unknown, mode = 'digits') => ({
      mode,
      strokes: [{ points: [{ x, y: 0, t: 0 }] }],
    });
    expect(requestSchemas.recognizeInk.safeParse(ink(Number.NaN)).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse(ink(Infinity)).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse(ink(1, 'kanji')).success).toBe(false);
    expect(requestSchemas.recognizeInk.safeParse({ mode: 'words', strokes: [] }).success).toBe(
      false,
    );
    expect(requestSchemas.recognizeInk.safeParse(ink(1)).success).toBe(true);
  });

  it('take a mode (and optionally a model) to prepare, nothing else', () => {
    expect(requestSchemas.prepareInk.parse({ mode: 'words' })).toEqual({
      mode: 'words',
      modelId: null,
    });
    expect(requestSchemas.prepareInk.safeParse({ mode: 'kanji' }).success).toBe(false);
    expect(requestSchemas.prepareInk.safeParse({ mode: 'words', strokes: [] }).success).toBe(false);
  });

  it('only take the 16 kHz rate the engine consumes', () => {
    expect(requestSchemas.startDictation.safeParse({ sampleRate: 44_100 }).success).toBe(false);
  });
});

describe('event schema', () => {
  it('accepts the known events and rejects others', () => {
    expect(
      eventSchema.safeParse({ type: 'speech.partial', sessionId: 'a', text: 'hi' }).success,
    ).toBe(true);
    expect(eventSchema.safeParse({ type: 'shortcut', action: 'toggle-dictation' }).success).toBe(
      true,
    );
    expect(eventSchema.safeParse({ type: 'speech.partial', text: 'hi' }).success).toBe(false);
    expect(eventSchema.safeParse({ type: 'eval', code: '1' }).success).toBe(false);
  });
});
