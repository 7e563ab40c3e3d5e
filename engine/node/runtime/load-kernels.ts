import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { Kernels } from '../../kernels/kernels';
import { referenceKernels } from '../../kernels/reference';
import {
  createWasmKernelsSync,
  type WasmKernelOptions,
  type WasmKernels,
} from '../../kernels/wasm/wasm-kernels';
import { loadNativeKernels } from '../native/native-kernels';
import { wasmBuildDir as buildDir } from '../wasm-build-dir';

/** The 128-bit SIMD build: runs wherever WASM SIMD does. */
export const wasmKernelsPath = fileURLToPath(new URL('kernels.wasm', buildDir));
/** The relaxed-SIMD build (fused multiply-add in gemm, ~25–35% faster on large products). */
export const relaxedWasmKernelsPath = fileURLToPath(new URL('kernels-relaxed.wasm', buildDir));

export interface LoadWasmKernelsOptions extends WasmKernelOptions {
  /** The .wasm file; by default the relaxed-SIMD build where this V8 supports it, else the SIMD one. */
  path?: string;
}

const compiled = new Map<string, WebAssembly.Module>();

// Copied out of Node's Buffer pool into a plain ArrayBuffer: WebAssembly's
// BufferSource (as the DOM typings spell it) takes no shared or pooled memory.
const readWasm = (path: string) => new Uint8Array(readFileSync(path));

function readBuild(path: string): Uint8Array<ArrayBuffer> {
  try {
    return readWasm(path);
  } catch {
    throw new Error(
      `WASM kernels not built: ${path} is missing; run 'node scripts/build-wasm.mjs' (or 'npm run setup')`,
    );
  }
}

let relaxedUsable: boolean | undefined;

/**
 * Whether the relaxed-SIMD build exists and this V8 accepts it. Relaxed SIMD is
 * standard and on by default from V8 11.4 (Chrome 114, Electron 25); Node 20's
 * V8 11.3 implements it behind a flag, which only widens what WebAssembly
 * accepts, so it is turned on here.
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxedUsable === undefined) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = readWasm(relaxedWasmKernelsPath);
    } catch {
      return false; // not built (yet): ask again next time
    }
    if (!WebAssembly.validate(bytes)) setFlagsFromString('--experimental-wasm-relaxed-simd');
    relaxedUsable = WebAssembly.validate(bytes);
  }
  return relaxedUsable;
}

/** Reads, compiles (once per file and thread) and instantiates the WASM SIMD kernels; throws when unavailable. */
export function loadWasmKernels(options: LoadWasmKernelsOptions = {}): WasmKernels {
  // Also turns relaxed SIMD on in Node 20, for an explicit path to that build.
  const relaxed = relaxedSimdAvailable();
  const path = options.path ?? (relaxed ? relaxedWasmKernelsPath : wasmKernelsPath);
  let module = compiled.get(path);
  if (!module) {
    module = new WebAssembly.Module(readBuild(path));
    compiled.set(path, module);
  }
  return createWasmKernelsSync(module, options);
}

/** The kernel families in order of preference; VERBATIM_KERNELS names where to start. */
export const KERNEL_CHOICES = ['native', 'wasm', 'reference'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

/** The choice in VERBATIM_KERNELS (undefined when unset or empty); throws on anything else. */
export function kernelChoiceFromEnv(
  value = process.env.VERBATIM_KERNELS,
): KernelChoice | undefined {
  if (!value) return undefined;
  if ((KERNEL_CHOICES as readonly string[]).includes(value)) return value as KernelChoice;
  throw new Error(`VERBATIM_KERNELS must be one of ${KERNEL_CHOICES.join(', ')}, got '${value}'`);
}

const loaders: Record<Exclude<KernelChoice, 'reference'>, () => Kernels> = {
  native: () => loadNativeKernels(),
  wasm: () => loadWasmKernels(),
};

/**
 * The fastest kernels from `start` down (native AVX2 > WASM relaxed SIMD > WASM
 * SIMD128 > the TypeScript reference); `onFallback` hears why each one skipped
 * could not load. Not cached: see loadBestKernels.
 */
export function selectKernels(
  start: KernelChoice = 'native',
  onFallback?: (reason: string) => void,
): Kernels {
  for (const choice of KERNEL_CHOICES.slice(KERNEL_CHOICES.indexOf(start))) {
    if (choice === 'reference') break;
    try {
      return loaders[choice]();
    } catch (err) {
      onFallback?.(`${choice} kernels unavailable: ${(err as Error).message}`);
    }
  }
  return referenceKernels;
}

let best: Kernels | undefined;

/**
 * The fastest kernels available in this thread (selectKernels from the family
 * VERBATIM_KERNELS names, by default the native ones); `onFallback` hears why
 * each faster family could not load. One instance per thread, so arrays from
 * its `alloc` are zero-copy for every caller.
 */
export function loadBestKernels(onFallback?: (reason: string) => void): Kernels {
  best ??= selectKernels(kernelChoiceFromEnv(), onFallback);
  return best;
}
