// A browser-mode server per test worker (see server-process.ts), with its own
// empty VERBATIM_HOME.
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from './server-process';

export type VerbatimServer = ServerProcess;

export const test = base.extend<object, { server: VerbatimServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const home = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'));
      const server = await spawnServer(home);
      await use(server);
      server.child.kill('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect } from '@playwright/test';
