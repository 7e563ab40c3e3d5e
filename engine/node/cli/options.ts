import { TENSOR_ENCODINGS, type TensorEncoding } from '../../index';
import type { CliIo } from './command';
import { UsageError } from './usage-error';

/** Parses a positive integer flag value or throws a UsageError naming the flag. */
export function positiveInt(value: string, flag: string, usage: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} expects a positive integer, got "${value}"`, usage);
  return n;
}

/** A `--weights` value: how a model file stores its weights (float16 or float32). */
export function tensorEncoding(value: string | undefined, usage: string): TensorEncoding {
  if (value === undefined || !TENSOR_ENCODINGS.includes(value as TensorEncoding))
    throw new UsageError(
      `--weights must be one of ${TENSOR_ENCODINGS.join(', ')}${value === undefined ? '' : `, got "${value}"`}`,
      usage,
    );
  return value as TensorEncoding;
}

/** `WORD[:BOOST]` → { phrase, boost } (default boost 5, natural-log units). */
export function parseHotword(spec: string, usage: string): { phrase: string; boost: number } {
  const m = /^(.*?)(?::(-?[0-9.]+))?$/.exec(spec.trim());
  const phrase = (m?.[1] ?? '').trim();
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
