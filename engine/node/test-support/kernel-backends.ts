// The optimised Kernels implementations the kernel tests run against the
// reference, and the tests' random arrays and comparison: both WASM builds and the native addon, each built first when
// stale. A backend that cannot exist here (no C compiler, not x86-64, no
// AVX2, no relaxed SIMD) is listed in `unavailable` with the reason, so the
// tests can skip it visibly; a failing build throws.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Kernels } from '../../kernels/kernels';
import { loadNativeKernels } from '../native/native-kernels';
import {
  loadWasmKernels,
  relaxedSimdAvailable,
  relaxedWasmKernelsPath,
  wasmKernelsPath,
} from '../runtime/load-kernels';

const script = (name: string) =>
  fileURLToPath(new URL(`../../../scripts/${name}`, import.meta.url));

export interface KernelBackend {
  backend: string;
  load: () => Kernels;
}

/** Exit status of build-native.mjs when this platform cannot build the addon. */
const NATIVE_UNAVAILABLE = 2;

export function kernelBackends(): { backends: KernelBackend[]; unavailable: string[] } {
  execFileSync(process.execPath, [script('build-wasm.mjs'), '--if-stale'], { stdio: 'inherit' });
  const backends: KernelBackend[] = [
    { backend: 'WASM SIMD128', load: () => loadWasmKernels({ path: wasmKernelsPath }) },
  ];
  const unavailable: string[] = [];
  if (relaxedSimdAvailable()) {
    backends.push({
      backend: 'WASM relaxed SIMD',
      load: () => loadWasmKernels({ path: relaxedWasmKernelsPath }),
    });
  } else unavailable.push('WASM relaxed SIMD: not built, or this engine lacks relaxed SIMD');

  const build = spawnSync(process.execPath, [script('build-native.mjs'), '--if-stale'], {
    encoding: 'utf8',
  });
  if (build.status === NATIVE_UNAVAILABLE) {
    unavailable.push(`native: ${build.stderr.trim()}`);
  } else if (build.status !== 0) {
    throw new Error(`building the native kernels failed:\n${build.stderr}`);
  } else {
    try {
      const k = loadNativeKernels();
      backends.push({ backend: 'native AVX2', load: () => k });
      // Where the CPU has VNNI the int8 kernels use it; its AVX2 fallback runs here too.
      const avx2 = loadNativeKernels(undefined, { vnni: false });
      backends.push({ backend: 'native AVX2 (int8 without VNNI)', load: () => avx2 });
    } catch (err) {
      unavailable.push(`native: ${(err as Error).message}`);
    }
  }
  return { backends, unavailable };
}

/** Fills `a` with deterministic uniform values in [-1, 1) (xorshift), so failures reproduce. */
export function fillRandom(a: Float32Array, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < a.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = (s >>> 0) / 2 ** 31 - 1;
  }
  return a;
}

/** Max |actual − expected| must stay below tol relative to max(1, max |expected|). */
export function expectClose(actual: Float32Array, expected: Float32Array, tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
  }
  expect(diff).toBeLessThan(tol * scale);
}
