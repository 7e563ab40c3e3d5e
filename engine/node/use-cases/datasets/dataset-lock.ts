// One writer at a time per dataset, across processes (two app windows, the
// CLI and the app): an exclusive-create lock file holding the owner's pid.
// A lock whose owner is gone (crash) is taken over.
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';

const WAIT_MS = 5000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function ownerAlive(lockPath: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath, 'utf8'));
  } catch {
    return false; // vanished meanwhile
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding `lockPath`; waits up to `waitMs` (default 5 s) for another
 * writer, then says who holds it.
 */
export function withFileLock<T>(
  lockPath: string,
  fn: () => T,
  { waitMs = WAIT_MS }: { waitMs?: number } = {},
): T {
  const deadline = Date.now() + waitMs;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(lockPath, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!ownerAlive(lockPath)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${lockPath} is held by another Verbatim process (pid ${readFileSync(lockPath, 'utf8').trim()}); wait for it to finish, or delete the lock file if that process is gone`,
        );
      }
      Atomics.wait(sleeper, 0, 0, 20);
    }
  }
  try {
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
