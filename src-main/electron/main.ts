// Electron main process: one window over the shared services. Security:
// window-options.ts (isolation, sandbox), policy.ts (navigation, permissions),
// app-protocol.ts (CSP headers), ipc.ts (validated calls).
import { app, BrowserWindow, globalShortcut, Menu, nativeTheme, session } from 'electron';
import { join } from 'node:path';
import { projectVersion, settleHome } from '../paths';
import { createServices, type Services } from '../services';
import { createWorkerEngine } from '../services/worker-engine';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { nativeChooseFile } from './file-dialog';
import { forwardEvents, registerIpc } from './ipc';
import { menuTemplate, PUSH_TO_TALK_ACCELERATOR } from './menu';
import {
  APP_ENTRY,
  isNavigationAllowed,
  isPermissionAllowed,
  isPermissionCheckAllowed,
} from './policy';
import { mainWindowOptions } from './window-options';

// Built layout: out/main/main.js, out/preload/preload.cjs, out/renderer/.
const outDir = join(import.meta.dirname, '..');
const root = join(outDir, '..');
const log = (message: string) => console.error(`[verbatim] ${message}`);

registerAppScheme();

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details as { mediaTypes?: string[] })),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin, details) =>
    isPermissionCheckAllowed(permission, origin, details.mediaType),
  );
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(services: Services): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({
      preload: join(outDir, 'preload', 'preload.cjs'),
      dark: nativeTheme.shouldUseDarkColors,
    }),
  );
  forwardEvents(services, win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDown();
  serveRenderer(join(outDir, 'renderer'));
  settleHome(process.env, app.getPath('userData'));
  // Recognition runs in worker threads over the built worker module (electron.vite.config.ts).
  const engine = createWorkerEngine({
    module: new URL('./recognition-host.js', import.meta.url),
    log,
  });
  app.on('will-quit', () => void engine.dispose());
  const services = createServices({
    transport: 'electron',
    version: projectVersion(root),
    engine,
    chooseFile: nativeChooseFile,
  });
  registerIpc(services, log);
  app.on('will-quit', () => services.dispose());
  const toggleDictation = () =>
    services.events.emit({ type: 'shortcut', action: 'toggle-dictation' });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin', { toggleDictation })),
  );
  if (!globalShortcut.register(PUSH_TO_TALK_ACCELERATOR, toggleDictation)) {
    log(`The push-to-talk shortcut ${PUSH_TO_TALK_ACCELERATOR} is taken by another program.`);
  }
  createWindow(services);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(services);
  });
}

// One window, one app: a second launch focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());
  start().catch((e: unknown) => {
    log(`Could not start: ${(e as Error)?.stack ?? String(e)}`);
    app.exit(1);
  });
}
