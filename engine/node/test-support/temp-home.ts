import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A fresh VERBATIM_HOME (datasets, models, runs) for the calling test file: set before its
 * tests run, then the previous value is restored and the folder removed.
 */
export function useTempHome(prefix: string): string {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const previous = process.env.VERBATIM_HOME;
  beforeAll(() => {
    process.env.VERBATIM_HOME = home;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.VERBATIM_HOME;
    else process.env.VERBATIM_HOME = previous;
    rmSync(home, { recursive: true, force: true });
  });
  return home;
}
