import { tinySpeechModelBytes, type TinySpeechModel } from '../../test-support/tiny-networks';
import { writeFileAtomic } from '../io/write-atomic';

/** Writes a tiny untrained speech model (what it reads is arbitrary) to `path`; returns the path. */
export function writeTinySpeechModel(path: string, o: TinySpeechModel = {}): string {
  writeFileAtomic(path, tinySpeechModelBytes(o));
  return path;
}
