// The main window's options, as a pure function so the security settings are
// unit-tested without the Electron binary (Electron security checklist:
// context isolation, sandbox, no Node in the page, no webview, web security on).
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (CommonJS: sandboxed preloads cannot be ESM). */
  preload: string;
  /** Window background before the page paints, matching the system theme. */
  dark: boolean;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 480,
    minHeight: 420,
    title: 'Verbatim',
    show: false,
    backgroundColor: input.dark ? '#16181d' : '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}
