import type { Modality } from './modality';
import {
  DEFAULT_INK_FEATURE_CONFIG,
  inkFeatureNames,
  parseInkFeatureConfig,
} from '../ink/features';

export const inkModality: Modality = {
  kind: 'ink',
  roles: ['digits', 'letters', 'words'],
  freshRole: 'words',
  noun: 'handwriting',
  sampleFolder: 'ink',
  examples: 'samples',
  source: 'writer',
  alphabet: (labels) => ['', ...[...new Set(labels.flatMap((l) => [...l]))].sort()],
  defaultFeatureConfig: () => ({ ...DEFAULT_INK_FEATURE_CONFIG }),
  inputSize: (config) => inkFeatureNames(parseInkFeatureConfig(config)).length,
};
