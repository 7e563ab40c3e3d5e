import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';
import {
  createWasmKernelsSync,
  type WasmKernelOptions,
  type WasmKernels,
} from '../kernels/wasm/wasm-kernels';

/** Where scripts/build-wasm.mjs writes the kernels module. */
export const wasmKernelsPath = fileURLToPath(
  new URL('../kernels/wasm/build/kernels.wasm', import.meta.url),
);

export interface LoadWasmKernelsOptions extends WasmKernelOptions {
  /** The .wasm file (default: wasmKernelsPath). */
  path?: string;
}

const compiled = new Map<string, WebAssembly.Module>();

/** Reads, compiles (once per file and thread) and instantiates the WASM SIMD kernels; throws when unavailable. */
export function loadWasmKernels(options: LoadWasmKernelsOptions = {}): WasmKernels {
  const path = options.path ?? wasmKernelsPath;
  let module = compiled.get(path);
  if (!module) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new Error(
        `WASM kernels not built: ${path} is missing; run 'node scripts/build-wasm.mjs' (or 'npm run setup')`,
      );
    }
    module = new WebAssembly.Module(bytes);
    compiled.set(path, module);
  }
  return createWasmKernelsSync(module, options);
}

let best: Kernels | undefined;

/**
 * The fastest kernels available in this thread: the WASM SIMD kernels, or the
 * TypeScript reference when they cannot load (not built, no SIMD or shared
 * memory); `onFallback` hears why. One instance per thread, so arrays from its
 * `alloc` are zero-copy for every caller.
 */
export function loadBestKernels(onFallback?: (reason: string) => void): Kernels {
  if (!best) {
    try {
      best = loadWasmKernels();
    } catch (err) {
      onFallback?.((err as Error).message);
      best = referenceKernels;
    }
  }
  return best;
}
