import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../kernels/reference';
import { loadNativeKernels } from '../native/native-kernels';
import { kernelBackends } from '../test-support/kernel-backends';
import { kernelChoiceFromEnv, loadBestKernels, selectKernels } from './load-kernels';

// Builds both WASM variants and the native addon when stale; says which cannot exist here.
const { backends, unavailable } = kernelBackends();
const nativeBuilt = backends.some((b) => b.backend.startsWith('native'));
for (const reason of unavailable) console.warn(`kernels unavailable here: ${reason}`);

/** Runs loadBestKernels and a 2×2 product in a fresh worker thread (tsx registered there). */
async function productInWorker(): Promise<unknown> {
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
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('loadBestKernels', () => {
  it('prefers the native kernels, then relaxed-SIMD WASM, then SIMD128 WASM', () => {
    expect(loadBestKernels().name).toBe(nativeBuilt ? 'native-avx2' : backends.at(-1)!.load().name);
  });

  it('loads the best kernels synchronously in two worker threads at once (the addon is context-aware)', async () => {
    const name = loadBestKernels().name;
    const messages = await Promise.all([productInWorker(), productInWorker()]);
    for (const message of messages) expect(message).toEqual({ name, C: [7, 10, 15, 22] });
  });

  it('starts from the family VERBATIM_KERNELS names and rejects other values', () => {
    expect(kernelChoiceFromEnv(undefined)).toBeUndefined();
    expect(kernelChoiceFromEnv('')).toBeUndefined();
    expect(kernelChoiceFromEnv('wasm')).toBe('wasm');
    expect(() => kernelChoiceFromEnv('gpu')).toThrow(
      /VERBATIM_KERNELS must be one of native, wasm, reference, got 'gpu'/,
    );
    expect(selectKernels('wasm').name).toMatch(/^wasm-/);
    expect(selectKernels('reference')).toBe(referenceKernels);
  });

  it('says why the native addon cannot load and how to build it', () => {
    expect(() => loadNativeKernels('/nonexistent/verbatim-kernels.node')).toThrow(
      /native kernels not built or not loadable: .*run 'node scripts\/build-native.mjs'/,
    );
  });
});
