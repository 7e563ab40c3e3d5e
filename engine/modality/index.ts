import type { ModelKind } from '../model/vbm';
import { inkModality } from './ink';
import type { Modality } from './modality';
import { speechModality } from './speech';

export type { Modality } from './modality';
export { inkModality } from './ink';
export { speechModality } from './speech';

const MODALITIES: Record<ModelKind, Modality> = { speech: speechModality, ink: inkModality };

/** The modality of a model kind; throws on anything else (e.g. a kind read from a file). */
export function modalityOf(kind: string): Modality {
  const m = (MODALITIES as Record<string, Modality | undefined>)[kind];
  if (!m) throw new TypeError(`unknown model kind "${kind}": expected speech or ink`);
  return m;
}
