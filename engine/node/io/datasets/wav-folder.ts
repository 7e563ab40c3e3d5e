import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  audioEntry,
  collectEntries,
  requireFolder,
  type SpeechImporter,
} from '../../use-cases/datasets/speech-import';
import { listFiles } from '../list-files';
import { normalizeTranscript } from './transcript-text';

/**
 * A folder (searched recursively) of `name.wav` files each with a transcript
 * in `name.txt` or `name.lab` beside it; the speaker is the parent folder name.
 */
export const importWavFolder: SpeechImporter = (dir, options) => {
  const root = resolve(dir);
  requireFolder(root, 'a folder of .wav files with .txt or .lab transcripts');
  const files = listFiles(root, (name) => name.toLowerCase().endsWith('.wav'));
  if (files.length === 0) throw new Error(`${root}: no .wav files found`);
  return collectEntries(
    files,
    (path) => {
      const stem = join(dirname(path), basename(path).replace(/\.wav$/i, ''));
      const transcript = ['.txt', '.lab'].map((ext) => stem + ext).find((p) => existsSync(p));
      if (!transcript)
        throw new Error(
          `no transcript: expected ${basename(stem)}.txt or ${basename(stem)}.lab beside it`,
        );
      const text = normalizeTranscript(readFileSync(transcript, 'utf8'));
      if (!text) throw new Error(`${transcript} is empty`);
      return audioEntry(path, text, basename(dirname(path)));
    },
    options,
  );
};
