import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { filesUnder } from '../io/list-files';

/**
 * Expands INPUT arguments to absolute paths: files as given (a missing one is kept, so the
 * command reports it), folders to the files below them with one of `extensions`.
 */
export function expandInputs(inputs: string[], extensions: string[]): string[] {
  return inputs.flatMap((input) => {
    const path = resolve(input);
    return existsSync(path) && statSync(path).isDirectory() ? filesUnder(path, extensions) : [path];
  });
}
