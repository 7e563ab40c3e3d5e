/**
 * A stage of the broad English speech model's recipe, as data
 * (assets/stages/speech-broad-<n>.json): which corpus shards, how real speech
 * is mixed in, the network, the schedule and the augmentation. Checked with
 * zod so a wrong file is refused with the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const range = z.tuple([z.number(), z.number()]);

export const BroadStage = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string(),
    /** The stage whose final weights this one starts from (by name), or null for a fresh network. */
    initFrom: z.string().nullable(),
    corpus: z
      .object({
        seed: z.number().int(),
        split: z.literal('train'),
        /** The first `shards` shards of the split (shard content depends only on seed and index). */
        shards: z.number().int().positive(),
      })
      .strict(),
    real: z
      .object({
        /** Probability that a training draw is a real recording instead of a synthetic one. */
        probability: z.number().min(0).max(1),
        fsddHeldOut: z.string(),
      })
      .strict(),
    architecture: z
      .object({
        layers: z.number().int().positive(),
        hidden: z.number().int().positive(),
        dropout: z.number().min(0).max(0.9),
      })
      .strict(),
    training: z
      .object({
        epochs: z.number().int().positive(),
        batchSize: z.number().int().positive(),
        peak: z.number().positive(),
        warmupSteps: z.number().int().nonnegative(),
        sortaGradEpochs: z.number().int().nonnegative(),
        checkpointEvery: z.number().int().positive(),
        seed: z.number().int(),
      })
      .strict(),
    augment: z
      .object({
        real: z
          .object({
            cropProbability: z.number(),
            cropMs: range,
            padProbability: z.number(),
            padMs: range,
            speed: range,
            gainDb: range,
            noiseProbability: z.number(),
            snrDb: range,
            bandLimitProbability: z.number(),
            bandLimitHz: z.number(),
          })
          .strict(),
        specAugment: z
          .object({
            freqMasks: z.number().int(),
            maxFreqWidth: z.number().int(),
            timeMasks: z.number().int(),
            maxTimeWidth: z.number().int(),
            maxTimeFraction: z.number(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type BroadStage = z.infer<typeof BroadStage>;

/** Reads and checks a stage file; the error names the file and the wrong fields. */
export function readStage(path: string): BroadStage {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not readable JSON (${(err as Error).message})`);
  }
  const parsed = BroadStage.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `${path}: not a broad speech stage: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
