import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';

const buildScript = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));

describe('loadBestKernels', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [buildScript, '--if-stale'], { stdio: 'inherit' });
  });

  it('loads the WASM kernels in a worker thread, synchronously', async () => {
    // The worker registers tsx itself (see spawn-worker.ts for why) and runs a 2×2 product.
    const code = `
      import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
      import { parentPort } from 'node:worker_threads';
      register();
      const { loadBestKernels } = await import(${JSON.stringify(new URL('./load-kernels.ts', import.meta.url).href)});
      const k = loadBestKernels((why) => parentPort.postMessage({ fallback: why }));
      const A = k.alloc(4);
      A.set([1, 2, 3, 4]);
      const C = k.alloc(4);
      k.gemm(false, false, 2, 2, 2, A, A, 0, C);
      parentPort.postMessage({ name: k.name, C: [...C] });
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    try {
      const message = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(message).toEqual({ name: expect.stringMatching(/^wasm-/), C: [7, 10, 15, 22] });
    } finally {
      await worker.terminate();
    }
  });
});
