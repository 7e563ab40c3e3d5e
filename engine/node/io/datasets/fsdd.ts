import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  audioEntry,
  collectEntries,
  requireFolder,
  type SpeechImporter,
} from '../../use-cases/datasets/speech-import';
import { listFiles } from '../list-files';
import { digitWord } from './transcript-text';

const NAME = /^(\d)_([A-Za-z0-9-]+)_(\d+)\.wav$/;

/**
 * Free Spoken Digit Dataset: `recordings/{digit}_{speaker}_{index}.wav` (8 kHz
 * PCM). DIR is the dataset root or its `recordings/` folder. Text is the digit
 * as a word, speaker from the file name.
 */
export const importFsdd: SpeechImporter = (dir, options) => {
  const root = resolve(dir);
  requireFolder(root, 'the FSDD folder (with recordings/{digit}_{speaker}_{index}.wav)');
  const folder = existsSync(join(root, 'recordings')) ? join(root, 'recordings') : root;
  const files = listFiles(folder, (name) => name.endsWith('.wav'));
  if (files.length === 0)
    throw new Error(
      `${folder}: no .wav files; expected FSDD recordings/{digit}_{speaker}_{index}.wav`,
    );
  return collectEntries(
    files,
    (path) => {
      const match = NAME.exec(basename(path));
      if (!match) throw new Error(`file name is not {digit}_{speaker}_{index}.wav`);
      return audioEntry(path, digitWord(match[1]), match[2]);
    },
    options,
  );
};
