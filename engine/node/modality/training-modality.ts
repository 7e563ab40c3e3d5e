// The Node side of a modality: where its labelled examples come from, how the
// training workers read them and how a recognizer is scored on them. Training
// (verbatim train, the app's Train view, the recipes) goes through this.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Modality } from '../../modality/modality';
import type { DecodeParams, DecodeResources } from '../../recognize/decode-params';
import type { Recognizer } from '../../recognize/recognizer';
import type { DataSourceSpec } from '../runtime/data-source';
import { openDataset } from '../use-cases/datasets/dataset-store';
import type { EvalSummary } from '../use-cases/training/evaluate';

/** An example with its speaker or writer: the unit of a held-out split. */
export interface Grouped<E> {
  value: E;
  group: string;
}

export interface TrainingModality<E = unknown> extends Modality {
  /**
   * Labelled examples of dataset names or folders, NeMo manifests (speech),
   * InkML/UNIPEN files or folders (ink). What a tolerant reader leaves out
   * (UNIPEN's bad points, segments, unreadable files) is said to `onSkip`.
   */
  loadExamples(specs: readonly string[], onSkip?: (what: string) => void): Grouped<E>[];
  labelOf(example: E): string;
  /** The augmentation used when training on a user's own data. */
  readonly userAugment: unknown;
  /**
   * The workers' data sources over these examples: `augment` (this modality's
   * options, see its data source) for training, none for validation. Files the
   * workers read go under `workDir`.
   */
  dataSources(o: {
    train: readonly E[];
    valid: readonly E[];
    alphabet: string[];
    featureConfig: Record<string, unknown>;
    augment: unknown;
    workDir: string;
  }): { train: DataSourceSpec; valid?: DataSourceSpec };
  /**
   * A spread of at most about `limit` examples of the project's own data
   * (VERBATIM_DATA_DIR: FSDD, UNIPEN digits) as training input of a user's run:
   * loadExamples specs, any file they need written under `runDir`. Throws,
   * saying where it looked, when that data is not there.
   */
  projectSample(dataDir: string, runDir: string, limit: number): string[];
  /** Scores a recognizer on examples as `verbatim eval` does. */
  evaluate(
    recognizer: Recognizer,
    examples: readonly E[],
    params: DecodeParams,
    resources?: DecodeResources,
  ): EvalSummary;
}

const isDatasetDir = (p: string) => existsSync(join(p, 'dataset.json'));

/** A dataset folder, a dataset name in VERBATIM_HOME, or another existing path (a manifest, ink files). */
export function resolveDataPath(spec: string): string {
  if (isDatasetDir(resolve(spec))) return resolve(spec);
  try {
    return openDataset(spec).dir;
  } catch {
    if (existsSync(resolve(spec))) return resolve(spec);
    throw new Error(
      `training data "${spec}" not found: give a dataset name, a dataset folder, a manifest or ink files`,
    );
  }
}

/** The dataset at `path` if it is one, checked to hold this kind of data. */
export function datasetAt(path: string, kind: 'speech' | 'ink', other: string) {
  if (!isDatasetDir(path)) return null;
  const ds = openDataset(path);
  if (ds.kind !== kind) throw new Error(`dataset ${ds.name} holds ${other}, not ${kind}`);
  return ds;
}
