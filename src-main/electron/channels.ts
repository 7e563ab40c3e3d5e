// IPC channel names, shared by main (ipc.ts) and the preload.
export const CALL_CHANNEL = 'verbatim:call';
export const EVENT_CHANNEL = 'verbatim:event';
