/**
 * Writes the handwritten-words lexicon (with its licence) and character LM
 * from a recipe's training labels (scripts/recipes/ink-words-lexicon.ts), as
 * the recipe's publishing would, without training: for the shipped model
 * when the data grows. The held-out writers' labels are never read into it.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../engine/node/index';
import { writeAsset } from './recipes/assets';
import { writeInkWordsDecoding } from './recipes/ink-words-lexicon';
import { readRecipe } from './recipes/recipe';
import { parseScriptArgs } from './script-args';
import { loadUnipenComplete, UnipenCompleteOptions } from './recipes/unipen-source';

const USAGE =
  'usage: npx tsx scripts/ink-words-lexicon.ts [--recipe ink-words] [--out DIR (default assets/)]';

const { values } = parseScriptArgs(USAGE, {
  recipe: { type: 'string', default: 'ink-words' },
  out: { type: 'string' },
});
const recipe = readRecipe(values.recipe);
// The first stage's data without synthetic ink: only the written labels count.
const options = UnipenCompleteOptions.parse({
  ...recipe.data,
  ...recipe.stages[0].data,
  syntheticWords: undefined,
  syntheticLines: undefined,
});
const log = (message: string) => console.error(`[ink-words-lexicon] ${message}`);
const { trainLabels, trainWords } = loadUnipenComplete(options, log);
const out = values.out ? resolve(values.out) : undefined;
const write = out
  ? (relative: string, text: string) => {
      const path = join(out, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, text);
      return path;
    }
  : writeAsset;
const { words, lexiconPath, charLmPath } = writeInkWordsDecoding(trainLabels, trainWords, write);
log(`${words.length} lexicon words: ${lexiconPath}; character LM: ${charLmPath}`);
