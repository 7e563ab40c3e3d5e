import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module URL. A built .js/.mjs file runs as is.
 * A TypeScript file runs through tsx: Node 20 does not apply `--import tsx`
 * from a worker's execArgv to the worker's own entry module, so the worker
 * starts from a tiny ES module (a data: URL) that registers tsx's loader in
 * that thread and then imports the real entry.
 */
export function spawnWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (url.protocol !== 'file:') {
    throw new TypeError(`spawnWorker needs a file: URL to a worker module, got ${url.href}`);
  }
  if (!/\.[cm]?tsx?$/.test(url.pathname)) return new Worker(url, options);
  let tsxApi: string;
  try {
    tsxApi = import.meta.resolve('tsx/esm/api');
  } catch (err) {
    throw new Error(
      `cannot start the TypeScript worker ${url.pathname}: the 'tsx' package is not resolvable (${(err as Error).message}); install it or run a built .js worker`,
    );
  }
  const bootstrap =
    `import { register } from ${JSON.stringify(tsxApi)};\n` +
    `register();\n` +
    `await import(${JSON.stringify(url.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
