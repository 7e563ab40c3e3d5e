// A browser-mode server per test worker, started like `npm start` does (tsx
// src-main/server/main.ts) on a free port, with its own empty VERBATIM_HOME.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths';

export interface VerbatimServer {
  url: string;
  port: number;
  /** Everything the server printed on stderr so far. */
  logs(): string;
}

const READY = /^Verbatim is running at (http:\/\/127\.0\.0\.1:(\d+))$/m;

async function startServer(home: string): Promise<{ server: VerbatimServer; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'src-main/server/main.ts'), '--port', '0'],
    {
      cwd: projectRoot,
      env: { ...process.env, VERBATIM_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = READY.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
  });
  return { child, server: { url: url[1]!, port: Number(url[2]), logs: () => stderr } };
}

export const test = base.extend<object, { server: VerbatimServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const home = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'));
      const { server, child } = await startServer(home);
      await use(server);
      child.kill('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect } from '@playwright/test';
