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

let compiled: WebAssembly.Module | undefined;

/** Reads, compiles (once per thread) and instantiates the WASM SIMD kernels; throws when unavailable. */
export function loadWasmKernels(options: WasmKernelOptions = {}): WasmKernels {
  if (!compiled) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(wasmKernelsPath);
    } catch {
      throw new Error(
        `WASM kernels not built: ${wasmKernelsPath} is missing; run 'node scripts/build-wasm.mjs' (or 'npm run setup')`,
      );
    }
    compiled = new WebAssembly.Module(bytes);
  }
  return createWasmKernelsSync(compiled, options);
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
