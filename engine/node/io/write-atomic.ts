import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a temporary file beside `path` with `write`, then renames it over `path`. */
function replaceAtomically(path: string, write: (temp: string) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    write(temp);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Writes a temporary file beside `path`, then renames it over `path` (never a half-written file). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  replaceAtomically(path, (temp) => writeFileSync(temp, data));
}

/**
 * Like writeFileAtomic for text made of many pieces, written one after the
 * other: the whole need not fit in one string (V8 caps strings at ~512 MB).
 */
export function writePiecesAtomic(path: string, pieces: Iterable<string>): void {
  replaceAtomically(path, (temp) => {
    const fd = openSync(temp, 'w');
    try {
      for (const piece of pieces) writeSync(fd, piece);
    } finally {
      closeSync(fd);
    }
  });
}
