/**
 * Rebuilds a model from its recipe (scripts/recipes/models/<model>.json),
 * stage by stage, resuming where an interrupted run stopped; see
 * scripts/recipes/run-recipe.ts.
 *
 * Usage: USAGE below (`--help` prints it).
 *
 * Ctrl-C stops at the next training step; run again to resume.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecipe } from './recipes/recipe';
import { keepStage } from './recipes/kept-stages';
import { runRecipe, stageDir } from './recipes/run-recipe';
import { exitWithUsage, parseScriptArgs } from './script-args';

const USAGE = `usage: tsx scripts/train-recipe.ts MODEL|RECIPE.json [--workers N] [--cache DIR] [--eval-only] [--assets DIR]
       tsx scripts/train-recipe.ts MODEL --keep STAGE   (commit a finished stage's weights: assets/stages/)
       npm run train:MODEL -- [--workers N] [--cache DIR] [--eval-only] [--assets DIR]
       (npm run train:ink -- --model digits|letters|words is MODEL ink-digits|ink-letters|ink-words)`;

const { values, positionals } = parseScriptArgs(
  USAGE,
  {
    // The handwriting models by their old train:ink name.
    model: { type: 'string' },
    workers: { type: 'string', default: String(availableParallelism()) },
    cache: { type: 'string' },
    // Re-measure the shipped model (e.g. after a decoding change) on its recipe's data, no training.
    'eval-only': { type: 'boolean', default: false },
    // Copy a finished stage's model from the cache to assets/stages/ (to commit), no training.
    keep: { type: 'string' },
    // Publish into DIR (models.json, models/, lm/, metrics/) instead of assets/: a trial publish.
    assets: { type: 'string' },
  },
  { positionals: 1 },
);
const name = positionals[0] ?? (values.model ? `ink-${values.model}` : undefined);
if (!name) exitWithUsage(USAGE, 'name the model or its recipe file');
if (!(Number(values.workers) >= 1))
  exitWithUsage(USAGE, `--workers must be 1 or more, got ${values.workers}`);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

async function main(name: string): Promise<number> {
  const recipe = readRecipe(name);
  const log = (msg: string) =>
    console.error(`[${recipe.model} ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) process.exit(130);
    stopping = true;
    log('stopping at the next step (Ctrl-C again to quit at once)');
  });
  const cacheDir = values.cache ? resolve(values.cache) : join(root, '.verbatim-cache', 'recipes');
  if (values.keep !== undefined) {
    if (!recipe.stages.some((s) => s.name === values.keep))
      throw new Error(`${recipe.model} has no stage ${values.keep}`);
    const kept = keepStage(
      join(root, 'assets', 'stages'),
      stageDir(cacheDir, recipe.model, values.keep),
      recipe.model,
      values.keep,
    );
    log(`kept ${values.keep}: ${kept.model} (commit it with ${kept.spec})`);
    return 0;
  }
  const run = await runRecipe(recipe, {
    cacheDir,
    workers: Number(values.workers),
    evalOnly: values['eval-only'],
    ...(values.assets ? { assetsDir: resolve(values.assets) } : {}),
    shouldStop: () => stopping,
    log,
  });
  console.log(JSON.stringify(run));
  return run.stages.some((s) => s.status === 'interrupted') ? 130 : 0;
}

main(name).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`train-recipe: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
