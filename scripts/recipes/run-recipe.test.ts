import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataset, readRecognizerFile } from '../../engine/node/index';
import { keepStage } from './kept-stages';
import { Recipe, readRecipe } from './recipe';
import { runRecipe, stageDir } from './run-recipe';

const root = mkdtempSync(join(tmpdir(), 'recipe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ds = createDataset('ink', 'ink', root);
for (const [i, label] of ['1', '7', '1', '7'].entries())
  ds.addInk(
    { strokes: [{ points: [0, 1, 2, 3].map((k) => ({ x: k * (i + 1), y: k * k, t: k * 10 })) }] },
    label,
  );

const stage = { augment: null, batchSize: 1, learningRate: { peak: 3e-3, warmupSteps: 1 } };
/** Two stages of a tiny model on four samples: 4 steps an epoch. */
const tiny = Recipe.parse({
  model: 'tiny',
  modality: 'ink',
  description: 'a test recipe',
  data: { source: 'files', paths: [ds.dir], validFraction: 0 },
  stages: [
    {
      ...stage,
      name: 'stage-a',
      initFrom: null,
      architecture: { layers: [{ cell: 'gru', hidden: 6, bidirectional: false }], dropout: 0 },
      epochs: 2,
      checkpointEvery: 2,
    },
    { ...stage, name: 'stage-b', initFrom: 'stage-a', epochs: 3, checkpointEvery: 2 },
  ],
});
const options = (cacheDir: string) => ({ cacheDir, workers: 1, log: () => {} });
const modelOf = (cacheDir: string, name: string) =>
  join(stageDir(cacheDir, 'tiny', name), 'model.vbm');

describe('runRecipe', () => {
  const cache = join(root, 'cache');

  it('trains the stages in order, each from the one it names, and skips finished stages', async () => {
    const first = await runRecipe(tiny, options(cache));
    expect(first.stages).toEqual([
      { stage: 'stage-a', status: 'trained', steps: 8, epochs: 2 },
      { stage: 'stage-b', status: 'trained', steps: 12, epochs: 3 },
    ]);
    expect(first.model).toBe(modelOf(cache, 'stage-b'));
    const b = readRecognizerFile(modelOf(cache, 'stage-b'));
    const training = b.header.training as { initFrom: string; stages: { stage: string }[] };
    expect(training.initFrom).toBe('stage-a');
    expect(training.stages.map((s) => s.stage)).toEqual(['tiny/stage-a', 'tiny/stage-b']);
    // stage-b started from stage-a's weights, not from a fresh network of the same seed.
    const a = readRecognizerFile(modelOf(cache, 'stage-a'));
    expect(b.network.architecture).toEqual(a.network.architecture);
    expect(b.network.params.data).not.toEqual(a.network.params.data);
    // The last epoch's weights are kept beside (here, without validation, the same as the model).
    const latest = readRecognizerFile(join(stageDir(cache, 'tiny', 'stage-b'), 'latest.vbm'));
    expect(latest.network.params.data).toEqual(b.network.params.data);

    const bytes = readFileSync(modelOf(cache, 'stage-b'));
    const again = await runRecipe(tiny, options(cache));
    expect(again.stages.map((s) => s.status)).toEqual(['skipped', 'skipped']);
    expect(readFileSync(modelOf(cache, 'stage-b'))).toEqual(bytes);
  });

  it('resumes an interrupted stage from its checkpoint to the same model', async () => {
    const resumed = join(root, 'resumed');
    let polls = 0;
    const stopped = await runRecipe(tiny, {
      ...options(resumed),
      shouldStop: () => ++polls > 8 + 7, // stage-b's 7th step: its checkpoint of step 6 is kept
    });
    expect(stopped.stages.map((s) => s.status)).toEqual(['trained', 'interrupted']);
    expect(existsSync(modelOf(resumed, 'stage-b'))).toBe(false);
    expect(existsSync(join(stageDir(resumed, 'tiny', 'stage-b'), 'checkpoint.vbp'))).toBe(true);

    const rest = await runRecipe(tiny, options(resumed));
    expect(rest.stages).toEqual([
      { stage: 'stage-a', status: 'skipped' },
      { stage: 'stage-b', status: 'resumed', steps: 12, epochs: 3 },
    ]);
    // Exact resume: the same weights as the uninterrupted run.
    expect(readRecognizerFile(modelOf(resumed, 'stage-b')).network.params.data).toEqual(
      readRecognizerFile(modelOf(cache, 'stage-b')).network.params.data,
    );
  });

  it('refuses to continue a stage whose recipe changed, and a stage whose base is missing', async () => {
    const changed = { ...tiny, stages: [tiny.stages[0], { ...tiny.stages[1], epochs: 4 }] };
    await expect(runRecipe(changed, options(cache))).rejects.toThrow(
      /stage stage-b of tiny changed .* delete that folder/,
    );
    const elsewhere = {
      ...tiny,
      stages: [{ ...tiny.stages[1], initFrom: 'other-model/stage-9' }],
    };
    await expect(runRecipe(elsewhere, options(join(root, 'fresh')))).rejects.toThrow(
      /other-model\/stage-9 has not been trained .* run the other-model recipe first/,
    );
  });

  it('starts a fresh cache from kept stage weights, and refuses kept weights of another spec', async () => {
    const keptDir = join(root, 'kept');
    const kept = keepStage(keptDir, stageDir(cache, 'tiny', 'stage-a'), 'tiny', 'stage-a');
    expect(kept.model).toBe(join(keptDir, 'tiny', 'stage-a.vbm'));
    expect(() => keepStage(keptDir, stageDir(cache, 'tiny', 'stage-z'), 'tiny', 'stage-z')).toThrow(
      /has not finished/,
    );
    expect(() =>
      keepStage(
        join(root, 'kept-small'),
        stageDir(cache, 'tiny', 'stage-a'),
        'tiny',
        'stage-a',
        100,
      ),
    ).toThrow(/over the 0\.0 MB a kept stage may be: keep its cache folder/);
    expect(existsSync(join(root, 'kept-small'))).toBe(false);

    const clone = join(root, 'clone');
    const run = await runRecipe(tiny, { ...options(clone), keptDir });
    // stage-a is not trained again: its kept weights are the cache's, and stage-b trains from them
    // to the same weights as in the first cache.
    expect(run.stages.map((s) => s.status)).toEqual(['skipped', 'trained']);
    expect(readFileSync(modelOf(clone, 'stage-a'))).toEqual(
      readFileSync(modelOf(cache, 'stage-a')),
    );
    expect(readRecognizerFile(modelOf(clone, 'stage-b')).network.params.data).toEqual(
      readRecognizerFile(modelOf(cache, 'stage-b')).network.params.data,
    );

    const changed = { ...tiny, stages: [{ ...tiny.stages[0], epochs: 3 }, tiny.stages[1]] };
    await expect(
      runRecipe(changed, { ...options(join(root, 'clone-2')), keptDir }),
    ).rejects.toThrow(/stage stage-a of tiny changed since its weights were kept .* delete them/);
  });

  it('grows a trained stage into a wider network when a later stage names one', async () => {
    const cacheDir = join(root, 'widened');
    const wider = Recipe.parse({
      ...tiny,
      stages: [
        tiny.stages[0],
        {
          ...tiny.stages[1],
          architecture: { layers: [{ cell: 'gru', hidden: 9, bidirectional: false }], dropout: 0 },
          epochs: 1,
        },
      ],
    });
    const said: string[] = [];
    await runRecipe(wider, { ...options(cacheDir), log: (m: string) => said.push(m) });
    expect(said).toContain(
      'stage-b: training 1×GRU 9 from stage-a (widened), 1 epochs, 4 training examples, 1 worker(s)',
    );
    expect(readRecognizerFile(modelOf(cacheDir, 'stage-b')).network.architecture.layers).toEqual([
      { cell: 'gru', hidden: 9, bidirectional: false },
    ]);
    // Only widths may change: another cell is refused when the stage starts.
    const changed = Recipe.parse({
      ...wider,
      stages: [
        wider.stages[0],
        {
          ...wider.stages[1],
          name: 'stage-c',
          architecture: { layers: [{ cell: 'lstm', hidden: 9, bidirectional: false }], dropout: 0 },
        },
      ],
    });
    await expect(runRecipe(changed, options(cacheDir))).rejects.toThrow(/only the layers' widths/);
  });
});

describe('the checked-in recipes', () => {
  it.each(['speech-en', 'ink-letters', 'ink-digits', 'ink-words'])(
    '%s reads, starts fresh or from a named stage, and publishes its asset',
    (name) => {
      const recipe = readRecipe(name);
      expect(recipe.model).toBe(name);
      expect(recipe.publish?.evaluation).toBe(name);
      for (const s of recipe.stages) expect(s.initFrom ?? '').not.toMatch(/\.vbm$|^\//);
    },
  );

  it('speech-broad reads its synthetic corpus stages and publishes a broad speech model within 20 MB', () => {
    const recipe = readRecipe('speech-broad');
    expect(recipe.data.source).toBe('speech-corpus');
    expect(recipe.publish).toMatchObject({
      evaluation: 'speech-broad',
      role: 'speech',
      broad: true,
      maxMegabytes: 20,
      weights: 'float16',
    });
    expect(recipe.publish?.domain).toMatch(/Vocabulary/);
    // The run folder CACHE/speech-broad/speech-broad-1/ of the first stage's long run.
    expect(recipe.stages[0].name).toBe('speech-broad-1');
    expect(recipe.stages[0].architecture?.layers.map((l) => l.hidden)).toEqual([256, 256, 256]);
  });

  it('publish.weights takes float32 or float16 and refuses anything else, with the field', () => {
    const publish = { evaluation: 'e', role: 'speech', description: 'd' };
    for (const weights of ['float32', 'float16', undefined])
      expect(Recipe.safeParse({ ...tiny, publish: { ...publish, weights } }).success).toBe(true);
    const issues = Recipe.safeParse({ ...tiny, publish: { ...publish, weights: 'int8' } }).error
      ?.issues;
    expect(issues?.map((i) => i.path.join('.'))).toEqual(['publish.weights']);
    expect(issues?.[0].message).toMatch(/float32.*float16/);
  });

  it('refuses a recipe naming a later or unknown stage, with the field', () => {
    const bad = { ...tiny, stages: [{ ...tiny.stages[1], initFrom: 'stage-z' }] };
    expect(Recipe.safeParse(bad).error?.issues[0].message).toMatch(/not an earlier stage/);
  });
});
