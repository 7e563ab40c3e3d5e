// Where things live on disk, for both adapters.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Fixes VERBATIM_HOME for this process (the engine's model store and the
 * services read it): the environment's value, else the given default
 * (Electron's userData folder, or ~/.verbatim). Returns it.
 */
export function settleHome(env: NodeJS.ProcessEnv, fallback = join(homedir(), '.verbatim')) {
  const home = env.VERBATIM_HOME?.trim() || fallback;
  env.VERBATIM_HOME = home;
  return home;
}

export function projectVersion(projectRoot: string): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}
