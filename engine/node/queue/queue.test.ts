/**
 * The Redis job queue end to end (issue 22): real redis-server on a free
 * loopback port, real `verbatim worker` processes, the submitter through the
 * CLI. Every queued run must print exactly what the local command prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWavFile } from '../io/audio-files';
import { runCli } from '../test-support/run-cli';
import { hasRedisServer, RedisTestServer } from '../test-support/redis-server';
import { queueStatus } from './queue-status';
import { parseRedisUrl } from './redis-connection';

const bin = fileURLToPath(new URL('../../../bin/verbatim.mjs', import.meta.url));
const JOBS = 110;

/** A vowel-like sound: harmonics of f0 under a syllable envelope, different for every file. */
function syntheticUtterance(k: number): Float32Array {
  const rate = 16000;
  const samples = new Float32Array(Math.round(rate * (0.8 + (k % 5) * 0.1)));
  const f0 = 100 + ((k * 37) % 140);
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const envelope = Math.sin(Math.PI * (t / (samples.length / rate))) ** 2;
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t + k * h) / h;
    samples[i] = 0.2 * envelope * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * (3 + (k % 4)) * t));
  }
  return samples;
}

interface Worker {
  child: ChildProcess;
  stderr: string;
  exited: Promise<number | null>;
}

describe.skipIf(!hasRedisServer())('batch commands on a Redis queue', () => {
  let dir: string;
  let files: string[];
  let server: RedisTestServer;
  let local: { code: number; stdout: string; stderr: string };
  const workers: Worker[] = [];

  const startWorker = async (...extra: string[]): Promise<Worker> => {
    const child = spawn(
      process.execPath,
      [bin, 'worker', '--redis', server.url, '--concurrency', '1', '--lock-seconds', '2', ...extra],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const w: Worker = {
      child,
      stderr: '',
      exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    };
    workers.push(w);
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        w.stderr += d;
        if (w.stderr.includes('taking jobs')) resolve();
      });
      void w.exited.then((code) => reject(new Error(`worker exited (${code}): ${w.stderr}`)));
    });
    return w;
  };
  const stopAll = async () => {
    for (const w of workers.splice(0)) {
      w.child.kill('SIGTERM');
      await w.exited;
    }
  };
  const status = () => queueStatus(parseRedisUrl(server.url), 'verbatim');
  /** Resolves once the submitted run's jobs are queued and `n` of them are done. */
  const afterJobs = async (n: number) => {
    const pause = () => new Promise((r) => setTimeout(r, 50));
    // (--fresh first drops the finished results, then queues the jobs again.)
    for (let s = await status(); s.waiting + s.active + s.delayed === 0; s = await status())
      await pause();
    while ((await status()).completed < n) await pause();
  };
  const submit = (...extra: string[]) =>
    runCli('transcribe', '--redis', server.url, ...extra, ...files);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-queue-'));
    files = Array.from({ length: JOBS }, (_, k) => {
      const file = join(dir, `utt-${String(k).padStart(3, '0')}.wav`);
      writeWavFile(file, syntheticUtterance(k), 16000);
      return file;
    });
    const broken = join(dir, 'utt-050b.wav');
    writeFileSync(broken, 'RIFF....not a wav file at all');
    files.splice(51, 0, broken);
    server = await RedisTestServer.start();
    local = await runCli('transcribe', '--jobs', '1', ...files);
  }, 60_000);

  afterAll(async () => {
    await stopAll();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints what the local command prints when a worker is killed mid-run, a poisoned input failing alone', async () => {
    expect(local.code).toBe(1); // the broken file
    expect(local.stdout.split('\n').filter(Boolean)).toHaveLength(JOBS);
    expect(local.stderr).toContain('utt-050b.wav');
    const [victim] = [await startWorker(), await startWorker(), await startWorker()];
    const run = submit();
    await afterJobs(25);
    victim.child.kill('SIGKILL');
    workers.splice(workers.indexOf(victim), 1);
    expect(await victim.exited).toBe(null); // killed, not exited
    const queued = await run;
    expect(queued.stdout).toBe(local.stdout);
    expect(queued.code).toBe(local.code);
    expect(queued.stderr).toContain(`verbatim transcribe: ${files[51]}`);
  }, 60_000);

  it('rides out a Redis restart mid-run', async () => {
    const run = submit('--fresh');
    await afterJobs(25);
    await server.restart();
    const queued = await run;
    expect(queued.stdout).toBe(local.stdout);
    expect(queued.code).toBe(local.code);
  }, 60_000);

  it('a worker stopped with SIGTERM finishes the job in hand and exits 0', async () => {
    const run = submit('--fresh', '--json');
    await afterJobs(10);
    const stopping = workers.shift()!;
    stopping.child.kill('SIGTERM');
    expect(await stopping.exited).toBe(0);
    expect(stopping.stderr).toMatch(/SIGTERM: finishing the job\(s\) in hand/);
    expect(stopping.stderr).toMatch(/stopped after \d+ job\(s\)/);
    const queued = await run;
    const inputs = queued.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).input);
    expect(inputs).toEqual(files);
  }, 60_000);

  it('--ship sends the audio in the jobs; an input over the limit gets its own error line', async () => {
    const big = join(dir, 'big.wav');
    writeWavFile(big, new Float32Array(16000 * 300), 16000); // 9.6 MB
    const some = files.slice(0, 12);
    const shipped = await runCli(
      'transcribe',
      '--redis',
      server.url,
      '--ship',
      '--fresh',
      ...some,
      big,
    );
    expect(shipped.code).toBe(1);
    const lines = shipped.stdout.split('\n').filter(Boolean);
    expect(lines.join('\n')).toBe(local.stdout.split('\n').slice(0, 12).join('\n'));
    expect(shipped.stderr).toMatch(/over the 8 MB --ship sends in a job/);
  }, 60_000);

  it('eval speech and recognize-ink go through the queue too, printing what they print locally', async () => {
    const manifest = join(dir, 'm.jsonl');
    writeFileSync(
      manifest,
      files
        .slice(0, 10)
        .map((f, k) => `${JSON.stringify({ audio_filepath: f, duration: 1, text: `word ${k}` })}\n`)
        .join(''),
    );
    const evalArgs = ['eval', 'speech', '--manifest', manifest, '--json', '--details'];
    const evalLocal = await runCli(...evalArgs, '--jobs', '1');
    const evalQueued = await runCli(...evalArgs, '--redis', server.url);
    expect(evalQueued.stdout).toBe(evalLocal.stdout);
    expect(evalQueued.code).toBe(evalLocal.code);
    // Ink drawn as JSON (scribbles: the digits model reads something, the same everywhere).
    const inks = Array.from({ length: 6 }, (_, k) => {
      const file = join(dir, `ink-${k}.json`);
      const stroke = Array.from({ length: 30 }, (_, i) => [
        10 * Math.cos((i / 30) * (3 + k)) + i,
        10 * Math.sin((i / 30) * (2 + k)),
      ]);
      writeFileSync(file, JSON.stringify({ strokes: [stroke] }));
      return file;
    });
    const inkArgs = ['recognize-ink', '--model', 'digits', '--json', ...inks];
    const inkLocal = await runCli(...inkArgs, '--jobs', '1');
    const inkQueued = await runCli(...inkArgs, '--redis', server.url, '--ship');
    expect(inkLocal.code).toBe(0);
    expect(inkQueued.stdout).toBe(inkLocal.stdout);
  }, 60_000);

  it('a re-run reuses the finished results: no worker needed, nothing recognized again', async () => {
    await stopAll();
    expect((await status()).workers).toBe(0);
    const again = await submit();
    expect(again.stdout).toBe(local.stdout);
    expect(again.code).toBe(local.code);
  }, 30_000);

  it('queue status counts the jobs and shows the URL without its password', async () => {
    const status = await runCli('queue', 'status', '--redis', server.url, '--json');
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({ queue: 'verbatim', waiting: 0, active: 0, workers: 0 });
    expect(s.completed).toBeGreaterThanOrEqual(JOBS);
    const secret = await runCli(
      'queue',
      'status',
      '--redis',
      `redis://user:hunter2@127.0.0.1:${server.port}`,
    );
    expect(secret.code).toBe(1); // this server has no such user
    expect(secret.stdout + secret.stderr).not.toContain('hunter2');
    expect(secret.stderr).toContain('redis://user:***@127.0.0.1');
  }, 30_000);
});
