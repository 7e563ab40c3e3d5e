// Serves the built renderer from app://verbatim/ with the app's CSP and
// cross-origin isolation headers (file:// cannot carry response headers).
import { protocol } from 'electron';
import { securityHeaders } from '../security/csp';
import { newNonce, preparePage } from '../security/page';
import { contentTypeOf, readStatic, resolveStaticPath } from '../server/static-files';
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
    const bytes = file ? await readStatic(file) : null;
    if (!file || !bytes) return new Response('Not found', { status: 404 });
    const type = { 'Content-Type': contentTypeOf(file) };
    if (file.endsWith('index.html')) {
      const styleNonce = newNonce();
      const html = preparePage(bytes.toString('utf8'), { styleNonce });
      return new Response(html, { headers: { ...securityHeaders({ styleNonce }), ...type } });
    }
    return new Response(new Uint8Array(bytes), { headers: { ...securityHeaders(), ...type } });
  });
}
