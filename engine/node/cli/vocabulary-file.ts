import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseVocabulary,
  spellVocabulary,
  VocabularyError,
  type VocabularyEntry,
} from '../../index';
import { readModelFileHeader } from '../index';

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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `vocabulary file ${path} does not exist`
        : `cannot read vocabulary file ${path}: ${(e as Error).message}`,
    );
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
