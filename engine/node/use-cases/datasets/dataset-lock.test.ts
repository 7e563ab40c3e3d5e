import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './dataset-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vb-lock-'));
  lock = join(dir, 'manifest.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Another live process holding the lock: it creates the lock file with its pid
 * and, after `releaseAfterMs` (never if null), writes `released` and removes the lock.
 */
async function otherOwner(o: { releaseAfterMs: number | null; released: string }) {
  const [lockPath, releasedPath] = [JSON.stringify(lock), JSON.stringify(o.released)];
  const script = `
    const fs = require('node:fs');
    fs.writeFileSync(${lockPath}, String(process.pid), { flag: 'wx' });
    console.log('holding');
    if (${o.releaseAfterMs} !== null) setTimeout(() => {
      fs.writeFileSync(${releasedPath}, '');
      fs.rmSync(${lockPath});
    }, ${o.releaseAfterMs});
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lock owner exited early (code ${code})`)));
  });
  return child;
}

describe('withFileLock', () => {
  it('waits while a live process holds the lock, then takes it once released', async () => {
    const released = join(dir, 'released');
    const owner = await otherOwner({ releaseAfterMs: 200, released });
    try {
      // A wait far longer than the owner needs: this test is about waiting, not its length.
      const seen = withFileLock(
        lock,
        () => ({ ownerReleasedFirst: existsSync(released), holder: readFileSync(lock, 'utf8') }),
        { waitMs: 60_000 },
      );
      expect(seen).toEqual({ ownerReleasedFirst: true, holder: String(process.pid) });
      expect(existsSync(lock)).toBe(false);
    } finally {
      owner.kill();
    }
  });

  it('gives up after its wait, naming the owner, without running or touching its lock', async () => {
    const owner = await otherOwner({ releaseAfterMs: null, released: join(dir, 'released') });
    try {
      let ran = false;
      expect(() => withFileLock(lock, () => (ran = true), { waitMs: 50 })).toThrow(
        `${lock} is held by another Verbatim process (pid ${owner.pid})`,
      );
      expect(ran).toBe(false);
      expect(readFileSync(lock, 'utf8')).toBe(String(owner.pid));
    } finally {
      owner.kill();
    }
  });

  it('takes over the lock of a process that is gone', () => {
    writeFileSync(lock, '999999999'); // no such process
    expect(withFileLock(lock, () => readFileSync(lock, 'utf8'))).toBe(String(process.pid));
    expect(existsSync(lock)).toBe(false);
  });
});
