// Who may talk to the browser-mode server. It listens on 127.0.0.1 only, but
// any web page the user opens can still send requests to localhost, and a DNS
// rebinding attack can make a foreign name resolve to it. So: the Host header
// must name this server, an Origin (sent by browsers) must be this server's,
// and API calls must carry the per-launch token that only the served page has.
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-verbatim-token';

export interface GuardContext {
  port: number;
  token: string;
}

export interface GuardedRequest {
  host: string | undefined;
  origin: string | undefined;
  /** The token the request carries (header for HTTP, query for the WebSocket), if any. */
  token: string | null;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a request. `needsToken` is false only for the page and its static
 * files (the page is how a legitimate client gets the token).
 */
export function guardRequest(
  req: GuardedRequest,
  ctx: GuardContext,
  needsToken: boolean,
): GuardVerdict {
  const hosts = allowedHosts(ctx.port);
  const host = req.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return {
      ok: false,
      status: 403,
      message: `Refused: Host "${req.host ?? ''}" is not this server. Open http://127.0.0.1:${ctx.port}/ instead.`,
    };
  }
  if (req.origin !== undefined && !hosts.some((h) => req.origin === `http://${h}`)) {
    return {
      ok: false,
      status: 403,
      message: `Refused: requests from origin "${req.origin}" are not allowed; only the Verbatim page itself may call this server.`,
    };
  }
  if (needsToken && (!req.token || !sameSecret(req.token, ctx.token))) {
    return {
      ok: false,
      status: 401,
      message:
        'Refused: missing or wrong launch token. Reload the page served by this Verbatim server (the token changes at every launch).',
    };
  }
  return { ok: true };
}
