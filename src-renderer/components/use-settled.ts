// A value that follows another once it has held still for a while, so that
// typing in a setting whose every value starts costly work (Write's Vocabulary:
// a recognizer session and its decoder per list) starts it once the user
// pauses, not at each keystroke. The timing lives in Settler, outside React.
import { useEffect, useState } from 'react';

/**
 * Passes on the values it is offered: each once `ms` pass without another
 * (of a burst, only the last), or at once for `ms` 0, dropping the one that
 * was waiting.
 */
export class Settler<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly settle: (value: T) => void) {}

  offer(value: T, ms: number): void {
    this.cancel();
    if (ms <= 0) this.settle(value);
    else this.timer = setTimeout(() => this.settle(value), ms);
  }

  /** Drops the value waiting, if any. */
  cancel(): void {
    clearTimeout(this.timer);
  }
}

/**
 * `value` once it has held for `ms` (until then the value that did); with
 * `ms` 0 the value itself, at once. A caller passes 0 for a change that should
 * apply at once (a loaded file) and a pause for typing.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const [settler] = useState(() => new Settler<T>(setSettled));
  useEffect(() => settler.offer(value, ms), [settler, value, ms]);
  useEffect(() => () => settler.cancel(), [settler]);
  return ms > 0 ? settled : value;
}
