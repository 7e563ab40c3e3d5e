import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readManifest, resolveAudioPath } from '../manifest';
import { listFiles } from '../list-files';
import type { SpeechImporter } from '../../use-cases/datasets/speech-import';
import { normalizeTranscript } from './transcript-text';

/**
 * NeMo JSONL manifests (one file, or every `.json`/`.jsonl` in a folder):
 * audio paths made absolute, text normalised; a bad line is a failure with its
 * line number, missing audio a failure of that entry.
 */
export const importNemo: SpeechImporter = (dir, options) => {
  const target = resolve(dir);
  let manifests: string[];
  try {
    manifests = statSync(target).isDirectory()
      ? listFiles(target, (name) => /\.jsonl?$/.test(name))
      : [target];
  } catch {
    throw new Error(`${target}: not found; expected a NeMo manifest (.jsonl) or a folder of them`);
  }
  if (manifests.length === 0) throw new Error(`${target}: no .json/.jsonl manifests found`);
  const result: ReturnType<SpeechImporter> = { entries: [], failures: [] };
  manifests.forEach((manifest, i) => {
    try {
      // a bad line fails the whole file, with its line number
      for (const entry of readManifest(manifest)) {
        const path = resolveAudioPath(manifest, entry);
        try {
          statSync(path);
        } catch {
          result.failures.push({ path, error: `audio listed in ${manifest} not found` });
          continue;
        }
        result.entries.push({
          ...entry,
          audio_filepath: path,
          text: normalizeTranscript(entry.text),
        });
      }
    } catch (err) {
      result.failures.push({
        path: manifest,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    options?.onProgress?.(i + 1, manifests.length);
  });
  return result;
};
