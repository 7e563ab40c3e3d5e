// Where things live on disk, for both adapters.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** VERBATIM_HOME, else the given default (Electron's userData, or ~/.verbatim). */
export function resolveHome(env: NodeJS.ProcessEnv, fallback = join(homedir(), '.verbatim')) {
  const fromEnv = env.VERBATIM_HOME?.trim();
  return fromEnv ? fromEnv : fallback;
}

export function projectVersion(projectRoot: string): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}
