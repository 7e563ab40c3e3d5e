// A browser-mode server per test worker (see server-process.ts), with its own
// empty VERBATIM_HOME. The specs of a worker share it, one after another; a spec
// that needs the home empty when it starts says `test.use({ emptyHome: true })`,
// which gives it a worker (and a server) of its own.
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from './server-process';

export type VerbatimServer = ServerProcess;

export const test = base.extend<object, { server: VerbatimServer; emptyHome: boolean }>({
  emptyHome: [false, { scope: 'worker', option: true }],
  server: [
    async ({ emptyHome: _ }, use) => {
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
