// The browser mode: the same services as the Electron app, behind a local HTTP
// server (API calls: POST /api/<method>) and a WebSocket (/events) bound to
// 127.0.0.1 only. Every request passes request-guard.ts; every API argument is
// validated by dispatch() with the schemas of src-common/api.ts.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ApiReply } from '../../src-common/api';
import { decodeWire, WIRE_CONTENT_TYPE, WireError } from '../../src-common/api-wire';
import { dispatch } from '../dispatch';
import { securityHeaders } from '../security/csp';
import { newNonce, preparePage } from '../security/page';
import type { Services } from '../services';
import { guardRequest, TOKEN_HEADER, type GuardVerdict } from './request-guard';
import { contentTypeOf, readStatic, resolveStaticPath } from './static-files';

export interface ServerOptions {
  services: Services;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Fixed token for tests; random per launch otherwise. */
  token?: string;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const STATUS_OF_ERROR = { 'bad-request': 400, 'not-found': 404, 'no-model': 409, internal: 500 };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new HttpError(413, `Request body larger than ${limit} bytes; send shorter audio.`);
    }
    chunks.push(chunk as Buffer);
  }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

function parseBody(body: Uint8Array, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === WIRE_CONTENT_TYPE) return decodeWire(body);
  if (type === 'application/json') {
    if (body.byteLength === 0) return {};
    try {
      return JSON.parse(new TextDecoder().decode(body));
    } catch (e) {
      throw new WireError(`the JSON does not parse (${(e as Error).message})`);
    }
  }
  throw new HttpError(
    415,
    `Unsupported Content-Type "${contentType ?? ''}"; send application/json or ${WIRE_CONTENT_TYPE}.`,
  );
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const log = options.log ?? (() => {});
  const { services } = options;
  let port = options.port;

  const headersFor = (host: string | undefined, styleNonce?: string) =>
    securityHeaders({ connect: host ? [`ws://${host}`] : [], styleNonce });

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    host: string | undefined,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { ...headersFor(host), 'Content-Type': type, ...extra });
    res.end(body);
  };
  const sendText = (res: ServerResponse, status: number, message: string, host?: string) =>
    send(res, status, message, 'text/plain; charset=utf-8', host);
  const sendReply = (res: ServerResponse, reply: ApiReply<unknown>, host?: string) =>
    send(
      res,
      reply.ok ? 200 : STATUS_OF_ERROR[reply.error.code],
      JSON.stringify(reply),
      'application/json; charset=utf-8',
      host,
      { 'Cache-Control': 'no-store' },
    );

  const guard = (req: IncomingMessage, needsToken: boolean, queryToken?: string | null) =>
    guardRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        token: queryToken ?? (req.headers[TOKEN_HEADER] as string | undefined) ?? null,
      },
      { port, token },
      needsToken,
    );

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    const host = req.headers.host;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendText(res, 405, `Use POST for /api/${method}.`, host);
    }
    let raw: unknown;
    try {
      raw = parseBody(await readBody(req, maxBody), req.headers['content-type']);
    } catch (e) {
      if (e instanceof WireError) {
        return sendReply(
          res,
          { ok: false, error: { code: 'bad-request', message: e.message } },
          host,
        );
      }
      if (e instanceof HttpError) return sendText(res, e.status, e.message, host);
      throw e;
    }
    const reply = await dispatch(services.handlers, method, raw, (m, error) =>
      log(`${m} failed: ${(error as Error)?.stack ?? String(error)}`),
    );
    sendReply(res, reply, host);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, path: string) {
    const host = req.headers.host;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Only GET and HEAD are served here.', host);
    }
    const file = resolveStaticPath(options.rendererDir, path);
    const bytes = file ? await readStatic(file) : null;
    if (!file || !bytes) {
      if (path === '/' || path === '/index.html') {
        return sendText(
          res,
          503,
          'The user interface is not built yet: run `npm run build` (or `npm start`), then reload.',
          host,
        );
      }
      return sendText(res, 404, `Not found: ${path}`, host);
    }
    if (file.endsWith('index.html')) {
      const styleNonce = newNonce();
      const html = preparePage(bytes.toString('utf8'), { styleNonce, token });
      res.writeHead(200, {
        ...headersFor(host, styleNonce),
        'Content-Type': contentTypeOf(file),
        'Cache-Control': 'no-store',
      });
      return res.end(html);
    }
    send(res, 200, bytes, contentTypeOf(file), host);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const isApi = url.pathname.startsWith('/api/');
    const verdict: GuardVerdict = guard(req, isApi);
    if (!verdict.ok) return sendText(res, verdict.status, verdict.message);
    const work = isApi
      ? handleApi(req, res, url.pathname.slice('/api/'.length))
      : handleStatic(req, res, url.pathname);
    work.catch((error: unknown) => {
      log(`${req.method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error; see the server log.');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const verdict =
      url.pathname === '/events' ? guard(req, true, url.searchParams.get('token')) : null;
    if (!verdict?.ok) {
      const status = verdict ? verdict.status : 404;
      const message = verdict ? verdict.message : 'Not found';
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = services.events.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      // The page never sends anything on this socket; ignore whatever arrives.
      ws.on('message', () => {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
