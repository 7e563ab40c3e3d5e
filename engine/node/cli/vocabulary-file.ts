import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseVocabulary,
  spellVocabulary,
  vocabularyFileText,
  VocabularyError,
  vocabularySizeProblem,
  type VocabularyEntry,
} from '../../index';
import { readModelFileHeader } from '../index';
import { UsageError } from './usage-error';

/**
 * Refuses `--vocabulary` with `--lm` or `--lexicon`: a closed vocabulary
 * takes the place of the model's lexicon and word LM, so they would be ignored.
 */
export function checkVocabularyFlags(
  values: { vocabulary?: string; lm?: string; lexicon?: string },
  usage: string,
): void {
  const others = (['lm', 'lexicon'] as const).filter((f) => values[f] !== undefined);
  if (values.vocabulary !== undefined && others.length > 0)
    throw new UsageError(
      `--vocabulary takes the place of the LM and the lexicon: drop ${others.map((f) => `--${f}`).join(' and ')} (or, to favour words in open dictation, use --hotword)`,
      usage,
    );
}

/** A `--vocabulary FILE` read: its entries and the line of each, for errors. */
export interface VocabularyFile {
  path: string;
  entries: VocabularyEntry[];
  lines: number[];
}

/**
 * Reads `--vocabulary FILE`: one word or phrase a line, `#` comments,
 * WORD:WEIGHT. Every refusal names the file, and the line of a bad weight.
 */
export function readVocabularyFile(file: string): VocabularyFile {
  const path = resolve(file);
  const refusal = (why: string) => new Error(`vocabulary file ${path} ${why}`);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw refusal('is a folder: give a text file of words');
    const tooBig = vocabularySizeProblem(stat.size);
    if (tooBig) throw refusal(tooBig);
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw code === 'ENOENT'
      ? refusal('does not exist')
      : new Error(`cannot read vocabulary file ${path}: ${(e as Error).message}`);
  }
  let text: string;
  try {
    text = vocabularyFileText(bytes);
  } catch (e) {
    throw refusal((e as Error).message);
  }
  try {
    return { path, ...parseVocabulary(text) };
  } catch (e) {
    if (!(e instanceof VocabularyError)) throw e;
    throw new Error(`vocabulary file ${path}, ${e.message}`);
  }
}

/**
 * The entries of a vocabulary file checked against what a model can write;
 * a refusal names the file, the line and the characters the model lacks.
 */
export function vocabularyForModel(file: VocabularyFile, modelPath: string): VocabularyEntry[] {
  try {
    spellVocabulary(readModelFileHeader(modelPath).alphabet, file.entries);
  } catch (e) {
    if (!(e instanceof VocabularyError)) throw e;
    throw new Error(`vocabulary file ${file.path}, line ${file.lines[e.line - 1]}: ${e.reason}`);
  }
  return file.entries;
}

/**
 * The `--vocabulary FILE` of a handwriting command, read and checked against
 * the model's characters, or null without the flag (refused beside
 * `--lexicon`, which it replaces).
 */
export function inkVocabulary(
  values: { vocabulary?: string; lexicon?: string },
  modelPath: string,
  usage: string,
): VocabularyEntry[] | null {
  checkVocabularyFlags(values, usage);
  if (values.vocabulary === undefined) return null;
  return vocabularyForModel(readVocabularyFile(values.vocabulary), modelPath);
}
