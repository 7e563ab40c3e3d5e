// The Electron security settings, checked without the Electron binary.
import { describe, expect, it } from 'vitest';
import { menuTemplate, PUSH_TO_TALK_ACCELERATOR } from './menu';
import {
  APP_ENTRY,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  isPermissionCheckAllowed,
} from './policy';
import { mainWindowOptions } from './window-options';

describe('main window options', () => {
  it('isolate the page from Node and Electron', () => {
    const prefs = mainWindowOptions({ preload: '/app/preload.cjs', dark: false }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('match the system theme before the page paints', () => {
    expect(mainWindowOptions({ preload: 'p', dark: true }).backgroundColor).toBe('#16181d');
    expect(mainWindowOptions({ preload: 'p', dark: false }).backgroundColor).toBe('#ffffff');
  });
});

describe('navigation and permissions', () => {
  it('allow only the app’s own origin', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isNavigationAllowed('app://verbatim/index.html#write')).toBe(true);
    for (const url of [
      'https://example.com',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('grant the microphone (and clipboard writes) only, and only to the app', () => {
    const app = { requestingUrl: APP_ENTRY };
    expect(isPermissionAllowed('media', { ...app, mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed('media', { ...app, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed('media', { ...app, mediaTypes: [] })).toBe(false);
    expect(
      isPermissionAllowed('media', { requestingUrl: 'https://x.org', mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', app)).toBe(true);
    expect(
      isPermissionAllowed('clipboard-sanitized-write', { requestingUrl: 'https://x.org' }),
    ).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi']) {
      expect(isPermissionAllowed(p, { ...app, mediaTypes: ['audio'] }), p).toBe(false);
    }
    expect(isPermissionCheckAllowed('media', 'app://verbatim', 'audio')).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://verbatim', 'video')).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://x.org', 'audio')).toBe(false);
  });
});

describe('menu', () => {
  it('offers dictation with the push-to-talk accelerator, and app menus on macOS', () => {
    let toggled = 0;
    const menu = menuTemplate(false, { toggleDictation: () => toggled++ });
    const dictation = menu.find((m) => m.label === 'Dictation')!;
    const item = (dictation.submenu as { accelerator?: string; click?: () => void }[])[0]!;
    expect(item.accelerator).toBe(PUSH_TO_TALK_ACCELERATOR);
    item.click!();
    expect(toggled).toBe(1);
    expect(menu.some((m) => m.role === 'appMenu')).toBe(false);
    expect(menuTemplate(true, { toggleDictation: () => {} })[0]!.role).toBe('appMenu');
  });
});
