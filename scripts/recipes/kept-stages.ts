/**
 * Finished stages kept in the repository (assets/stages/<model>/<stage>.vbm
 * beside <stage>.json, the stage's spec). A long stage costs sessions of CPU;
 * its cache folder lives on one machine, so its weights (not the optimizer
 * state) are committed once it finishes, and a run on a fresh clone starts
 * from them instead of training the stage again.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../../engine/node/index';

export const keptStagePaths = (keptDir: string, model: string, stage: string) => ({
  model: join(keptDir, model, `${stage}.vbm`),
  spec: join(keptDir, model, `${stage}.json`),
});

function copyAtomic(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

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
  mkdirSync(stageDir, { recursive: true });
  writeFileAtomic(join(stageDir, 'stage.json'), readFileSync(kept.spec, 'utf8'));
  copyAtomic(kept.model, join(stageDir, 'model.vbm'));
  return true;
}

/** Copies a finished stage's model and spec from the cache into keptDir. */
export function keepStage(
  keptDir: string,
  stageDir: string,
  model: string,
  stage: string,
): { model: string; spec: string } {
  const from = join(stageDir, 'model.vbm');
  if (!existsSync(from))
    throw new Error(`stage ${stage} of ${model} has not finished (no ${from}): nothing to keep`);
  const kept = keptStagePaths(keptDir, model, stage);
  copyAtomic(join(stageDir, 'stage.json'), kept.spec);
  copyAtomic(from, kept.model);
  return kept;
}
