// A view's state kept outside React (controllers: Studio, Models): the
// controller owns the state and its changes, React only renders snapshots.
import { useSyncExternalStore } from 'react';

export class Observable<S extends object> {
  private listeners = new Set<() => void>();

  constructor(private current: S) {}

  get state(): S {
    return this.current;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Replaces part of the state; listeners see a new snapshot object. */
  protected update(patch: Partial<S>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l();
  }
}

/** The current state of an observable, re-rendering on every change. */
export function useObservable<S extends object>(o: Observable<S>): S {
  return useSyncExternalStore(o.subscribe, () => o.state);
}
