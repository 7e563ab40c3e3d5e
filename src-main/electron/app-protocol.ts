// Serves the built renderer from app://verbatim/ with the app's CSP and
// cross-origin isolation headers (file:// cannot carry response headers).
import { net, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from '../security/csp';
import { newNonce, preparePage } from '../security/page';
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
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    if (file.endsWith('index.html')) {
      const styleNonce = newNonce();
      const html = preparePage(await readFile(file, 'utf8'), { styleNonce });
      return new Response(html, {
        headers: { ...securityHeaders({ styleNonce }), 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders())) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}
