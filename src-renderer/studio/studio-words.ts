import type { DatasetKind } from '../../src-common/api';

/**
 * What the Studio calls things for each kind of dataset: who a sample comes
 * from (its field in a sample too), how samples are made and how one is
 * looked at. Several are accessible names ("Speaker", "Play sample 3").
 */
export const STUDIO_WORDS = {
  speech: { person: 'Speaker', personField: 'speaker', capture: 'Record', view: 'Play' },
  ink: { person: 'Writer', personField: 'writer', capture: 'Draw', view: 'Show' },
} as const satisfies Record<
  DatasetKind,
  { person: string; personField: 'speaker' | 'writer'; capture: string; view: string }
>;
