import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchClip } from './bench-clips';

const childScript = fileURLToPath(new URL('./bench-rss-child.ts', import.meta.url));

export interface PeakRssResult {
  /** Peak resident set size of a fresh process that loads the model and recognizes the clip. */
  peak_rss_mb: number;
  seconds: number;
  text: string;
}

/**
 * Peak RSS of recognizing `clip` with the default speech model, measured in a
 * child process (Node, the tsx loader, the model, the WASM heap and the
 * decoder included), so nothing this process allocated is counted.
 */
export async function benchPeakRss(clip: BenchClip): Promise<PeakRssResult> {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-rss-'));
  try {
    const wav = join(dir, 'clip.wav');
    writeFileSync(wav, clip.wav);
    // tsx resolved from here, so the child starts from any working directory
    const tsx = import.meta.resolve('tsx');
    const child = spawn(process.execPath, ['--import', tsx, childScript, wav], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) {
      throw new Error(`peak-RSS child process failed (exit ${code}): ${stderr.trim().slice(-500)}`);
    }
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as PeakRssResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
