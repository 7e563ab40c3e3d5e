import type { DatasetKind } from '../../src-common/api';

/**
 * What the Studio calls things for each kind of dataset: who a sample comes
 * from, how samples are made and how one is looked at (what it does
 * differently is STUDIO_KINDS). Several are accessible names ("Speaker",
 * "Play sample 3").
 */
export const STUDIO_WORDS = {
  speech: { person: 'Speaker', capture: 'Record', view: 'Play' },
  ink: { person: 'Writer', capture: 'Draw', view: 'Show' },
} as const satisfies Record<DatasetKind, { person: string; capture: string; view: string }>;
