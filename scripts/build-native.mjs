#!/usr/bin/env node
// Builds the native kernels (engine/node/native/src/*.c, N-API in plain C,
// AVX2 + FMA) into engine/node/native/build/verbatim-kernels.node with the
// system C compiler: no node-gyp, no Python. Headers: the node-api-headers
// package, else Node's own include directory. Deterministic flags; the kernel
// functions pick AVX2 + FMA by attribute, so the addon loads on any x86-64
// and says when the CPU lacks them.
//   node scripts/build-native.mjs             build
//   node scripts/build-native.mjs --if-stale  build only when a source is newer than the output
// Exit status 0 when built (or fresh); 2, with a one-line reason, when this
// platform cannot build it (not x86-64, no C compiler): the engine then uses
// the WASM kernels. 1 when the compiler fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'engine', 'node', 'native', 'src');
const output = join(root, 'engine', 'node', 'native', 'build', 'verbatim-kernels.node');

const say = (msg) => console.error(`[build-native] ${msg}`);
const unavailable = (why) => {
  say(`native kernels not built (${why}); the engine uses the WASM kernels`);
  process.exit(2);
};

const sources = readdirSync(sourceDir)
  .filter((f) => f.endsWith('.c'))
  .sort()
  .map((f) => join(sourceDir, f));
const headers = readdirSync(sourceDir)
  .filter((f) => f.endsWith('.h'))
  .map((f) => join(sourceDir, f));

function nodeApiIncludeDir() {
  try {
    const require = createRequire(import.meta.url);
    return require('node-api-headers').include_dir;
  } catch {
    const own = join(dirname(process.execPath), '..', 'include', 'node');
    return existsSync(join(own, 'node_api.h')) ? own : null;
  }
}

function findCompiler() {
  for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean)) {
    if (spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0) return cc;
  }
  return null;
}

if (
  process.argv.includes('--if-stale') &&
  !isStale(output, [fileURLToPath(import.meta.url), ...sources, ...headers])
)
  process.exit(0);
if (process.arch !== 'x64') unavailable(`${process.arch}: the kernels need x86-64 with AVX2`);
if (process.platform === 'win32') unavailable('Windows: no build without node-gyp here');
const cc = findCompiler();
if (!cc) unavailable('no C compiler: install gcc (e.g. apt-get install gcc)');
const include = nodeApiIncludeDir();
if (!include) unavailable("no node_api.h: run 'npm install' (node-api-headers)");

const flags = [
  '-O3',
  '-std=c11',
  '-shared',
  '-fPIC',
  '-fvisibility=hidden',
  '-Wall',
  '-Wextra',
  '-Wno-unused-parameter',
  `-DNAPI_VERSION=8`,
  '-I',
  include,
  // N-API symbols come from the host process (node, Electron) at load time.
  ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : []),
];
mkdirSync(dirname(output), { recursive: true });
// Atomic: parallel builds (e.g. test workers) never see a half-written file.
const tmp = `${output}.${process.pid}.tmp`;
say(`building ${output} (${cc})…`);
const result = spawnSync(cc, [...flags, ...sources, '-o', tmp, '-lm'], { stdio: 'inherit' });
if (result.status !== 0) {
  rmSync(tmp, { force: true });
  say(`${cc} failed (status ${result.status ?? result.signal})`);
  process.exit(1);
}
renameSync(tmp, output);
say(`wrote ${output} (${statSync(output).size} bytes)`);
