/**
 * Runs a recipe (recipe.ts) stage by stage. Each stage lives in
 * CACHE/<model>/<stage>/: stage.json (what it was asked to do), checkpoint.vbp
 * (the trainer's exact-resume checkpoint, written every checkpointEvery steps
 * and at each epoch end), latest.vbm (the last epoch's weights, to measure a
 * long stage while it runs) and model.vbm once it finished. A finished stage is
 * skipped on the next run, an interrupted one resumes from its checkpoint, and
 * a stage starts from the model.vbm of the stage it names. A stage whose
 * weights are kept in the repository (kept-stages.ts) starts from them when its
 * cache folder has no model. The last stage's model is then published
 * (publish.ts) if the recipe says so.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Architecture, Network, type Recognizer } from '../../engine/index';
import {
  assetsDir,
  readRecognizerFile,
  loadBestKernels,
  trainingModalityOf,
  trainModel,
  writeFileAtomic,
  writeModelFile,
} from '../../engine/node/index';
import { recipeOptions } from './assets';
import { restoreKeptStage } from './kept-stages';
import { loadStageData, type StageData } from './data-sources';
import { type Published, publishModel } from './publish';
import type { Recipe, Stage } from './recipe';

export interface RunRecipeOptions {
  /** Holds CACHE/<model>/<stage>/ (default .verbatim-cache/recipes). */
  cacheDir: string;
  workers: number;
  log(message: string): void;
  /** Polled before each training step: true stops the run (the stage resumes next time). */
  shouldStop?(): boolean;
  /** Re-measure and re-publish the shipped asset on the last stage's data, without training. */
  evalOnly?: boolean;
  /** Finished stages kept in the repository (default assets/stages). */
  keptDir?: string;
  /** Publishes into this folder instead of assets/ (a trial publish; evalOnly reads the model there). */
  assetsDir?: string;
}

export type StageStatus = 'trained' | 'resumed' | 'skipped' | 'interrupted';

export interface RecipeRun {
  stages: { stage: string; status: StageStatus; steps?: number; epochs?: number }[];
  /** The last stage's model, once every stage finished. */
  model?: string;
  /** Bytes of the published asset, when the recipe publishes one. */
  published?: number;
}

export const stageDir = (cacheDir: string, model: string, stage: string) =>
  join(cacheDir, model, stage);

/** Where a stage named by initFrom ("stage-1" of this recipe, or "other-model/stage-2") left its model. */
function initFromPath(cacheDir: string, recipe: Recipe, initFrom: string): string {
  const [model, stage] = initFrom.includes('/') ? initFrom.split('/', 2) : [recipe.model, initFrom];
  const path = join(stageDir(cacheDir, model, stage), 'model.vbm');
  if (!existsSync(path))
    throw new Error(
      `stage ${initFrom} has not been trained (no ${path})${model !== recipe.model ? `: run the ${model} recipe first` : ''}`,
    );
  return path;
}

/** "2×BiLSTM 128, stacked ×2 after layer 1" */
export function describeArchitecture(a: Architecture): string {
  const first = a.layers[0];
  const stacked = a.layers.findIndex((l) => l.subsample);
  return `${a.layers.length}×${first.bidirectional ? 'Bi' : ''}${first.cell.toUpperCase()} ${first.hidden}${
    stacked >= 0
      ? `, stacked ×${a.layers[stacked].subsample!.factor} after layer ${stacked + 1}`
      : ''
  }`;
}

/** A stage's fresh network over the modality's input, `outputs` labels wide. */
function freshArchitecture(
  spec: NonNullable<Stage['architecture']>,
  inputSize: number,
  outputs: number,
): Architecture {
  return {
    inputSize,
    layers: spec.layers.map((l) => ({
      cell: l.cell,
      hidden: l.hidden,
      bidirectional: l.bidirectional,
      ...(l.stack ? { subsample: { mode: 'stack' as const, factor: l.stack } } : {}),
    })),
    head: 'ctc',
    outputSize: outputs,
    dropout: spec.dropout,
  };
}

const minutesOf = (seconds: number) => Math.round(seconds / 6) / 10;

export async function runRecipe(recipe: Recipe, o: RunRecipeOptions): Promise<RecipeRun> {
  const modality = trainingModalityOf(recipe.modality);
  const kernels = loadBestKernels();
  const dataCache = new Map<string, Promise<StageData>>();
  const dataOf = (stage: Stage) => {
    const options = { ...recipe.data, ...stage.data };
    const key = JSON.stringify(options);
    if (!dataCache.has(key))
      dataCache.set(key, loadStageData(options, { modality, cacheDir: o.cacheDir, log: o.log }));
    return dataCache.get(key)!;
  };
  const last = recipe.stages[recipe.stages.length - 1];
  const keptDir = o.keptDir ?? join(assetsDir, 'stages');

  if (o.evalOnly) {
    // The shipped model as it is, measured on the data of its last stage.
    const path = join(o.assetsDir ?? assetsDir, 'models', `${recipe.model}.vbm`);
    const shipped = stageModel(readRecognizerFile(path, { kernels }));
    return {
      stages: [],
      model: path,
      published: publishModel(recipe, shipped, await dataOf(last), o),
    };
  }

  const run: RecipeRun = { stages: [] };
  let finished: Published | null = null;
  for (const stage of recipe.stages) {
    const dir = stageDir(o.cacheDir, recipe.model, stage.name);
    const modelPath = join(dir, 'model.vbm');
    const checkpointPath = join(dir, 'checkpoint.vbp');
    const specPath = join(dir, 'stage.json');
    const spec = { recipe: recipe.model, modality: recipe.modality, data: recipe.data, stage };
    if (existsSync(specPath)) {
      const before: unknown = JSON.parse(readFileSync(specPath, 'utf8'));
      if (!isDeepStrictEqual(before, JSON.parse(JSON.stringify(spec))))
        throw new Error(
          `stage ${stage.name} of ${recipe.model} changed since ${dir} was made: delete that folder (and the later stages') to train it anew`,
        );
    }
    if (!existsSync(modelPath) && restoreKeptStage(keptDir, dir, spec))
      o.log(`${stage.name}: from its kept weights (${join(keptDir, recipe.model)})`);
    if (existsSync(modelPath)) {
      o.log(`${stage.name}: done (${modelPath})`);
      run.stages.push({ stage: stage.name, status: 'skipped' });
      finished = null;
      continue;
    }
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(specPath, `${JSON.stringify(spec, null, 2)}\n`);

    const data = await dataOf(stage);
    const base: Recognizer | undefined = stage.initFrom
      ? readRecognizerFile(initFromPath(o.cacheDir, recipe, stage.initFrom), { kernels })
      : undefined;
    const alphabet =
      data.alphabet ??
      (base ? [...base.labels] : modality.alphabet(data.train.map((e) => modality.labelOf(e))));
    const featureConfig = base ? base.header.featureConfig : modality.defaultFeatureConfig();
    const architecture = stage.architecture
      ? freshArchitecture(stage.architecture, modality.inputSize(featureConfig), alphabet.length)
      : undefined;
    // A stage that starts from another and names an architecture widens it.
    const widen = base ? architecture : undefined;
    const sourceOptions = { alphabet, featureConfig, augment: stage.augment ?? null };
    const sources =
      data.sources?.(sourceOptions) ??
      modality.dataSources({
        ...sourceOptions,
        train: data.train,
        valid: data.valid,
        workDir: dir,
      });
    const { earlyStopping, ...shared } = recipeOptions({
      epochs: stage.epochs,
      batchSize: stage.batchSize,
      peak: stage.learningRate.peak,
      warmupSteps: stage.learningRate.warmupSteps,
      checkpointEvery: stage.checkpointEvery,
    });
    const options = {
      ...shared,
      // Early stopping reads the validation loss: none without held-out data.
      ...(sources.valid ? { earlyStopping } : {}),
      seed: stage.seed,
      ...(stage.sortaGradEpochs !== undefined ? { sortaGradEpochs: stage.sortaGradEpochs } : {}),
    };
    const resume = existsSync(checkpointPath) ? readFileSync(checkpointPath) : undefined;
    o.log(
      `${stage.name}: ${resume ? 'resuming' : 'training'} ${describeArchitecture(architecture ?? base!.network.architecture)} from ${stage.initFrom ? `${stage.initFrom}${widen ? ' (widened)' : ''}` : 'scratch'}, ${stage.epochs} epochs${stage.minutes ? ` or ${stage.minutes} min` : ''}, ${data.train.length} training examples, ${o.workers} worker(s)`,
    );
    let stopped = false;
    let lastLog = 0;
    const trained = await trainModel({
      kind: recipe.modality,
      base,
      widen,
      alphabet,
      featureConfig,
      architecture,
      train: sources.train,
      valid: sources.valid,
      options,
      minutes: stage.minutes,
      workers: o.workers,
      checkpointPath,
      resume,
      shouldStop: () => (stopped = o.shouldStop?.() ?? false),
      onStep: (p) => {
        if (Date.now() - lastLog < 30_000) return;
        lastLog = Date.now();
        o.log(
          `${stage.name}: epoch ${p.epoch + 1} step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} ${p.samplesPerSecond.toFixed(1)} examples/s`,
        );
      },
      onEpoch: (p) =>
        o.log(
          `${stage.name}: epoch ${p.epoch + 1}: train loss ${p.trainLoss.toFixed(3)}, valid loss ${p.validLoss?.toFixed(3)} (${p.seconds.toFixed(0)} s)${p.improved ? ' *' : ''}`,
        ),
      onEpochWeights: (p, weights, trainedArchitecture) => {
        const network = new Network(trainedArchitecture);
        network.params.data.set(weights);
        writeModelFile(join(dir, 'latest.vbm'), network, {
          kind: recipe.modality,
          alphabet,
          featureConfig,
          training: {
            recipe: `${recipe.model}/${stage.name}`,
            epoch: p.epoch + 1,
            validLoss: p.validLoss,
          },
          metrics: {},
        });
      },
    });
    if (stopped) {
      o.log(`${stage.name}: stopped at step ${trained.result.steps}; the next run resumes it`);
      run.stages.push({ stage: stage.name, status: 'interrupted', steps: trained.result.steps });
      return run;
    }
    const earlier = base
      ? ((base.header.training.stages as unknown[] | undefined) ?? [base.header.training])
      : [];
    const training: Record<string, unknown> = {
      recipe: `${recipe.model}/${stage.name}`,
      initFrom: stage.initFrom,
      stages: [
        ...earlier,
        {
          stage: `${recipe.model}/${stage.name}`,
          epochs: trained.result.epochs,
          steps: trained.result.steps,
          minutes: minutesOf(trained.seconds),
          schedule: options.schedule,
        },
      ],
      data: data.counts,
      architecture: describeArchitecture(trained.network.architecture),
      options,
      augment: stage.augment ?? null,
      steps: trained.result.steps,
      epochs: trained.result.epochs,
      minutes: minutesOf(trained.seconds),
      workers: o.workers,
      kernels: trained.kernels,
    };
    writeModelFile(modelPath, trained.network, {
      kind: recipe.modality,
      alphabet,
      featureConfig,
      training,
      metrics: {},
    });
    o.log(`${stage.name}: ${trained.result.steps} steps, wrote ${modelPath}`);
    run.stages.push({
      stage: stage.name,
      status: resume ? 'resumed' : 'trained',
      steps: trained.result.steps,
      epochs: trained.result.epochs,
    });
    finished = {
      network: trained.network,
      kind: recipe.modality,
      alphabet,
      featureConfig,
      training,
    };
  }
  run.model = join(stageDir(o.cacheDir, recipe.model, last.name), 'model.vbm');
  // Published to assets/ once per trained last stage (published.json marks it,
  // so an interruption while publishing publishes on the next run); a trial
  // publish into another folder runs every time and leaves no mark.
  const marker = join(stageDir(o.cacheDir, recipe.model, last.name), 'published.json');
  if (recipe.publish && (finished || o.assetsDir || !existsSync(marker))) {
    const model = finished ?? stageModel(readRecognizerFile(run.model, { kernels }));
    run.published = publishModel(recipe, model, await dataOf(last), o);
    if (!o.assetsDir)
      writeFileAtomic(marker, `${JSON.stringify({ bytes: run.published }, null, 2)}\n`);
  }
  return run;
}

/** A trained model as publishModel takes it. */
const stageModel = (r: Recognizer): Published => ({
  network: r.network,
  kind: r.kind,
  alphabet: [...r.labels],
  featureConfig: r.header.featureConfig,
  training: r.header.training,
});
