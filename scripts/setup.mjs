#!/usr/bin/env node
// One set-up for both Quick-start commands (dependency-free: it runs before
// node_modules exists). It installs the npm packages with the Electron binary
// download skipped, then tries to fetch the Electron binary and goes on
// without it, and builds what the app and CLI need. `--for-tests` also makes
// sure the system tools the tests use (chromium, sox, redis-server, the speech
// synthesisers) are present. `--quiet` hides the tools' own output, never the lines saying
// which slow step runs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mtime } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const forTests = args.has('--for-tests');
const env = {
  ...process.env,
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  ONNXRUNTIME_NODE_INSTALL: 'skip',
};

/** Printed even with --quiet: a first run must say what it is doing while it installs. */
const say = (msg) => console.error(`[setup] ${msg}`);
/** Runs a slow step between a line saying it began and one saying it ended. */
function step(begin, done, action) {
  say(`${begin}…`);
  const started = Date.now();
  const ok = action();
  if (ok) say(`${done} (${Math.round((Date.now() - started) / 1000)} s).`);
  return ok;
}
const fail = (msg) => {
  say(msg);
  process.exit(1);
};

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    env,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    ...opts,
  });
  return r.status === 0;
}

/** Whether a command is on the PATH. */
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** Newest modification time of the files below `dir` whose names match `re`. */
function newest(dir, re) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p, re));
    else if (re.test(entry.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node ${process.versions.node} is too old: Verbatim needs Node 20 or newer.`);

// 1. npm packages, when missing or older than the lock file.
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || mtime(join(root, 'package-lock.json')) > mtime(marker)) {
  const installed = step(
    'Installing npm packages (about 1–2 minutes on a first run)',
    'npm packages installed',
    () => run('npm', ['ci', '--no-audit', '--no-fund']),
  );
  if (!installed) fail('npm ci failed; see the messages above.');
}

// 2. The Electron binary: optional. Without it `npm start` uses the browser mode.
const electronDir = join(root, 'node_modules', 'electron');
if (
  existsSync(electronDir) &&
  !existsSync(join(electronDir, 'path.txt')) &&
  !existsSync(join(root, 'node_modules', '.electron-download-tried'))
) {
  const ok = step(
    'Downloading the Electron binary (optional, at most 2 minutes)',
    'Electron binary installed',
    () =>
      spawnSync(process.execPath, ['install.js'], {
        cwd: electronDir,
        env: { ...process.env },
        stdio: 'ignore',
        timeout: 120_000,
      }).status === 0,
  );
  if (!ok) say('Electron binary not available; the app will run in browser mode.');
  spawnSync(process.execPath, [
    '-e',
    "require('fs').writeFileSync(process.argv[1], '')",
    join(root, 'node_modules', '.electron-download-tried'),
  ]);
}

// 3. Builds: the ctc-decode-ts package (used by the engine at run time) and
//    the WASM kernels, each only when its sources changed.
const ctc = join(root, 'engine', 'ctc-decode-ts');
if (
  existsSync(join(ctc, 'package.json')) &&
  newest(join(ctc, 'src'), /\.ts$/) > mtime(join(ctc, 'dist', 'index.js'))
) {
  const built = step('Building the ctc-decode-ts package', 'ctc-decode-ts built', () =>
    run('npm', ['run', 'build', '-w', 'ctc-decode-ts']),
  );
  if (!built) fail('building ctc-decode-ts failed.');
}
const wasmBuild = join(root, 'scripts', 'build-wasm.mjs');
if (existsSync(wasmBuild)) {
  if (!run(process.execPath, [wasmBuild, '--if-stale'])) fail('building the WASM kernels failed.');
}

// 4. System tools the tests need (Debian's chromium for Playwright, sox,
//    redis-server for the job-queue tests, which start their own on loopback,
//    the speech synthesisers the synthetic-speech tests drive, and a C
//    compiler for the native kernels, whose tests then run too).
if (forTests) {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  // Each is a Debian package of the same name as its command.
  for (const tool of ['sox', 'redis-server', 'espeak-ng', 'flite', 'festival']) {
    if (!hasCommand(tool)) missing.push(tool);
  }
  if (process.arch === 'x64' && !hasCommand('cc')) missing.push('gcc');
  if (missing.length) {
    const root_ = process.getuid?.() === 0;
    if (root_ && hasCommand('apt-get')) {
      const aptInstalled = step(
        `Installing ${missing.join(' and ')} with apt-get for the tests`,
        `${missing.join(' and ')} installed`,
        () => {
          run('apt-get', ['update', '-qq']); // a failing mirror need not stop the install
          return run('apt-get', ['install', '-y', '-qq', ...missing], {
            env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
          });
        },
      );
      if (!aptInstalled) fail(`apt-get install ${missing.join(' ')} failed.`);
    } else {
      fail(
        `the tests need ${missing.join(' and ')}: install with 'sudo apt-get install -y ${missing.join(' ')}'.`,
      );
    }
  }
}

// 5. The native kernels (C, AVX2): optional. build-native.mjs says in one line
//    why it cannot build here (no C compiler, not x86-64); the engine then
//    uses the WASM kernels.
const nativeBuild = join(root, 'scripts', 'build-native.mjs');
const NATIVE_UNAVAILABLE = 2; // build-native.mjs has said why in one line
if (existsSync(nativeBuild)) {
  const status = spawnSync(process.execPath, [nativeBuild, '--if-stale'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  }).status;
  if (status !== 0 && status !== NATIVE_UNAVAILABLE) {
    say('building the native kernels failed (see above); the engine uses the WASM kernels.');
  }
}
