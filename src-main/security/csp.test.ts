import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './csp';
import { preparePage } from './page';

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split('; ').map((d) => {
      const [name, ...sources] = d.split(' ');
      return [name!, sources];
    }),
  );

describe('Content-Security-Policy', () => {
  it('runs only the app’s own scripts: no eval, no inline code, no plugins, no framing', () => {
    const d = directives(contentSecurityPolicy());
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/'unsafe-(eval|inline)'|\*|https?:/);
  });

  it('adds the browser mode’s socket and a style nonce when given', () => {
    const d = directives(
      contentSecurityPolicy({ connect: ['ws://127.0.0.1:5317'], styleNonce: 'abc' }),
    );
    expect(d['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:5317']);
    expect(d['style-src']).toEqual(["'self'", "'nonce-abc'"]);
  });

  it('isolates the page cross-origin', () => {
    const h = securityHeaders();
    expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('page meta tags', () => {
  it('puts the nonce and the token first in <head>, escaped', () => {
    const html = preparePage('<html><head><title>x</title></head></html>', {
      styleNonce: 'n+/=',
      token: 'a"b',
    });
    expect(html).toContain('<meta name="csp-nonce" nonce="n+/=">');
    expect(html).toContain('<meta name="verbatim-token" content="a&quot;b">');
    expect(html.indexOf('csp-nonce')).toBeLessThan(html.indexOf('<title>'));
  });

  it('refuses a page without <head>', () => {
    expect(() => preparePage('<p>hi</p>', { styleNonce: 'n' })).toThrow(/<head>/);
  });
});
