import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  collectEntries,
  requireFolder,
  roundDuration,
  type SpeechImporter,
} from '../../use-cases/datasets/speech-import';
import { normalizeTranscript } from './transcript-text';

/** CMU AN4 audio: headerless 16-bit big-endian 16 kHz mono (the dataset README wrongly says little-endian). */
export const AN4_RAW_FORMAT = 's16be:16000';

const LINE = /^\s*(?:<s>)?(.*?)(?:<\/s>)?\s*\(([^()\s]+)\)\s*$/;

interface An4Utterance {
  id: string;
  text: string;
  /** Where the transcript says it is (file and line), for errors. */
  where: string;
}

/** Parses `<s> WORDS </s> (utterance-id)` lines. */
export function parseAn4Transcription(text: string, source: string): An4Utterance[] {
  const out: An4Utterance[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const match = LINE.exec(line);
    if (!match) {
      throw new Error(
        `${source}:${i + 1}: expected '<s> WORDS </s> (utterance-id)', got '${line.slice(0, 60)}'`,
      );
    }
    out.push({ id: match[2], text: normalizeTranscript(match[1]), where: `${source}:${i + 1}` });
  });
  return out;
}

/**
 * CMU AN4: transcripts from `etc/an4_{train,test}.transcription`, audio
 * `wav/an4_clstk|an4test_clstk/<speaker>/<id>.raw` (located through the
 * matching `.fileids`). Entries carry `format: s16be:16000`; duration comes
 * from the file size.
 */
export const importAn4: SpeechImporter = (dir, options) => {
  const root = resolve(dir);
  requireFolder(root, 'the CMU AN4 folder (with etc/an4_train.transcription and wav/)');
  const sets = [
    ['an4_train', 'an4_clstk'],
    ['an4_test', 'an4test_clstk'],
  ].filter(([set]) => existsSync(join(root, 'etc', `${set}.transcription`)));
  if (sets.length === 0) {
    throw new Error(
      `${root}: no etc/an4_train.transcription or etc/an4_test.transcription; is this the an4 folder?`,
    );
  }
  const utterances: { path: string; utterance: An4Utterance }[] = [];
  for (const [set, wavFolder] of sets) {
    const transcriptPath = join(root, 'etc', `${set}.transcription`);
    const list = parseAn4Transcription(readFileSync(transcriptPath, 'utf8'), transcriptPath);
    const idsPath = join(root, 'etc', `${set}.fileids`);
    const byId = new Map<string, string>();
    if (existsSync(idsPath)) {
      for (const rel of readFileSync(idsPath, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)) {
        byId.set(rel.split('/').pop()!, rel);
      }
    }
    for (const utterance of list) {
      // Without fileids, the speaker folder is the id's middle part (an251-fash-b → fash).
      const rel =
        byId.get(utterance.id) ?? `${wavFolder}/${utterance.id.split('-')[1]}/${utterance.id}`;
      utterances.push({ path: join(root, 'wav', `${rel}.raw`), utterance });
    }
  }
  const texts = new Map(utterances.map((u) => [u.path, u.utterance]));
  return collectEntries(
    utterances.map((u) => u.path),
    (path) => {
      const utterance = texts.get(path)!;
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new Error(`audio for '${utterance.id}' (${utterance.where}) not found`);
      }
      if (size === 0 || size % 2 !== 0)
        throw new Error(`expected 16-bit raw samples, got ${size} bytes`);
      return {
        audio_filepath: path,
        duration: roundDuration(size / 2 / 16000),
        text: utterance.text,
        speaker: path.split(/[\\/]/).at(-2)!,
        format: AN4_RAW_FORMAT,
      };
    },
    options,
  );
};
