/** Writing the shipped models' entries and metrics into assets/. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assetsDir,
  loadBestKernels,
  readModelManifest,
  readRecognizerFile,
  writeFileAtomic,
  writeModelManifest,
  type ModelManifestEntry,
} from '../../engine/node/index';
import { MODEL_ROLES, type Recognizer } from '../../engine/index';

/** A shipped model's models.json entry (the engine's schema), always with a description. */
export type AssetModel = ModelManifestEntry & { description: string };

/** The entry of a shipped model in assets/models.json, if there is one. */
export function assetModel(name: string): ModelManifestEntry | undefined {
  return readModelManifest(join(assetsDir, 'models.json')).models.find((m) => m.name === name);
}

/**
 * Adds a model to `dir`/models.json (default assets/) after the others of its
 * role, or replaces it where it is: the first shipped model of a role is its
 * default (activeModel), so publishing a second model never displaces it.
 */
export function registerAssetModel(model: AssetModel, dir = assetsDir): void {
  const file = join(dir, 'models.json');
  const manifest = readModelManifest(file);
  const at = manifest.models.findIndex((m) => m.name === model.name);
  if (at >= 0) manifest.models[at] = model;
  else manifest.models.push(model);
  manifest.models.sort((a, b) => MODEL_ROLES.indexOf(a.role) - MODEL_ROLES.indexOf(b.role));
  writeModelManifest(file, manifest);
}

/** Writes a text asset (LM, lexicon, metrics) under `dir` (default assets/); returns its path. */
export function writeAsset(relative: string, text: string, dir = assetsDir): string {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileAtomic(path, text);
  return path;
}

/** A model file as a recognizer on the best kernels: a recipe's --init-from, or a shipped model. */
export function loadRecipeModel(path: string): Recognizer {
  return readRecognizerFile(resolve(path), { kernels: loadBestKernels() });
}

/**
 * The training options the recipes share (AdamW, warm-up then cosine decay,
 * gradient clipping, early stopping) around what differs between them.
 */
export function recipeOptions(o: {
  epochs: number;
  batchSize: number;
  peak: number;
  warmupSteps: number;
  checkpointEvery: number;
}) {
  return {
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: 1,
    optimizer: { kind: 'adamw' as const, weightDecay: 1e-4 },
    schedule: {
      peak: o.peak,
      warmupSteps: o.warmupSteps,
      decay: 'cosine' as const,
      finalRatio: 0.05,
    },
    clipNorm: 5,
    checkpointEvery: o.checkpointEvery,
    // Keeps the weights of the best validation epoch (patience: stop after this many without progress).
    earlyStopping: { patience: 6 },
  };
}
