// The browser-mode server end to end at the HTTP level (the Playwright specs
// cover the same rules from a real browser).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeWire, WIRE_CONTENT_TYPE } from '../../src-common/api-wire';
import { createServices } from '../services';
import { startServer, type RunningServer } from './http-server';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-server-'));
const services = createServices({
  transport: 'browser',
  version: '0',
  engine: null,
});
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head></head><body></body></html>');
  server = await startServer({ services, port: 0, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, body: Uint8Array | string, type = 'application/json') =>
  fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': type, 'X-Verbatim-Token': server.token },
    body,
  });

/** A raw HTTP request, so the Host header can be any value (fetch sets its own). */
const rawRequest = (
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: body ? 'POST' : 'GET', headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** Opens the events socket with these headers; resolves 'open' or the refusal's status. */
const openEvents = (token: string, headers: Record<string, string> = {}) =>
  new Promise<'open' | number>((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/events?token=${token}`, {
      headers,
    });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.once('error', reject);
  });

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 on a free port and serves the page with a token and a nonce', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(server.url);
    const html = await res.text();
    expect(html).toContain(`<meta name="verbatim-token" content="${server.token}">`);
    const nonce = /name="csp-nonce" nonce="([^"]+)"/.exec(html)![1];
    expect(res.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    const again = await (await fetch(server.url)).text();
    expect(again).not.toContain(nonce);
  });

  it('takes audio in the binary wire format and answers JSON', async () => {
    const started = (await (await call('startDictation', '{"sampleRate":16000}')).json()) as {
      ok: boolean;
      value: { sessionId: string };
    };
    expect(started.ok).toBe(true);
    const { sessionId } = started.value;
    const res = await call(
      'pushAudio',
      encodeWire({ sessionId, samples: new Float32Array(4000) }),
      WIRE_CONTENT_TYPE,
    );
    expect(await res.json()).toEqual({ ok: true, value: { receivedSeconds: 0.25 } });
    const stopped = await (await call('stopDictation', JSON.stringify({ sessionId }))).json();
    expect(stopped).toEqual({ ok: true, value: { receivedSeconds: 0.25, result: null } });
  });

  it('maps error codes to HTTP statuses', async () => {
    const noModel = await call(
      'recognizeInk',
      '{"mode":"digits","strokes":[{"points":[{"x":0,"y":0,"t":0}]}]}',
    );
    expect(noModel.status).toBe(409);
    expect(((await noModel.json()) as { error: { code: string } }).error.code).toBe('no-model');
    const missing = await call('stopDictation', '{"sessionId":"gone"}');
    expect(missing.status).toBe(404);
    const badType = await call('listModels', '{}', 'text/plain');
    expect(badType.status).toBe(415);
    const get = await fetch(`${server.url}/api/listModels`, {
      headers: { 'X-Verbatim-Token': server.token },
    });
    expect(get.status).toBe(405);
  });

  it("validates a handwriting session's vocabulary as dictation's", async () => {
    const open = async (vocabulary: unknown) => {
      const res = await call('openInk', JSON.stringify({ mode: 'words', vocabulary }));
      return { status: res.status, body: (await res.json()) as { error: { message: string } } };
    };
    const empty = await open([]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      'Invalid arguments for openInk: vocabulary: the vocabulary has no words.',
    );
    const blank = await open([{ phrase: 'the' }, { phrase: '  ' }]);
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toBe(
      'Invalid arguments for openInk: vocabulary.1.phrase: a vocabulary entry is empty.',
    );
    // A good list passes validation and reaches the service (which has no model).
    expect((await open([{ phrase: 'the' }, { phrase: 'check', weight: 2 }])).status).toBe(409);
  });

  it('refuses bodies over the limit', async () => {
    const small = await startServer({
      services,
      port: 0,
      rendererDir: join(dir, 'renderer'),
      maxBodyBytes: 100,
    });
    try {
      const res = await fetch(`${small.url}/api/listModels`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Verbatim-Token': small.token },
        body: JSON.stringify({ pad: 'x'.repeat(200) }),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('refuses API calls with a wrong or missing token, a foreign Origin or a foreign Host', async () => {
    const host = `127.0.0.1:${server.port}`;
    const good = {
      Host: host,
      'Content-Type': 'application/json',
      'X-Verbatim-Token': server.token,
    };
    const apiCall = (headers: Record<string, string>) =>
      rawRequest('/api/listModels', headers, '{}');
    expect((await apiCall(good)).status).toBe(200); // the baseline the cases below vary
    const { 'X-Verbatim-Token': _token, ...noToken } = good;
    for (const [headers, status, message] of [
      [{ ...good, 'X-Verbatim-Token': `${server.token}x` }, 401, /wrong launch token/],
      [noToken, 401, /missing or wrong launch token/],
      [{ ...good, Origin: 'http://evil.example' }, 403, /origin "http:\/\/evil.example"/],
      [{ ...good, Origin: `http://127.0.0.1:${server.port + 1}` }, 403, /origin/],
      [
        { ...good, Host: `evil.example:${server.port}` },
        403,
        /Host "evil.example:\d+" is not this server/,
      ],
    ] as const) {
      const res = await apiCall(headers);
      expect({ status: res.status, body: res.body }).toEqual({
        status,
        body: expect.stringMatching(message),
      });
    }
  });

  it('does not serve the page (and its token) to a foreign Host or Origin', async () => {
    const host = `127.0.0.1:${server.port}`;
    expect((await rawRequest('/', { Host: host })).body).toContain(server.token);
    const foreign: Record<string, string>[] = [
      { Host: `rebound.example:${server.port}` },
      { Host: host, Origin: 'http://evil.example' },
    ];
    for (const headers of foreign) {
      const res = await rawRequest('/', headers);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain(server.token);
    }
  });

  it('refuses the events socket with a wrong token, a foreign Origin or a foreign Host', async () => {
    expect(await openEvents(server.token)).toBe('open');
    expect(await openEvents(`${server.token}x`)).toBe(401);
    expect(await openEvents('')).toBe(401);
    expect(await openEvents(server.token, { Origin: 'http://evil.example' })).toBe(403);
    expect(await openEvents(server.token, { Host: `evil.example:${server.port}` })).toBe(403);
  });

  it('pushes service events to connected pages', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/events?token=${server.token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const message = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    const words = [{ word: 'hello', start: 0.1, end: 0.4, confidence: 0.9 }];
    services.events.emit({ type: 'speech.partial', sessionId: 's1', text: 'hello', words });
    expect(JSON.parse(await message)).toEqual({
      type: 'speech.partial',
      sessionId: 's1',
      text: 'hello',
      words,
    });
    ws.close();
  });
});
