// Builds the renderer the browser mode serves and makes the fake microphone's
// recording (real speech when AN4 is available, else a tone signal), once per run.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fakeMicWav, fixturesDir, projectRoot, utteranceWav } from './paths';
import { an4Clip, FAKE_MIC_UTTERANCES } from './speech-clip';
import { burstSignal, writeWav16 } from './wav';

export default function globalSetup() {
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('electron-vite build failed; see the messages above.');
  mkdirSync(fixturesDir, { recursive: true });
  const speech = an4Clip(FAKE_MIC_UTTERANCES);
  writeWav16(fakeMicWav, speech?.samples ?? burstSignal(20, 16_000), 16_000);
  const utterance = an4Clip(FAKE_MIC_UTTERANCES.slice(0, 1), 0);
  if (utterance) writeWav16(utteranceWav, utterance.samples, 16_000);
}
