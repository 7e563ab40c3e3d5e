// Builds the renderer the browser mode serves and makes the fake microphone's
// recording, once per run.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fakeMicWav, fixturesDir, projectRoot } from './paths';
import { burstSignal, writeWav16 } from './wav';

export default function globalSetup() {
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('electron-vite build failed; see the messages above.');
  mkdirSync(fixturesDir, { recursive: true });
  writeWav16(fakeMicWav, burstSignal(20, 16_000), 16_000);
}
