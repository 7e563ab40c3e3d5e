import { isAbsolute, relative, resolve } from 'node:path';

/** Whether `path` lies inside the folder `dir` (not `dir` itself), whether or not it exists. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
