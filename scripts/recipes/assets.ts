/** Writing the shipped models' entries and metrics into assets/. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assetsDir,
  loadBestKernels,
  readRecognizerFile,
  writeFileAtomic,
} from '../../engine/node/index';
import { MODEL_ROLES, type ModelRole, type Recognizer } from '../../engine/index';

export interface AssetModel {
  name: string;
  role: ModelRole;
  file: string;
  lm?: string;
  lexicon?: string;
  /** Character n-gram LM for open-vocabulary decoding (handwritten words). */
  charLm?: string;
  charset?: string;
  description: string;
  /** What the model recognizes, said for people ("What can I say?"). */
  domain?: string;
  /** A broad model of English: its word LM's words are a dictionary it prefers, not a limit. */
  broad?: boolean;
}

const readAssetManifest = (file: string): { models: AssetModel[] } =>
  existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { models: [] };

/** The entry of a shipped model in assets/models.json, if there is one. */
export function assetModel(name: string): AssetModel | undefined {
  return readAssetManifest(join(assetsDir, 'models.json')).models.find((m) => m.name === name);
}

/**
 * Adds a model to `dir`/models.json (default assets/) after the others of its
 * role, or replaces it where it is: the first shipped model of a role is its
 * default (activeModel), so publishing a second model never displaces it.
 */
export function registerAssetModel(model: AssetModel, dir = assetsDir): void {
  const file = join(dir, 'models.json');
  const manifest = readAssetManifest(file);
  const at = manifest.models.findIndex((m) => m.name === model.name);
  if (at >= 0) manifest.models[at] = model;
  else manifest.models.push(model);
  manifest.models.sort((a, b) => MODEL_ROLES.indexOf(a.role) - MODEL_ROLES.indexOf(b.role));
  writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
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
