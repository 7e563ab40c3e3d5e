import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  MAX_VOCABULARY_ENTRIES,
  parseVocabulary,
  spellVocabulary,
  VocabularyError,
  type VocabularyEntry,
} from '../../index';
import { readModelFileHeader } from '../index';

/** Bigger files are refused before they are read: 20,000 entries of phrases fit in far less. */
const MAX_VOCABULARY_BYTES = 4_000_000;

/** The bytes as UTF-8 text, or null when they are not (invalid UTF-8, or a NUL: UTF-16, binary). */
function utf8Text(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
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
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory())
      throw new Error(`vocabulary file ${path} is a folder: give a text file of words`);
    if (statSync(path).size > MAX_VOCABULARY_BYTES)
      throw new Error(
        `vocabulary file ${path} is over ${MAX_VOCABULARY_BYTES / 1e6} MB: a vocabulary lists the words you need (at most ${MAX_VOCABULARY_ENTRIES}), one a line`,
      );
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new Error(
      code === 'ENOENT'
        ? `vocabulary file ${path} does not exist`
        : `cannot read vocabulary file ${path}: ${(e as Error).message}`,
    );
  }
  const text = utf8Text(bytes);
  if (text === null)
    throw new Error(
      `vocabulary file ${path} is not UTF-8 text${bytes.includes(0) ? ' (it holds binary data or UTF-16)' : ''}: save it as plain UTF-8 text, one word or phrase a line`,
    );
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
