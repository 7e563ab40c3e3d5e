// The fake microphone's recording: real speech from the shared data. AN4
// utterances (16 kHz, s16be raw) of speakers the shipped speech model never
// heard in training (scripts/recipes/speech-corpus.ts holds them out), with a
// pause between them so each ends as its own utterance.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAudioFile, verbatimDataDir } from '../../../engine/node/index';
import { projectRoot } from './paths';

export interface SpeechClip {
  samples: Float32Array;
  sampleRate: 16_000;
  /** What is said, one lower-case string per utterance (AN4's transcriptions). */
  utterances: string[];
}

const RATE = 16_000;

/** What the fake microphone says: two utterances of two held-out speakers. */
export const FAKE_MIC_UTTERANCES = ['an63-flmm2-b', 'cen6-fejs-b'];
const an4Dir = join(verbatimDataDir(projectRoot), 'an4');

/**
 * AN4 utterances by id (e.g. 'an63-flmm2-b'), in order, each followed by a
 * pause (the first also preceded by a third of one), or null when AN4 is absent.
 */
export function an4Clip(ids: string[], pauseSeconds = 1.5): SpeechClip | null {
  const transcriptions = join(an4Dir, 'etc', 'an4_train.transcription');
  if (!existsSync(transcriptions)) return null;
  const said = new Map(
    [...readFileSync(transcriptions, 'utf8').matchAll(/<s> (.*) <\/s> \((\S+)\)/g)].map((m) => [
      m[2]!,
      m[1]!.toLowerCase(),
    ]),
  );
  const parts: Float32Array[] = [silence(pauseSeconds / 3)];
  for (const id of ids) {
    const speaker = id.split('-')[1]!;
    const path = join(an4Dir, 'wav', 'an4_clstk', speaker, `${id}.raw`);
    parts.push(readAudioFile(path, { raw: 's16be:16000' }).samples, silence(pauseSeconds));
  }
  const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    samples.set(p, at);
    at += p.length;
  }
  const utterances = ids.map((id) => {
    const text = said.get(id);
    if (text === undefined) throw new Error(`${id} is not an AN4 training utterance`);
    return text;
  });
  return { samples, sampleRate: RATE, utterances };
}

/** Quiet noise (about −70 dBFS), like the room noise between AN4's utterances. */
function silence(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  let seed = 12345;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = (seed / 2 ** 32 - 0.5) * 6e-4;
  }
  return out;
}
