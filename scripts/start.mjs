#!/usr/bin/env node
// Starts the app: the Electron window when the Electron binary and a display
// exist, otherwise the browser mode (local server + UI in the browser),
// saying why Electron was not used.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function whyNotElectron() {
  if (process.env.VERBATIM_BROWSER_MODE === '1')
    return 'VERBATIM_BROWSER_MODE=1 asks for the browser mode';
  if (!electronBinary())
    return 'the Electron binary is not installed (its download is not reachable from this machine)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

function build() {
  console.error('Building the app (electron-vite)…');
  const started = Date.now();
  const r = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error('Building the app failed; see the messages above.');
    process.exit(1);
  }
  console.error(`App built (${Math.round((Date.now() - started) / 1000)} s).`);
}

const reason = whyNotElectron();
build();
const child = reason
  ? (console.error(`Electron is not used: ${reason}. Starting the browser mode.`),
    spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'server', 'main.ts')], {
      cwd: root,
      stdio: 'inherit',
    }))
  : spawn(electronBinary(), [join(root, 'out', 'main', 'main.js')], {
      cwd: root,
      stdio: 'inherit',
    });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
