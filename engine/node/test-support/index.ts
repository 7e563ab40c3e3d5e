// Test helpers shared by the engine's tests and the app's (src-main) tests.
// Separate from engine/node/index.ts because they import vitest.
export { useTempHome } from './temp-home';
export { jsonLines, runCli } from './run-cli';
export { writeTinySpeechModel } from './tiny-speech-model';
export {
  tinyInkModelBytes,
  tinySpeechModelBytes,
  tinySpeechNetwork,
} from '../../test-support/tiny-networks';
