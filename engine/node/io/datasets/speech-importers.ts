import { importAn4 } from './an4';
import { importFsdd } from './fsdd';
import { importNemo } from './nemo';
import { importSpeechCommands } from './speech-commands';
import type { SpeechImporter } from '../../use-cases/datasets/speech-import';
import { importWavFolder } from './wav-folder';

/** Speech dataset readers by format name (as `verbatim import FORMAT` spells them). */
export const speechImporters: Record<string, { summary: string; read: SpeechImporter }> = {
  an4: { summary: 'CMU AN4 (etc/*.transcription, big-endian raw audio)', read: importAn4 },
  fsdd: { summary: 'Free Spoken Digit Dataset ({digit}_{speaker}_{index}.wav)', read: importFsdd },
  'speech-commands': {
    summary: 'Speech-Commands-style <word>/<file>.wav folders',
    read: importSpeechCommands,
  },
  nemo: {
    summary: 'NeMo JSONL manifest(s) (paths made absolute, text normalised)',
    read: importNemo,
  },
  'wav-folder': {
    summary: 'a folder of .wav files with .txt/.lab transcripts',
    read: importWavFolder,
  },
};
