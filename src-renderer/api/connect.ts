// Picks the transport: Electron's preload provides window.verbatim; in the
// browser mode the served page carries a token for the HTTP client.
import type { VerbatimApi } from '../../src-common/api';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    verbatim?: VerbatimApi;
  }
}

export function connectApi(): VerbatimApi {
  if (window.verbatim) return window.verbatim;
  const token = document.querySelector<HTMLMetaElement>('meta[name="verbatim-token"]')?.content;
  if (!token) {
    throw new Error(
      'This page was not served by Verbatim (no launch token). Start the app with npm start and open the address it prints.',
    );
  }
  return createHttpClient({ origin: window.location.origin, token });
}
