import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from './spawn-worker';

const firstMessage = (w: Worker) =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });

describe('spawnWorker', () => {
  it('runs a TypeScript worker through tsx and a built .mjs worker as is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-spawn-'));
    try {
      const ts = join(dir, 'echo.mts');
      writeFileSync(
        ts,
        "import { parentPort, workerData } from 'node:worker_threads';\n" +
          'const n: number = workerData;\nparentPort!.postMessage(n * 2);\n',
      );
      const js = join(dir, 'echo.mjs');
      writeFileSync(
        js,
        "import { parentPort, workerData } from 'node:worker_threads';\n" +
          'parentPort.postMessage(workerData + 1);\n',
      );
      const a = spawnWorker(pathToFileURL(ts), { workerData: 21 });
      const b = spawnWorker(pathToFileURL(js), { workerData: 41 });
      expect(await Promise.all([firstMessage(a), firstMessage(b)])).toEqual([42, 42]);
      await Promise.all([a.terminate(), b.terminate()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a worker module that fails to load through the error event', async () => {
    const w = spawnWorker(new URL('./no-such-worker.ts', import.meta.url));
    await expect(firstMessage(w)).rejects.toThrow(/no-such-worker/);
  });

  it('rejects URLs that are not files', () => {
    expect(() => spawnWorker(new URL('https://example.com/w.js'))).toThrow(/file: URL/);
  });
});
