/**
 * The `unipen-complete` data source (issue 20): the complete UNIPEN data with
 * the checked-in held-out labs and writers (unipen-heldout.json), so every ink
 * model is measured on the same people. Besides the old source's categories it
 * reads 1d (punctuation), 2 and 3 (characters, and characters cut from words)
 * under the model's charset, 8 (text lines) for a charset with a space, and
 * makes synthetic lines from training writers' words joined with word gaps.
 */
import { z } from 'zod';
import {
  composeLine,
  dedupeSegments,
  type Ink,
  seededRandom,
  type UnipenSegment,
  writerKey,
} from '../../engine/index';
import { loadUnipenCategory, sharedUnipenRoot } from '../../engine/node/index';
import { synthesizeWordInk } from './ink-synth-words';
import { type HeldOut, heldOutTest, readHeldOut } from './unipen-split';

const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const COMPLETE_CHARSETS = {
  digits: '0123456789',
  upper: UPPER,
  lower: UPPER.toLowerCase(),
  letters: UPPER + UPPER.toLowerCase(),
  printable: PRINTABLE,
  /** Printable ASCII and the space: a model that reads lines and finds word boundaries itself. */
  'printable-space': ` ${PRINTABLE}`,
} as const;

/** Single characters (isolated, mixed, in context, punctuation). */
const CHARACTER_CATEGORIES = new Set(['1a', '1b', '1c', '1d', '2', '3']);

/** Synthetic words written with training writers' isolated characters (ink-synth-words.ts). */
export const SyntheticWordsOptions = z.object({
  count: z.number().int().min(0),
  seed: z.number().int(),
  /** Share written joined up, as cursive (0–1). */
  cursive: z.number().min(0).max(1).default(0),
  /** Share of the letter words ending in a punctuation mark of the writer's (0–1; needs category 1d). */
  punctuation: z.number().min(0).max(1).default(0),
});

export const UnipenCompleteOptions = z
  .object({
    source: z.literal('unipen-complete'),
    /** Read in this order; a segment repeated in a later category (6 in 7, 1a-1d in 2) counts once. */
    categories: z.array(z.enum(['1a', '1b', '1c', '1d', '2', '3', '6', '7', '8'])).min(1),
    charset: z.enum(['digits', 'upper', 'lower', 'letters', 'printable', 'printable-space']),
    /** Categories whose held-out samples are the validation set (default: all of `categories`). */
    validCategories: z.array(z.string()).optional(),
    /** With words: keep every n-th single character, so words dominate. */
    isolatedCharactersEvery: z.number().int().positive().default(1),
    syntheticWords: SyntheticWordsOptions.strict().optional(),
    /**
     * Training text (category 8) longer than this many characters is left out:
     * a few segments are whole paragraphs (up to 230 words), which would pad
     * every batch they fall in. Held-out text is scored whatever its length.
     */
    maxTrainTextLength: z.number().int().positive().default(100),
    /** Synthetic lines: 2-5 words of one training writer (categories 6/7) joined with word gaps. */
    syntheticLines: z
      .object({ count: z.number().int().min(0), seed: z.number().int() })
      .strict()
      .optional(),
  })
  .strict();
export type UnipenCompleteOptions = z.infer<typeof UnipenCompleteOptions>;

/** A label as the model writes it: runs of whitespace in a text line become one space. */
const asWritten = (label: string, charset: string) =>
  charset.includes(' ') ? label.replace(/\s+/g, ' ').trim() : label;

export interface UnipenCompleteData {
  train: { ink: Ink; label: string }[];
  /** Held-out samples with their UNIPEN category (the words evaluation scores text lines, 8, apart). */
  valid: { ink: Ink; label: string; category: string }[];
  charset: string;
  /** Every training label (characters too) and the words of the word and line categories, lines cut at spaces. */
  trainLabels: string[];
  trainWords: string[];
  counts: Record<string, unknown>;
}

/** `where`: another UNIPEN root and held-out choice than the shared data's (tests). */
export function loadUnipenComplete(
  o: UnipenCompleteOptions,
  log: (message: string) => void,
  where: { root?: string; heldOut?: HeldOut } = {},
): UnipenCompleteData {
  const root = where.root ?? sharedUnipenRoot();
  if (!root) throw new Error('UNIPEN data not found: set VERBATIM_DATA_DIR (see README)');
  const charset = COMPLETE_CHARSETS[o.charset];
  const held = heldOutTest(where.heldOut ?? readHeldOut());
  let skipped = 0;
  const fits = (label: string) => label !== '' && [...label].every((c) => charset.includes(c));
  const all = dedupeSegments(
    o.categories.flatMap((category) =>
      loadUnipenCategory(root, category, { onSkip: () => skipped++ })
        .filter((s) => s.quality !== 'BAD' && s.label !== 'XXX')
        .map((s) => ({ ...s, category, label: asWritten(s.label, charset) }))
        .filter((s) => fits(s.label)),
    ),
  );
  let k = 0;
  const samples =
    o.isolatedCharactersEvery > 1
      ? all.filter(
          (s) => !CHARACTER_CATEGORIES.has(s.category) || k++ % o.isolatedCharactersEvery === 0,
        )
      : all;
  const validCategories = new Set(o.validCategories ?? o.categories);
  const train = samples.filter(
    (s) => !held(s) && (s.category !== '8' || s.label.length <= o.maxTrainTextLength),
  );
  const valid = samples.filter((s) => held(s) && validCategories.has(s.category));
  const isWords = (s: UnipenSegment) => !CHARACTER_CATEGORIES.has(s.category);
  const trainWords = train.filter(isWords).flatMap((s) => s.label.split(' '));
  log(
    `${samples.length} samples from ${o.categories.join(', ')} (${skipped} skipped by the reader): ${train.length} train, ${valid.length} held out`,
  );

  const synthetic: { ink: Ink; label: string }[] = [];
  if (o.syntheticWords && o.syntheticWords.count > 0) {
    const { count, seed, cursive, punctuation } = o.syntheticWords;
    // Only training writers lend their characters; their punctuation (1d) when it is asked for.
    const lent = ['1a', '1b', '1c', ...(punctuation > 0 ? ['1d'] : [])];
    const chars = all.filter((s) => lent.includes(s.category) && !held(s));
    synthetic.push(...synthesizeWordInk(chars, trainWords, count, seed, { cursive, punctuation }));
    log(`synthesized ${count} words from ${chars.length} training characters`);
  }
  if (o.syntheticLines && o.syntheticLines.count > 0) {
    if (!charset.includes(' '))
      throw new Error('syntheticLines needs a charset with a space (printable-space)');
    synthetic.push(...syntheticLines(train.filter(isWords), o.syntheticLines));
    log(`joined ${o.syntheticLines.count} synthetic lines from training writers' words`);
  }
  const perCategory = (items: (typeof samples)[number][]) =>
    Object.fromEntries(o.categories.map((c) => [c, items.filter((s) => s.category === c).length]));
  return {
    train: [...train, ...synthetic],
    valid: valid.map((s) => ({ ink: s.ink, label: s.label, category: s.category })),
    charset,
    // Words, not lines: a lexicon entry cannot hold the word delimiter.
    trainLabels: train.flatMap((s) => s.label.split(' ')),
    trainWords,
    counts: {
      categories: o.categories,
      heldOut: 'scripts/recipes/unipen-heldout.json',
      train: perCategory(train),
      validation: perCategory(valid),
      synthetic: synthetic.length,
      readerSkips: skipped,
    },
  };
}

/** Lines of 2-5 words, each line from one writer's single words, in a seeded order. */
function syntheticLines(
  words: readonly UnipenSegment[],
  o: { count: number; seed: number },
): { ink: Ink; label: string }[] {
  const random = seededRandom(o.seed);
  const byWriter = new Map<string, UnipenSegment[]>();
  for (const w of words) {
    if (w.label.includes(' ')) continue;
    const key = `${writerKey(w.lab, w.writer)}\u0000${w.penFile}`;
    byWriter.set(key, [...(byWriter.get(key) ?? []), w]);
  }
  const hands = [...byWriter.values()].filter((ws) => ws.length >= 2);
  const out: { ink: Ink; label: string }[] = [];
  if (hands.length === 0) return out;
  while (out.length < o.count) {
    const hand = hands[Math.floor(random() * hands.length)];
    const n = Math.min(hand.length, 2 + Math.floor(random() * 4));
    const chosen = Array.from({ length: n }, () => hand[Math.floor(random() * hand.length)]);
    out.push({
      ink: composeLine(
        chosen.map((w) => w.ink),
        random,
      ),
      label: chosen.map((w) => w.label).join(' '),
    });
  }
  return out;
}
