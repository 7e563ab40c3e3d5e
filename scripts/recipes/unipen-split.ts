/**
 * The held-out part of the complete UNIPEN data, fixed once for every ink
 * model (issue 20): whole labs plus a seeded share of the other labs' writers,
 * chosen over all categories at once so that a person held out for words is
 * held out for digits, letters and text lines too. The choice is checked in
 * as unipen-heldout.json (written by scripts/ink-unipen-split.ts), so it does
 * not move when code or data order changes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { splitByWriter, writerKey } from '../../engine/index';

export const HeldOut = z
  .object({
    description: z.string(),
    /** Labs held out whole (and their writers wherever else they wrote). */
    heldOutLabs: z.array(z.string()).min(1),
    /** Share of the other labs' samples (all categories) held out, by whole writers. */
    validationFraction: z.number().min(0).max(1),
    seed: z.number().int(),
    /** Every held-out writer key (writerKey: `lab/id`, CENPARMI labs as `ce/id`), sorted. */
    writers: z.array(z.string()),
    /** Held-out / training samples per category when the file was written (for the record). */
    counts: z.record(z.string(), z.object({ heldOut: z.number(), train: z.number() })),
  })
  .strict();
export type HeldOut = z.infer<typeof HeldOut>;

export const heldOutPath = fileURLToPath(new URL('./unipen-heldout.json', import.meta.url));

export function readHeldOut(path = heldOutPath): HeldOut {
  const parsed = HeldOut.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Is this sample's writer (or lab) held out? Writers not in the file count as training writers. */
export function heldOutTest(h: HeldOut): (s: { lab: string; writer: string }) => boolean {
  const labs = new Set(h.heldOutLabs.map((l) => l.toLowerCase()));
  const writers = new Set(h.writers);
  return (s) => labs.has(s.lab.toLowerCase()) || writers.has(writerKey(s.lab, s.writer));
}

/** Chooses the held-out writers over samples of every category (deduplicated beforehand). */
export function chooseHeldOut(
  samples: readonly { lab: string; writer: string; category: string }[],
  options: { description: string; heldOutLabs: string[]; validationFraction: number; seed: number },
): HeldOut {
  const split = splitByWriter(samples, {
    validationFraction: options.validationFraction,
    heldOutLabs: options.heldOutLabs,
    seed: options.seed,
  });
  const h: HeldOut = { ...options, writers: split.validationWriters, counts: {} };
  const held = heldOutTest(h);
  for (const s of samples) {
    const c = (h.counts[s.category] ??= { heldOut: 0, train: 0 });
    if (held(s)) c.heldOut++;
    else c.train++;
  }
  return h;
}
