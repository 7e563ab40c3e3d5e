// Services publish events here without knowing who listens; each transport
// subscribes and forwards them (IPC to the window, WebSocket to the page).
import type { VerbatimEvent } from '../../src-common/api';

export interface EventBus {
  emit(event: VerbatimEvent): void;
  subscribe(listener: (event: VerbatimEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: VerbatimEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
