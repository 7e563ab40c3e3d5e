import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** Files the tests make for themselves (ignored by git). */
export const fixturesDir = fileURLToPath(
  new URL('../../../test-results/fixtures', import.meta.url),
);
export const fakeMicWav = `${fixturesDir}/fake-mic.wav`;
/** One AN4 utterance as recorded (for Transcribe file), written when AN4 is available. */
export const utteranceWav = `${fixturesDir}/an4-utterance.wav`;
