// Build freshness for the setup scripts: a file's modification time (0 when
// missing) and whether any input is newer than what was built from it.
import { existsSync, statSync } from 'node:fs';

export const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

/** True when `output` is missing or older than one of `inputs`. */
export function isStale(output, inputs) {
  const built = mtime(output);
  return inputs.some((f) => mtime(f) > built);
}
