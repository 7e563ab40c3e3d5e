// What differs between speech and handwriting, in one place: the training,
// evaluation and import code ask the modality instead of branching on the
// model's kind. The Node side (data files, data sources, scoring) extends this
// in engine/node/modality/.
import type { ModelKind } from '../model/vbm';
import type { ModelRole } from '../model/roles';

export interface Modality {
  readonly kind: ModelKind;
  /** The roles a model of this kind can serve; the first is the default. */
  readonly roles: readonly ModelRole[];
  /** The role of a model trained from scratch on the user's labels (it may write anything). */
  readonly freshRole: ModelRole;
  /** What its models recognize, in messages ("speech", "handwriting"). */
  readonly noun: string;
  /** The folder of a dataset that holds its samples' files ("audio", "ink"). */
  readonly sampleFolder: string;
  /** What one labelled example is called in messages ("utterances", "samples"). */
  readonly examples: string;
  /** Who an example comes from, the unit of a held-out split ("speaker", "writer"). */
  readonly source: string;
  /**
   * The output labels (blank first) of a fresh model trained on these label
   * texts: a fixed alphabet for speech, the characters written for ink.
   */
  alphabet(labels: readonly string[]): string[];
  /** The front end of a fresh model (the .vbm header's featureConfig). */
  defaultFeatureConfig(): Record<string, unknown>;
  /** The network's input width for a front-end config (checks the config). */
  inputSize(featureConfig: Record<string, unknown>): number;
}
