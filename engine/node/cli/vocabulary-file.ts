import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseVocabulary,
  spellVocabulary,
  VocabularyError,
  type VocabularyEntry,
} from '../../index';
import { readModelFileHeader } from '../index';

/**
 * Reads `--vocabulary FILE` for a model: the entries of the file, checked
 * against what the model can write. Every refusal names the file, and the
 * line for a bad weight or a character the model's alphabet lacks.
 */
export function readVocabularyFile(file: string, modelPath: string): VocabularyEntry[] {
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
    const { entries, lines } = parseVocabulary(text);
    try {
      spellVocabulary(readModelFileHeader(modelPath).alphabet, entries);
    } catch (e) {
      if (!(e instanceof VocabularyError)) throw e;
      throw new VocabularyError(lines[e.line - 1], e.reason);
    }
    return entries;
  } catch (e) {
    if (!(e instanceof VocabularyError)) throw e;
    throw new Error(`vocabulary file ${path}, ${e.message}`);
  }
}
