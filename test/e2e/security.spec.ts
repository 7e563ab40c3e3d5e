// The browser mode's guard: only its own page, on its own host, with the
// launch token, may call it; malformed payloads get a 400 with a message and
// the server keeps serving.
import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import { expect, test, type VerbatimServer } from './support/fixtures';

interface Reply {
  status: number;
  body: string;
}

/** A raw HTTP request (fetch cannot set Host). */
function send(
  server: VerbatimServer,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method, headers },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function tokenOf(server: VerbatimServer): Promise<string> {
  const page = await send(server, '/', {});
  const token = /name="verbatim-token" content="([^"]+)"/.exec(page.body)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

const api = (
  server: VerbatimServer,
  token: string | null,
  method: string,
  body: string,
  extra = {},
) =>
  send(server, `/api/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { 'X-Verbatim-Token': token } : {}),
      ...extra,
    },
    body,
  });

test('the page carries the token and the security headers', async ({ server }) => {
  const res = await fetch(`${server.url}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(res.headers.get('content-security-policy')).not.toMatch(/'unsafe-(eval|inline)'/);
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  expect(await res.text()).toMatch(/<meta name="verbatim-token" content="[\w-]{40,}">/);
});

test('a valid call with the token succeeds', async ({ server }) => {
  const token = await tokenOf(server);
  const res = await api(server, token, 'getAppInfo', '{}');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { transport: 'browser' } });
});

test('a foreign Origin, a wrong Host or a missing token is refused', async ({ server }) => {
  const token = await tokenOf(server);
  const foreign = await api(server, token, 'listModels', '{}', { Origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);
  expect(foreign.body).toContain('origin "http://evil.example" are not allowed');

  const rebinding = await api(server, token, 'listModels', '{}', {
    Host: `attacker.example:${server.port}`,
  });
  expect(rebinding.status).toBe(403);
  expect(rebinding.body).toContain('is not this server');
  const page = await send(server, '/', { headers: { Host: 'attacker.example' } });
  expect(page.status).toBe(403);

  const noToken = await api(server, null, 'listModels', '{}');
  expect(noToken.status).toBe(401);
  const wrongToken = await api(server, 'x'.repeat(43), 'listModels', '{}');
  expect(wrongToken.status).toBe(401);
});

test('the event socket needs the token and the right origin', async ({ server }) => {
  const token = await tokenOf(server);
  const opens = (url: string, origin?: string) =>
    new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('error', () => resolve(false));
    });
  const base = server.url.replace('http', 'ws');
  expect(await opens(`${base}/events?token=${token}`, server.url)).toBe(true);
  expect(await opens(`${base}/events`, server.url)).toBe(false);
  expect(await opens(`${base}/events?token=${token}`, 'http://evil.example')).toBe(false);
});

test('malformed payloads get a 400 with a message and the server keeps serving', async ({
  server,
}) => {
  const token = await tokenOf(server);
  const cases: [string, string, RegExp][] = [
    ['recognizeInk', '{not json', /does not parse/],
    ['recognizeInk', '{"mode":"kanji","strokes":[]}', /mode/],
    [
      'recognizeInk',
      '{"mode":"digits","strokes":[{"points":[{"x":"a","y":0,"t":0}]}]}',
      /strokes\.0\.points\.0\.x/,
    ],
    ['pushAudio', '{"sessionId":"s","samples":[0.1,0.2]}', /Float32Array/],
    ['startDictation', '{"sampleRate":44100}', /sampleRate/],
    ['listModels', '{"extra":1}', /extra/],
    ['noSuchMethod', '{}', /Unknown API method/],
  ];
  for (const [method, body, message] of cases) {
    const res = await api(server, token, method, body);
    expect(res.status, `${method} ${body}`).toBe(400);
    const reply = JSON.parse(res.body) as { ok: boolean; error: { message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.message).toMatch(message);
  }
  const wire = await send(server, '/api/pushAudio', {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.verbatim.wire', 'X-Verbatim-Token': token },
    body: '\u00ff\u00ff\u00ff\u00ffgarbage',
  });
  expect(wire.status).toBe(400);
  expect(wire.body).toContain('Malformed request body');

  const after = await api(server, token, 'getAppInfo', '{}');
  expect(after.status).toBe(200);
});

test('static files cannot escape the renderer folder', async ({ server }) => {
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2f..%2fpackage.json',
  ]) {
    const res = await send(server, path, {});
    expect(res.status, path).toBe(404);
  }
});
