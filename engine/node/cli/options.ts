import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './command';
import { UsageError } from './usage-error';
import { readWordList } from '../use-cases/models/model-store';
import type { DecodeParams } from '../../recognize/decode-params';

/** Parses a positive integer flag value or throws a UsageError naming the flag. */
export function positiveInt(value: string, flag: string, usage: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} expects a positive integer, got "${value}"`, usage);
  return n;
}

/** --lm FILE.arpa and --lexicon FILE replace the model's own LM and word list. */
export function applyDecodeFiles(params: DecodeParams, files: { lm?: string; lexicon?: string }) {
  if (files.lm) params.lmArpa = readFileSync(resolve(files.lm), 'utf8');
  if (files.lexicon) params.lexicon = readWordList(resolve(files.lexicon));
}

/** `WORD[:BOOST]` → { phrase, boost } (default boost 5, natural-log units). */
export function parseHotword(spec: string, usage: string): { phrase: string; boost: number } {
  const m = /^(.*?)(?::(-?[0-9.]+))?$/.exec(spec.trim());
  const phrase = (m?.[1] ?? '').trim().toLowerCase();
  const boost = m?.[2] === undefined ? 5 : Number(m[2]);
  if (!phrase || !Number.isFinite(boost))
    throw new UsageError(`--hotword expects WORD[:BOOST], got "${spec}"`, usage);
  return { phrase, boost };
}

/**
 * A one-line progress display on stderr, drawn only when stderr is a terminal
 * and at most 10 times a second (the last update always shows).
 */
export function progressWriter(io: CliIo, label: string) {
  let last = 0;
  return (text: string, done = false) => {
    if (!io.interactive) return;
    const now = Date.now();
    if (!done && now - last < 100) return;
    last = now;
    io.stderr.write(`\r\x1b[2K${label}: ${text}${done ? '\n' : ''}`);
  };
}
