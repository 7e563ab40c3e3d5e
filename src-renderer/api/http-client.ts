// VerbatimApi over the browser mode's HTTP + WebSocket server. React code only
// sees VerbatimApi; this file is the only one that knows about fetch and sockets.
import {
  API_METHODS,
  eventSchema,
  type ApiReply,
  type VerbatimApi,
  type VerbatimEvent,
} from '../../src-common/api';
import { encodeWire, WIRE_CONTENT_TYPE } from '../../src-common/api-wire';

export interface HttpClientOptions {
  /** e.g. http://127.0.0.1:5317 */
  origin: string;
  /** The per-launch token the served page carries. */
  token: string;
}

const RECONNECT_MS = [250, 500, 1000, 2000, 5000];

export function createHttpClient({ origin, token }: HttpClientOptions): VerbatimApi {
  async function call(method: string, request: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': WIRE_CONTENT_TYPE, 'X-Verbatim-Token': token },
        body: encodeWire(request ?? {}) as Uint8Array<ArrayBuffer>,
      });
    } catch {
      throw new Error(
        'The Verbatim server does not answer. Is it still running? Restart it with npm start.',
      );
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) {
      throw new Error((await response.text()) || `The server answered ${response.status}.`);
    }
    const reply = (await response.json()) as ApiReply<unknown>;
    if (reply.ok) return reply.value;
    throw new Error(reply.error.message);
  }

  const listeners = new Set<(event: VerbatimEvent) => void>();
  let socket: WebSocket | null = null;
  let attempt = 0;
  const connect = () => {
    const url = `${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
    };
    socket.onmessage = (message) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const event = eventSchema.safeParse(parsed);
      if (event.success) for (const listener of listeners) listener(event.data);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size === 0) return;
      const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)];
      setTimeout(() => {
        if (!socket && listeners.size > 0) connect();
      }, delay);
    };
  };

  const methods = Object.fromEntries(
    API_METHODS.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as Omit<VerbatimApi, 'onEvent'>;

  return {
    ...methods,
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
  };
}
