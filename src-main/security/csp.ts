// The Content-Security-Policy and the other response headers shared by the
// Electron window (custom app:// protocol) and the browser-mode server.
// Only the app's own files run: no remote code, no eval (WebAssembly
// compilation is allowed for the engine's WASM kernels), no inline scripts.

export interface CspOptions {
  /** Extra connect-src sources, e.g. the browser mode's ws://127.0.0.1:<port>. */
  connect?: string[];
  /**
   * A per-page nonce for <style> elements: React Aria injects two small style
   * sheets at run time and reads the nonce from <meta name="csp-nonce">.
   */
  styleNonce?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'", ...(options.styleNonce ? [`'nonce-${options.styleNonce}'`] : [])],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connect ?? [])],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Headers for every response: the CSP, cross-origin isolation (COOP + COEP,
 * so workers may share memory with SharedArrayBuffer) and no sniffing.
 */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
