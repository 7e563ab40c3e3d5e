import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecognitionResult, VerbatimApi, VerbatimEvent } from '../../src-common/api';
import { AudioRing } from './capture/ring-buffer';
import type { CaptureOptions } from './capture/audio-capture';
import { DictationController, type DictationCallbacks } from './dictation-controller';

// The microphone is replaced by a ring the test fills by hand.
const capture = vi.hoisted(() => ({
  options: null as CaptureOptions | null,
  ring: null as AudioRing | null,
  disposed: 0,
  fail: null as Error | null,
}));
vi.mock('./capture/audio-capture', () => ({
  startCapture: async (options: CaptureOptions) => {
    if (capture.fail) throw capture.fail;
    capture.options = options;
    capture.ring = new AudioRing(16_000 * 10);
    return {
      ring: capture.ring,
      dispose: async () => {
        capture.disposed++;
      },
    };
  },
}));

const result = (text: string): RecognitionResult => ({ text, words: [], nbest: [] });
const settings = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
  hotwords: ['zeta'],
  vocabulary: [{ phrase: 'zeta one', weight: 1 }],
  modelId: null,
};

function fakeApi() {
  let listener: ((e: VerbatimEvent) => void) | null = null;
  let session = 0;
  const received = new Map<string, number>();
  const calls: string[] = [];
  const api = {
    startDictation: vi.fn(async () => {
      const sessionId = `s${++session}`;
      received.set(sessionId, 0);
      calls.push(`start ${sessionId}`);
      return { sessionId, model: null, notice: null };
    }),
    pushAudio: vi.fn(
      async ({ sessionId, samples }: { sessionId: string; samples: Float32Array }) => {
        calls.push(`push ${sessionId} ${samples.length}`);
        received.set(sessionId, received.get(sessionId)! + samples.length);
        return { receivedSeconds: received.get(sessionId)! / 16_000 };
      },
    ),
    stopDictation: vi.fn(async ({ sessionId }: { sessionId: string }) => {
      calls.push(`stop ${sessionId}`);
      return { receivedSeconds: received.get(sessionId)! / 16_000, result: result(sessionId) };
    }),
    onEvent: (l: (e: VerbatimEvent) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  return { api: api as unknown as VerbatimApi, calls, emit: (e: VerbatimEvent) => listener?.(e) };
}

function recorder() {
  const log: string[] = [];
  const callbacks: DictationCallbacks = {
    onPhase: (p) => log.push(`phase ${p}`),
    onLevel: () => {},
    onSent: (s) => log.push(`sent ${s}`),
    onPartial: (t, words) =>
      log.push(`partial ${[t, ...words.map((w) => `${w.word}@${w.start}`)].join(' ')}`),
    onUtterance: (r, offset) => log.push(`utterance ${r.text} @${offset}`),
    onNotice: () => {},
    onError: (m) => log.push(`error ${m}`),
  };
  return { log, callbacks };
}

/** Puts audio in the ring as the worklet would, and lets the sender run. */
async function speak(samples: number) {
  capture.ring!.write(new Float32Array(samples));
  capture.options!.onData();
  await vi.waitFor(() => expect(capture.ring!.available).toBeLessThan(1600));
}

beforeEach(() => {
  capture.options = null;
  capture.ring = null;
  capture.disposed = 0;
  capture.fail = null;
});

describe('DictationController', () => {
  it('streams captured audio in chunks and flushes the rest on stop', async () => {
    const { api, calls } = fakeApi();
    const { log, callbacks } = recorder();
    const c = new DictationController(api, callbacks);
    await c.start(settings);
    expect(api.startDictation).toHaveBeenCalledWith({
      hotwords: ['zeta'],
      vocabulary: [{ phrase: 'zeta one', weight: 1 }],
      modelId: null,
      sampleRate: 16_000,
    });
    await speak(12_000);
    capture.ring!.write(new Float32Array(500)); // less than a chunk: waits for stop
    await c.stop();
    expect(calls).toEqual(['start s1', 'push s1 8000', 'push s1 4000', 'push s1 500', 'stop s1']);
    expect(capture.disposed).toBe(1);
    expect(log.at(-2)).toBe('utterance s1 @0');
    expect(log.at(-1)).toBe('phase idle');
  });

  it('shows partial results of its own session only, and places utterances on one clock', async () => {
    const { api, emit } = fakeApi();
    const { log, callbacks } = recorder();
    const c = new DictationController(api, callbacks);
    await c.start(settings);
    emit({ type: 'speech.partial', sessionId: 's1', text: 'hel', words: [] });
    emit({ type: 'speech.partial', sessionId: 'other', text: 'nope', words: [] });
    await speak(16_000);
    await c.stop();
    await c.start(settings);
    // The partial's words too are placed after the first session's second.
    const mid = { word: 'mid', start: 0.25, end: 0.5, confidence: 0.4 };
    emit({ type: 'speech.partial', sessionId: 's2', text: 'mid', words: [mid] });
    emit({ type: 'speech.final', sessionId: 's2', result: result('mid') });
    await c.stop();
    expect(log.filter((l) => l.startsWith('partial ') && l !== 'partial ')).toEqual([
      'partial hel',
      'partial mid mid@1.25',
    ]);
    expect(log.filter((l) => l.startsWith('utterance'))).toEqual([
      'utterance s1 @0',
      'utterance mid @1',
      'utterance s2 @1',
    ]);
  });

  it('counts the audio sent per session, not across sessions', async () => {
    const { api } = fakeApi();
    const { log, callbacks } = recorder();
    const c = new DictationController(api, callbacks);
    await c.start(settings);
    await speak(16_000);
    await c.stop();
    await c.start(settings);
    await speak(8_000);
    await c.stop();
    expect(log.filter((l) => l.startsWith('sent '))).toEqual(['sent 0.5', 'sent 1', 'sent 0.5']);
  });

  it('runs a quick press and release in order', async () => {
    const { api, calls } = fakeApi();
    const c = new DictationController(api, recorder().callbacks);
    const started = c.start(settings);
    const stopped = c.stop();
    await Promise.all([started, stopped]);
    expect(calls).toEqual(['start s1', 'stop s1']);
  });

  it('reports a microphone failure and closes the session it opened', async () => {
    const { api, calls } = fakeApi();
    const { log, callbacks } = recorder();
    capture.fail = new Error('Microphone access was refused.');
    const c = new DictationController(api, callbacks);
    await c.start(settings);
    expect(calls).toEqual(['start s1', 'stop s1']);
    expect(log).toContain('error Microphone access was refused.');
    expect(log.at(-2)).toBe('phase idle');
    expect(c.active).toBe(false);
  });
});
