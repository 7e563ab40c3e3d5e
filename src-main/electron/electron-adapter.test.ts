// The IPC bridge and the app:// protocol with Electron replaced by a double:
// what the preload exposes, what main accepts, what the page is served with.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type VerbatimApi } from '../../src-common/api';
import { createServices } from '../services';

type Handler = (...args: unknown[]) => unknown;
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  handlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Handler[]>(),
  invoke: null as null | ((channel: string, ...args: unknown[]) => Promise<unknown>),
  protocolHandler: null as null | ((request: Request) => Promise<Response>),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => electron.invoke!(channel, ...args),
    on: (channel: string, listener: Handler) =>
      electron.rendererListeners.set(channel, [
        ...(electron.rendererListeners.get(channel) ?? []),
        listener,
      ]),
    off: (channel: string, listener: Handler) =>
      electron.rendererListeners.set(
        channel,
        (electron.rendererListeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
  },
  protocol: {
    handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
      electron.protocolHandler = handler;
    },
  },
}));

const { registerIpc } = await import('./ipc');
const { serveRenderer } = await import('./app-protocol');
const { CALL_CHANNEL, EVENT_CHANNEL } = await import('./channels');
// Running the preload exposes its API through the contextBridge double.
await import('./preload');

const services = createServices({ transport: 'electron', version: '9', engine: null });
const appFrame = { senderFrame: { url: 'app://verbatim/index.html' } };

beforeEach(() => {
  registerIpc(services, () => {});
  // The preload's invoke reaches main's handler as if from the app's page.
  electron.invoke = async (channel, ...args) => electron.handlers.get(channel)!(appFrame, ...args);
});

describe('preload', () => {
  it('exposes exactly window.verbatim with the API’s calls and onEvent', async () => {
    expect([...electron.exposed.keys()]).toEqual(['verbatim']);
    const api = electron.exposed.get('verbatim') as VerbatimApi;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    expect(await api.getAppInfo()).toEqual({
      name: 'Verbatim',
      version: '9',
      transport: 'electron',
    });
  });

  it('rejects with the back end’s message when a call fails', async () => {
    const api = electron.exposed.get('verbatim') as VerbatimApi;
    await expect(
      api.recognizeInk({ mode: 'words', strokes: [{ points: [{ x: 0, y: 0, t: 0 }] }] }),
    ).rejects.toThrow(/No handwriting model for words/);
    await expect(api.startDictation({ sampleRate: 8000 as 16000 })).rejects.toThrow(
      /Invalid arguments for startDictation: sampleRate/,
    );
    // A handwriting session's vocabulary is validated as dictation's.
    await expect(api.openInk({ mode: 'words', vocabulary: [] })).rejects.toThrow(
      'Invalid arguments for openInk: vocabulary: the vocabulary has no words.',
    );
    await expect(
      api.openInk({ mode: 'words', vocabulary: [{ phrase: 'the' }, { phrase: ' ' }] }),
    ).rejects.toThrow(
      'Invalid arguments for openInk: vocabulary.1.phrase: a vocabulary entry is empty.',
    );
    await expect(api.openInk({ mode: 'words', vocabulary: [{ phrase: 'the' }] })).rejects.toThrow(
      /No handwriting model for words/,
    );
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const api = electron.exposed.get('verbatim') as VerbatimApi;
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    const send = (e: unknown) =>
      electron.rendererListeners.get(EVENT_CHANNEL)!.forEach((l) => l({}, e));
    send({ type: 'shortcut', action: 'toggle-dictation' });
    off();
    send({ type: 'shortcut', action: 'toggle-dictation' });
    expect(seen).toHaveLength(1);
  });
});

describe('main-process IPC', () => {
  it('validates every argument before a service sees it', async () => {
    const reply = await electron.handlers.get(CALL_CHANNEL)!(appFrame, 'pushAudio', {
      sessionId: 'x',
      samples: [1, 2, 3],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses callers that are not the app’s page', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', undefined]) {
      const reply = await electron.handlers.get(CALL_CHANNEL)!(
        { senderFrame: url ? { url } : null },
        'getAppInfo',
        {},
      );
      expect(reply, String(url)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });
});

describe('app:// protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-protocol-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP, a fresh style nonce and isolation headers', async () => {
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html><head></head><body></body></html>');
    writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
    writeFileSync(join(dir, 'secret'), 'outside the renderer');
    serveRenderer(root);
    const serve = electron.protocolHandler!;
    const page = await serve(new Request('app://verbatim/index.html'));
    const html = await page.text();
    const nonce = /name="csp-nonce" nonce="([^"]+)"/.exec(html)![1];
    expect(page.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(html).not.toContain('verbatim-token');
    const script = await serve(new Request('app://verbatim/assets/a.js'));
    expect(await script.text()).toBe('export {}');
    expect(script.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const url of [
      'app://verbatim/%2e%2e/secret',
      'app://verbatim/..%2fsecret',
      'app://other/index.html',
      'app://verbatim/nope.js',
    ]) {
      expect((await serve(new Request(url))).status, url).toBe(404);
    }
  });
});
