// Exposes exactly one object, window.verbatim, implementing VerbatimApi over
// IPC. Runs sandboxed (bundled as CommonJS); the page gets no Node and no
// ipcRenderer, only these calls.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  type ApiReply,
  type VerbatimApi,
  type VerbatimEvent,
} from '../../src-common/api';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

async function call(method: string, request: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(CALL_CHANNEL, method, request)) as ApiReply<unknown>;
  if (reply.ok) return reply.value;
  throw new Error(reply.error.message);
}

const api = Object.fromEntries(
  API_METHODS.map((method) => [method, (request: unknown) => call(method, request)]),
) as Omit<VerbatimApi, 'onEvent'>;

const verbatim: VerbatimApi = {
  ...api,
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, event: VerbatimEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.off(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('verbatim', verbatim);
