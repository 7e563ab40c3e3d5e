import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The loader is platform-free: this runs it, unbundled, in a module Web Worker
// of real Chromium, which is where the browser mode would use it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping the browser-worker test: no Chromium at ${CHROMIUM}`);

const engineDir = fileURLToPath(new URL('../../', import.meta.url));
const wasmFile = fileURLToPath(new URL('./build/kernels.wasm', import.meta.url));
const buildScript = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));

const WORKER = `
import { createWasmKernels } from '/engine/kernels/wasm/wasm-kernels';
const bytes = await (await fetch('/kernels.wasm')).arrayBuffer();
const k = await createWasmKernels(bytes);
const A = k.alloc(6); A.set([1, 2, 3, 4, 5, 6]);       // [2, 3]
const B = new Float32Array([1, 0, 0, 1, 1, 1]);         // [3, 2], copied in
const C = k.alloc(4);
k.gemm(false, false, 2, 2, 3, A, B, 0, C);
const big = k.alloc(4 << 20);                            // grows the memory
big[0] = 1;
const gates = new Float32Array([0, 0, 0, 0]);
const c = new Float32Array(1), h = new Float32Array(1);
k.lstmCellForward(1, 1, gates, null, c, h);
postMessage({ name: k.name, C: [...C], stillValid: A[5], gates: [...gates], c: c[0] });
`;

const PAGE = `<!doctype html><script type="module">
const w = new Worker('/worker.js', { type: 'module' });
window.result = new Promise((resolve, reject) => {
  w.onmessage = (e) => resolve(e.data);
  w.onerror = (e) => reject(new Error(e.message));
});
</script>`;

/** Serves the page, the worker, the .wasm and the engine's TypeScript sources as JS. */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    // Cross-origin isolation is what makes SharedArrayBuffer (shared WASM memory) available.
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { ...headers, 'Content-Type': type });
      res.end(body);
    };
    if (url === '/') return send('text/html', PAGE);
    if (url === '/worker.js') return send('text/javascript', WORKER);
    if (url === '/kernels.wasm') return send('application/wasm', readFileSync(wasmFile));
    const source = `${engineDir}${url.replace(/^\/engine\//, '')}.ts`;
    if (url.startsWith('/engine/') && !url.includes('..') && existsSync(source)) {
      const js = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      return send('text/javascript', js);
    }
    res.writeHead(404, headers);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!hasChromium)('WASM kernels in a browser worker', () => {
  let server: Server;
  beforeAll(async () => {
    execFileSync(process.execPath, [buildScript, '--if-stale'], { stdio: 'inherit' });
    server = await serve();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('load in Chromium, compute, and keep views valid across memory growth', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      const { port } = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      const result = await page.evaluate(
        () => (globalThis as unknown as { result: unknown }).result,
      );
      expect(result).toEqual({
        name: 'wasm-simd',
        C: [4, 5, 10, 11],
        stillValid: 6,
        gates: [0.5, 0.5, 0, 0.5],
        c: 0,
      });
    } finally {
      await browser.close();
    }
  });
});
