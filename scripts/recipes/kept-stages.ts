/**
 * Finished stages kept in the repository (assets/stages/<model>/<stage>.vbm
 * beside <stage>.json, the stage's spec). A long stage costs sessions of CPU;
 * its cache folder lives on one machine, so its weights (not the optimizer
 * state) are committed once it finishes, if small (KEEP_MAX_BYTES), and a
 * run on a fresh clone starts from them instead of training the stage again.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../../engine/node/index';

export const keptStagePaths = (keptDir: string, model: string, stage: string) => ({
  model: join(keptDir, model, `${stage}.vbm`),
  spec: join(keptDir, model, `${stage}.json`),
});

const copyAtomic = (from: string, to: string) => writeFileAtomic(to, readFileSync(from));

/** The largest model worth committing (a bigger stage stays in its cache folder). */
export const KEEP_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Puts a kept stage's weights into its (empty) cache folder when the kept
 * spec is the stage's spec; false when nothing is kept for it.
 */
export function restoreKeptStage(
  keptDir: string,
  stageDir: string,
  spec: { recipe: string; stage: { name: string } },
): boolean {
  const kept = keptStagePaths(keptDir, spec.recipe, spec.stage.name);
  if (!existsSync(kept.model)) return false;
  const keptSpec: unknown = JSON.parse(readFileSync(kept.spec, 'utf8'));
  if (!isDeepStrictEqual(keptSpec, JSON.parse(JSON.stringify(spec))))
    throw new Error(
      `stage ${spec.stage.name} of ${spec.recipe} changed since its weights were kept in ${kept.model}: delete them (and ${kept.spec}) to train it anew`,
    );
  writeFileAtomic(join(stageDir, 'stage.json'), readFileSync(kept.spec, 'utf8'));
  copyAtomic(kept.model, join(stageDir, 'model.vbm'));
  return true;
}

/** Copies a finished stage's model and spec from the cache into keptDir, if the model is small enough to commit. */
export function keepStage(
  keptDir: string,
  stageDir: string,
  model: string,
  stage: string,
  maxBytes = KEEP_MAX_BYTES,
): { model: string; spec: string } {
  const from = join(stageDir, 'model.vbm');
  if (!existsSync(from))
    throw new Error(`stage ${stage} of ${model} has not finished (no ${from}): nothing to keep`);
  const bytes = statSync(from).size;
  if (bytes > maxBytes)
    throw new Error(
      `stage ${stage} of ${model} is ${(bytes / 2 ** 20).toFixed(1)} MB, over the ${(maxBytes / 2 ** 20).toFixed(1)} MB a kept stage may be: keep its cache folder (${stageDir}) instead`,
    );
  const kept = keptStagePaths(keptDir, model, stage);
  copyAtomic(join(stageDir, 'stage.json'), kept.spec);
  copyAtomic(from, kept.model);
  return kept;
}
