// Chromium with its fake microphone playing the test WAV (written by global-setup.ts).
import type { LaunchOptions } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { fakeMicWav } from './paths';

/** Launch options for a fake microphone that plays the WAV once (or looped). */
export function fakeMicLaunchOptions({ loop }: { loop: boolean }): LaunchOptions {
  return {
    executablePath: '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${fakeMicWav}${loop ? '' : '%noloop'}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  };
}
