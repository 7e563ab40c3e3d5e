// The IPC side of VerbatimApi: one invoke channel for calls, one channel for
// events. Only the app's own page may call; every argument goes through
// dispatch(), which validates it with the schemas of src-common/api.ts.
import { ipcMain, type WebContents } from 'electron';
import { dispatch } from '../dispatch';
import type { Services } from '../services';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { isAppUrl } from './policy';

export function registerIpc(services: Services, log: (message: string) => void): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, arg: unknown) => {
    if (!isAppUrl(event.senderFrame?.url)) {
      return {
        ok: false,
        error: { code: 'bad-request', message: 'Refused: the caller is not the Verbatim page.' },
      };
    }
    return dispatch(services.handlers, String(method), arg, (m, error) =>
      log(`${m} failed: ${(error as Error)?.stack ?? String(error)}`),
    );
  });
}

/** Forwards service events to a window until it is destroyed. */
export function forwardEvents(services: Services, contents: WebContents): void {
  const unsubscribe = services.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
  contents.once('destroyed', unsubscribe);
}
