// Serves the built renderer from app://verbatim/ with the app's CSP and
// cross-origin isolation headers (file:// cannot carry response headers).
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from '../security/csp';
import { resolveStaticPath } from '../server/static-files';
import { APP_HOST, APP_SCHEME } from './policy';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const headers = securityHeaders();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, headers: merged });
  });
}
