import type { ModelKind } from '../model/vbm';
import { inkModality } from './ink';
import type { Modality } from './modality';
import { speechModality } from './speech';

export type { Modality } from './modality';
export { inkModality } from './ink';
export { speechModality } from './speech';

const MODALITIES: Record<ModelKind, Modality> = { speech: speechModality, ink: inkModality };

export const MODEL_KINDS = Object.keys(MODALITIES) as ModelKind[];

export function isModelKind(value: unknown): value is ModelKind {
  return (MODEL_KINDS as unknown[]).includes(value);
}

/** The modality of a model kind; throws on anything else (e.g. a kind read from a file). */
export function modalityOf(kind: string): Modality {
  if (!isModelKind(kind))
    throw new TypeError(`unknown model kind "${kind}": expected ${MODEL_KINDS.join(' or ')}`);
  return MODALITIES[kind];
}
