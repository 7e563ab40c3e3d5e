import { statSync } from 'node:fs';
import type { Ink } from '../../ink/ink';
import type { BatchTask } from './batch-tasks';

/**
 * Tasks a window holds: output, printed in input order, waits for at most
 * this many tasks beyond input order.
 */
export const DISPATCH_WINDOW = 64;

/**
 * The order a thread pool takes tasks in: input order by windows of `window`
 * tasks, the heaviest of each window first. The threads then end on the
 * lightest tasks and finish together; in input order, one thread finishes the
 * last large files alone while the other waits (550 UNIPEN files, whose last
 * hold 100–240 words: 2.5 s of a 44 s run with one thread idle).
 */
export function dispatchOrder(weights: readonly number[], window = DISPATCH_WINDOW): number[] {
  const order: number[] = [];
  for (let from = 0; from < weights.length; from += window) {
    const block = Array.from(
      { length: Math.min(window, weights.length - from) },
      (_, k) => from + k,
    );
    order.push(...block.sort((a, b) => weights[b] - weights[a] || a - b));
  }
  return order;
}

const fileSize = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
const inkPoints = (ink: Ink) => ink.strokes.reduce((n, s) => n + s.points.length, 0);

/**
 * How much work a task is, roughly: its input's size in bytes (audio and ink
 * files: segments and seconds grow with it), or its ink's points when the
 * ink came along. An unreadable input weighs 0 (its error is quick).
 */
export function taskWeight(task: BatchTask): number {
  switch (task.op) {
    case 'transcribe':
      return task.bytes?.length ?? fileSize(task.input);
    case 'eval-speech':
      return task.bytes?.length ?? fileSize(task.audio);
    case 'ink-file':
      return task.items
        ? task.items.reduce((n, it) => n + inkPoints(it.ink), 0)
        : fileSize(task.input);
    case 'eval-ink':
      return inkPoints(task.ink);
  }
}
