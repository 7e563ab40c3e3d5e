/**
 * A model's recipe as data (scripts/recipes/models/<model>.json): the data it
 * learns from and a list of stages, each starting from the weights of an
 * earlier stage named in the file (or of another recipe's stage), with its
 * augmentation, epochs and learning rate. run-recipe.ts runs it. Checked with
 * zod so a wrong file is refused with the field that is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

const Layer = z
  .object({
    cell: z.enum(['lstm', 'gru', 'rnn']).default('lstm'),
    hidden: z.number().int().positive(),
    bidirectional: z.boolean().default(true),
    /** Frames stacked by this factor after the layer (shorter sequences for the layers above). */
    stack: z.number().int().min(2).optional(),
  })
  .strict();

export const Stage = z
  .object({
    name,
    /**
     * Starting weights: an earlier stage of this recipe ("stage-1"), a stage of
     * another recipe ("ink-letters/stage-2"), or null for a fresh network.
     */
    initFrom: z.string().nullable(),
    /**
     * The fresh network: recurrent layers over the modality's front end, CTC on
     * top. With initFrom, the same layers wider: the stage grows the trained
     * network (widenWeights) and trains on.
     */
    architecture: z
      .object({ layers: z.array(Layer).min(1), dropout: z.number().min(0).max(0.9) })
      .strict()
      .optional(),
    /** Options of the recipe's data source that differ in this stage (merged over the recipe's). */
    data: z.record(z.string(), z.unknown()).default({}),
    /** The modality's training augmentation (speech: { wave, specAugment }; ink: augmentInk's options). */
    augment: z.unknown(),
    epochs: z.number().int().positive(),
    /** Stop after this many minutes even if epochs remain (the stage counts as finished). */
    minutes: z.number().positive().optional(),
    batchSize: z.number().int().positive(),
    learningRate: z.object({ peak: z.number().positive(), warmupSteps: z.number().int().min(0) }),
    checkpointEvery: z.number().int().positive(),
    seed: z.number().int().default(1),
    /** Epochs fed shortest-first before shuffling (SortaGrad). */
    sortaGradEpochs: z.number().int().min(0).optional(),
  })
  .strict();

export const Recipe = z
  .object({
    /** The model the recipe makes (assets/models/<model>.vbm when it is published). */
    model: name,
    modality: z.enum(['speech', 'ink']),
    description: z.string(),
    /** The data source (data-sources.ts) and its options, for every stage. */
    data: z.object({ source: z.string() }).catchall(z.unknown()),
    /**
     * What the last stage's model becomes: measured on held-out data by this
     * evaluation (publish.ts) and written to assets/. Absent: the model stays in the cache.
     */
    publish: z
      .object({
        evaluation: z.string(),
        role: z.enum(['speech', 'digits', 'letters', 'words']),
        description: z.string(),
        /** What the model recognizes, said for people (models.json `domain`, "What can I say?"). */
        domain: z.string().optional(),
        /** A broad model of English (models.json `broad`): its LM's words are a dictionary it prefers. */
        broad: z.boolean().optional(),
        /** The most the shipped files (network, LM, lexicon) may weigh together, in MB. */
        maxMegabytes: z.number().positive().optional(),
        /**
         * How the .vbm stores the weights: float16 halves the file (read back
         * as float32; the metrics are measured on the float16 weights). Default float32.
         */
        weights: z.enum(['float32', 'float16']).optional(),
        /** Options of the evaluation (publish.ts), e.g. how many utterances a measure reads. */
        options: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .optional(),
    stages: z.array(Stage).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.stages.forEach((s, i) => {
      const issue = (message: string) =>
        ctx.addIssue({ code: 'custom', path: ['stages', i], message });
      if (seen.has(s.name)) issue(`stage name "${s.name}" is used twice`);
      if (s.initFrom === null && !s.architecture)
        issue(`stage "${s.name}" starts fresh (initFrom null) but has no architecture`);
      if (s.initFrom !== null && !s.initFrom.includes('/') && !seen.has(s.initFrom))
        issue(`stage "${s.name}" starts from "${s.initFrom}", which is not an earlier stage`);
      seen.add(s.name);
    });
  });

export type Recipe = z.infer<typeof Recipe>;
export type Stage = z.infer<typeof Stage>;

/** Where the checked-in recipes are. */
export const recipesDir = fileURLToPath(new URL('./models/', import.meta.url));

/** A recipe by model name (scripts/recipes/models/<name>.json) or by path; errors name the file and field. */
export function readRecipe(nameOrPath: string): Recipe {
  const path = existsSync(resolve(nameOrPath))
    ? resolve(nameOrPath)
    : join(recipesDir, `${nameOrPath}.json`);
  if (!existsSync(path))
    throw new Error(
      `no recipe "${nameOrPath}": give a model name of ${recipesDir} or a recipe file`,
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not readable JSON (${(err as Error).message})`);
  }
  const parsed = Recipe.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `${path}: not a recipe: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
