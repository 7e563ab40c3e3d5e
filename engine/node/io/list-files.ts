import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively) whose name passes `keep`, sorted by path so runs are reproducible. */
export function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && keep(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Files under `dir` whose names end with one of `extensions` (any case), sorted. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return listFiles(dir, (name) => extensions.some((x) => name.toLowerCase().endsWith(x)));
}
