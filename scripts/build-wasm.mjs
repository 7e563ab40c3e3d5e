#!/usr/bin/env node
// Builds the WASM SIMD kernels from engine/kernels/wasm/assembly/index.ts
// (AssemblyScript) in two variants, in engine/kernels/wasm/build/:
//   kernels.wasm          128-bit SIMD (every engine with WASM SIMD)
//   kernels-relaxed.wasm  the same plus relaxed SIMD (fused multiply-add in gemm),
//                         used where the engine validates it
// The output is deterministic: the same sources and compiler version reproduce
// it byte for byte.
//   node scripts/build-wasm.mjs             build
//   node scripts/build-wasm.mjs --if-stale  build only when a source is newer than the output
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'engine', 'kernels', 'wasm', 'assembly');
const entry = join(sourceDir, 'index.ts');
const buildDir = join(root, 'engine', 'kernels', 'wasm', 'build');
const variants = [
  { file: 'kernels.wasm', flags: [] },
  { file: 'kernels-relaxed.wasm', flags: ['--enable', 'relaxed-simd'] },
];

// Shared, growable memory (views stay valid after memory.grow), 128-bit SIMD,
// no GC runtime: the TypeScript loader owns all allocation.
const ascFlags = [
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--enable',
  'simd',
  '--enable',
  'threads',
  '--importMemory',
  '--noExportMemory',
  '--sharedMemory',
  '--initialMemory',
  '1',
  '--maximumMemory',
  '65536',
];

const inputs = () => [
  fileURLToPath(import.meta.url),
  ...readdirSync(sourceDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(sourceDir, f)),
];

async function build(output, variantFlags) {
  let asc;
  try {
    asc = (await import('assemblyscript/asc')).default;
  } catch (err) {
    throw new Error(
      `the AssemblyScript compiler is missing (${err.message}); run 'npm install' in ${root}`,
    );
  }
  let binary = null;
  const stderr = [];
  const result = await asc.main([entry, '--outFile', 'out.wasm', ...ascFlags, ...variantFlags], {
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm')) binary = contents;
    },
    stderr: { write: (s) => stderr.push(String(s)) },
    stdout: { write: () => {} },
  });
  if (result.error || !binary) {
    throw new Error(`asc failed: ${result.error?.message ?? 'no output'}\n${stderr.join('')}`);
  }
  mkdirSync(dirname(output), { recursive: true });
  // Atomic: parallel builds (e.g. test workers) never see a half-written file.
  const tmp = `${output}.${process.pid}.tmp`;
  writeFileSync(tmp, binary);
  renameSync(tmp, output);
  return binary.length;
}

const ifStale = process.argv.includes('--if-stale');
for (const { file, flags } of variants) {
  const output = join(buildDir, file);
  if (ifStale && !isStale(output, inputs())) continue;
  console.error(`[build-wasm] building ${file} (AssemblyScript)…`);
  try {
    const bytes = await build(output, flags);
    console.error(`[build-wasm] wrote ${output} (${bytes} bytes)`);
  } catch (err) {
    console.error(`[build-wasm] ${err.message}`);
    process.exit(1);
  }
}
