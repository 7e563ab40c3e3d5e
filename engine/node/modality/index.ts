import type { ModelKind } from '../../model/vbm';
import { inkTraining } from './ink';
import { speechTraining } from './speech';
import type { TrainingModality } from './training-modality';

export { inkTraining, type InkSample } from './ink';
export { speechTraining, type SpeechAugment } from './speech';
export type { Grouped, TrainingModality } from './training-modality';

const TRAINING: Record<ModelKind, TrainingModality> = {
  speech: speechTraining as TrainingModality,
  ink: inkTraining as TrainingModality,
};

/** The training side of a model kind's modality. */
export function trainingModalityOf(kind: ModelKind): TrainingModality {
  return TRAINING[kind];
}
