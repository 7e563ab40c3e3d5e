// The served index.html gets what this launch and this page need, as <meta>
// tags in its <head>: the style nonce (both adapters) and, in the browser
// mode, the API token.
import { randomBytes } from 'node:crypto';

export const newNonce = () => randomBytes(18).toString('base64');

export interface PageMeta {
  /** The CSP style nonce; browsers hide it from the DOM once applied. */
  styleNonce: string;
  /** The browser mode's launch token. */
  token?: string;
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function preparePage(html: string, meta: PageMeta): string {
  if (!/<head>/i.test(html)) throw new Error('index.html has no <head> for the page meta tags');
  const tags = [`<meta name="csp-nonce" nonce="${attr(meta.styleNonce)}">`];
  if (meta.token) tags.push(`<meta name="verbatim-token" content="${attr(meta.token)}">`);
  return html.replace(/<head>/i, `<head>\n    ${tags.join('\n    ')}`);
}
