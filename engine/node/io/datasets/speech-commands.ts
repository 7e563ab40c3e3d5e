import { basename, dirname, relative, resolve } from 'node:path';
import {
  audioEntry,
  collectEntries,
  requireFolder,
  type SpeechImporter,
} from '../../use-cases/datasets/speech-import';
import { listFiles } from '../list-files';
import { normalizeTranscript } from './transcript-text';

/**
 * Speech-Commands-style folders: `<word>/<file>.wav`, the folder name is the
 * transcript. Folders starting with `_` (`_background_noise_`) are skipped.
 * The speaker is the file name's part before `_nohash_` (Speech Commands) or
 * before the first `_`.
 */
export const importSpeechCommands: SpeechImporter = (dir, options) => {
  const root = resolve(dir);
  requireFolder(root, 'a folder of <word>/<file>.wav');
  const files = listFiles(root, (name) => name.toLowerCase().endsWith('.wav')).filter((path) => {
    const parts = relative(root, path).split(/[\\/]/);
    return parts.length === 2 && !parts[0].startsWith('_');
  });
  if (files.length === 0) throw new Error(`${root}: no <word>/<file>.wav files found`);
  return collectEntries(
    files,
    (path) => {
      const name = basename(path, '.wav');
      const speaker = name.includes('_nohash_') ? name.split('_nohash_')[0] : name.split('_')[0];
      return audioEntry(
        path,
        normalizeTranscript(basename(dirname(path)).replace(/_/g, ' ')),
        speaker,
      );
    },
    options,
  );
};
