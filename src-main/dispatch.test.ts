import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, ApiError } from '../src-common/api';
import { dispatch, type ApiHandlers } from './dispatch';

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const unused = async () => {
    throw new Error('not called in this test');
  };
  return {
    ...(Object.fromEntries(API_METHODS.map((m) => [m, unused])) as unknown as ApiHandlers),
    getAppInfo: async () => ({ name: 'Verbatim', version: '1', transport: 'browser' }),
    listModels: async () => [],
    ...overrides,
  };
}

describe('dispatch', () => {
  it('passes validated arguments with defaults to the service', async () => {
    const recognizeInk = vi.fn(async () => ({ text: '7', words: [], nbest: [] }));
    const reply = await dispatch(handlers({ recognizeInk }), 'recognizeInk', {
      mode: 'digits',
      strokes: [{ points: [{ x: 0, y: 0, t: 0 }] }],
    });
    expect(reply).toEqual({ ok: true, value: { text: '7', words: [], nbest: [] } });
    expect(recognizeInk).toHaveBeenCalledWith({
      mode: 'digits',
      modelId: null,
      vocabulary: null,
      strokes: [{ points: [{ x: 0, y: 0, t: 0, p: 0.5 }] }],
    });
  });

  it('never lets invalid arguments reach a service', async () => {
    const recognizeInk = vi.fn();
    const reply = await dispatch(handlers({ recognizeInk }), 'recognizeInk', { mode: 'x' });
    expect(recognizeInk).not.toHaveBeenCalled();
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('bad-request');
      expect(reply.error.message).toMatch(/^Invalid arguments for recognizeInk: mode: .*strokes/);
    }
  });

  it('refuses unknown methods, including inherited property names', async () => {
    for (const method of ['nope', 'toString', '__proto__', 'constructor']) {
      const reply = await dispatch(handlers(), method, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('passes ApiErrors through and hides nothing of unexpected ones', async () => {
    const noModel = await dispatch(
      handlers({
        listModels: async () => {
          throw new ApiError('no-model', 'No model.');
        },
      }),
      'listModels',
      {},
    );
    expect(noModel).toEqual({ ok: false, error: { code: 'no-model', message: 'No model.' } });
    const onInternal = vi.fn();
    const crash = await dispatch(
      handlers({
        listModels: async () => {
          throw new TypeError('boom');
        },
      }),
      'listModels',
      {},
      onInternal,
    );
    expect(crash).toEqual({
      ok: false,
      error: { code: 'internal', message: 'listModels failed unexpectedly: boom' },
    });
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('treats a missing argument as an empty request', async () => {
    expect(await dispatch(handlers(), 'listModels', undefined)).toEqual({ ok: true, value: [] });
  });
});
