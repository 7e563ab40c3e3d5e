// What the window may do, as pure functions: which URLs it may load, which
// permissions it gets (the microphone only), which IPC senders are trusted.

/** The app is served from this origin by the app:// protocol (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'verbatim';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Navigation away from the app is denied (links to the web open nowhere: the
 * app has none, and a compromised page must not load remote code). Reloading
 * the app itself is fine.
 */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

export interface PermissionDetails {
  requestingUrl?: string;
  mediaTypes?: string[];
}

/**
 * Only the app's own page gets the microphone (audio capture, no camera), plus
 * writing to the clipboard for Copy; nothing else (no clipboard reading).
 */
export function isPermissionAllowed(permission: string, details: PermissionDetails): boolean {
  if (!isAppUrl(details.requestingUrl)) return false;
  if (permission === 'clipboard-sanitized-write') return true;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/** Permission checks (no prompt, e.g. for microphone labels): the same rules. */
export function isPermissionCheckAllowed(
  permission: string,
  requestingOrigin: string,
  mediaType: string | undefined,
): boolean {
  return isPermissionAllowed(permission, {
    requestingUrl: `${requestingOrigin}/`,
    mediaTypes: mediaType ? [mediaType] : [],
  });
}
