import { modalityOf, type ModelKind } from '../../index';
import { UsageError } from './usage-error';

/** Refuses a model of another modality than the command reads, saying which it is. */
export function expectModelKind(
  kind: ModelKind,
  expected: ModelKind,
  o: { path: string; command: string; usage: string },
): void {
  if (kind !== expected)
    throw new UsageError(
      `${o.path} is a ${modalityOf(kind).noun} model; ${o.command} needs a ${modalityOf(expected).noun} model`,
      o.usage,
    );
}
