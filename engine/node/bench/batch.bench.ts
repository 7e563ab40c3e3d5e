/**
 * The batch figures of `verbatim bench` (issues 21 and 22): the CLI's own
 * code path (`main()` in this process, default --jobs) over many dataset
 * files, and the Redis job queue with one and two `verbatim worker` processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { AN4_RAW_FORMAT } from '../io/datasets/an4';
import { verbatimDataDir } from '../io/datasets/unipen-dataset';
import { hasRedisServer, RedisTestServer } from '../test-support/redis-server';

/** The batch figures and how each is judged (issue 21: --jobs 2 on the 2-core machine; issue 22). */
export const BATCH_REQUIREMENTS = {
  ink_batch_words_per_s: { min: 550 },
  transcribe_batch_x_realtime: { min: 100 },
  queue_speedup_2w: { min: 1.7 },
  queue_overhead_ms_per_job: { max: 5 },
} as const;

type BatchFigure = keyof typeof BATCH_REQUIREMENTS;

export interface BatchBenchFigures {
  /** Words per second of `recognize-ink --model words` (shipped lexicon) over UNIPEN files, default --jobs. */
  ink_batch_words_per_s: number | null;
  /** Seconds of audio per second of `transcribe --raw` over AN4 files, default --jobs. */
  transcribe_batch_x_realtime: number | null;
  /** Queue wall time with one `verbatim worker` ÷ with two (each --concurrency 1), same inputs. */
  queue_speedup_2w: number | null;
  /**
   * Per job, the one-worker queue run's wall time less the recognition time its jobs report and
   * less the submitter's own time (the same run with every result kept).
   */
  queue_overhead_ms_per_job: number | null;
  batch: {
    /** Whether each figure meets its bound; null when it was not measured (see notes). */
    pass: Record<BatchFigure, boolean | null>;
    jobs: number;
    ink_files: number;
    ink_words: number;
    ink_seconds: number;
    transcribe_files: number;
    audio_seconds: number;
    transcribe_seconds: number;
    queue_jobs: number;
    queue_seconds_1w: number | null;
    queue_seconds_2w: number | null;
    /** The same run again with every result kept in Redis: the submitter's own time. */
    queue_seconds_kept: number | null;
    /** Recognition time the jobs of the one-worker run report (elapsedMs). */
    queue_recognition_seconds: number | null;
    /** Why a figure is missing (no dataset, no redis-server). */
    notes: string[];
  };
}

/** The batch rows of the human table. */
export function formatBatchRows(f: BatchBenchFigures): string[] {
  const rows: [BatchFigure, number, string][] = [
    [
      'ink_batch_words_per_s',
      0,
      `recognize-ink words/s, ${f.batch.ink_files} UNIPEN files, --jobs ${f.batch.jobs}`,
    ],
    [
      'transcribe_batch_x_realtime',
      0,
      `transcribe, audio s per s, ${f.batch.transcribe_files} AN4 files, --jobs ${f.batch.jobs}`,
    ],
    ['queue_speedup_2w', 2, `Redis queue, 2 worker processes ÷ 1, ${f.batch.queue_jobs} jobs`],
    ['queue_overhead_ms_per_job', 1, 'Redis queue, ms per job beyond recognition, 1 worker'],
  ];
  return [
    ...rows.map(([name, digits, what]) => {
      const v = f[name];
      const r: { min?: number; max?: number } = BATCH_REQUIREMENTS[name];
      const req = r.max !== undefined ? `≤ ${r.max}` : `≥ ${r.min}`;
      const ok = f.batch.pass[name] === null ? '' : f.batch.pass[name] ? 'yes' : 'NO';
      const value = v === null ? '—' : v.toFixed(digits);
      return `${name.padEnd(28)} ${value.padStart(9)}  ${req.padEnd(9)} ${ok.padEnd(3)} ${what}`;
    }),
    ...f.batch.notes.map((n) => `  (${n})`),
  ];
}

const bin = fileURLToPath(new URL('../../../bin/verbatim.mjs', import.meta.url));

/** Runs the CLI in this process, keeping its output. Returns the wall seconds too. */
async function cli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _enc, done) {
        out[key] += String(chunk);
        done();
      },
    });
  // Imported when run: the CLI's bench command loads this module, so a static import would be a cycle.
  const { main } = await import('../cli/main');
  const started = performance.now();
  const code = await main(args, {
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    interactive: false,
  });
  return { code, ...out, seconds: (performance.now() - started) / 1000 };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** UNIPEN category-7 segment files, lab after lab, until `files` files and `words` words. */
export function unipenBatchFiles(files: number, words: number): string[] {
  const root = join(verbatimDataDir(), 'unipen', 'data', '7');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  let segments = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (out.length >= files && segments >= words) return;
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name.endsWith('.dat')) {
        out.push(path);
        segments += readFileSync(path, 'latin1').split('.SEGMENT').length - 1;
      }
    }
  };
  walk(root);
  return out;
}

/** AN4 training recordings (raw PCM), speaker after speaker. */
/** AN4 files put on the queue for queue_speedup_2w and queue_overhead_ms_per_job. */
const QUEUE_FILES = 600;

export function an4BatchFiles(count: number): string[] {
  const root = join(verbatimDataDir(), 'an4', 'wav', 'an4_clstk');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const speaker of readdirSync(root).sort())
    for (const file of readdirSync(join(root, speaker)).sort())
      if (file.endsWith('.raw') && out.length < count) out.push(join(root, speaker, file));
  return out;
}

/** Starts `verbatim worker` (one thread) and resolves once it takes jobs. */
async function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [bin, 'worker', '--redis', url, '--concurrency', '1', '--queue', 'bench'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      said += d;
      if (said.includes('taking jobs')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`verbatim worker exited (${code}): ${said.slice(-300)}`)),
    );
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function benchBatch(options: {
  quick?: boolean;
  onProgress?(message: string): void;
}): Promise<BatchBenchFigures> {
  const say = options.onProgress ?? (() => {});
  const notes: string[] = [];
  const quick = options.quick ?? false;
  const details: BatchBenchFigures['batch'] = {
    pass: {
      ink_batch_words_per_s: null,
      transcribe_batch_x_realtime: null,
      queue_speedup_2w: null,
      queue_overhead_ms_per_job: null,
    },
    jobs: availableParallelism(),
    ink_files: 0,
    ink_words: 0,
    ink_seconds: 0,
    transcribe_files: 0,
    audio_seconds: 0,
    transcribe_seconds: 0,
    queue_jobs: 0,
    queue_seconds_1w: null,
    queue_seconds_2w: null,
    queue_seconds_kept: null,
    queue_recognition_seconds: null,
    notes,
  };
  const result: BatchBenchFigures = {
    ink_batch_words_per_s: null,
    transcribe_batch_x_realtime: null,
    queue_speedup_2w: null,
    queue_overhead_ms_per_job: null,
    batch: details,
  };

  const inkFiles = unipenBatchFiles(quick ? 1 : 200, quick ? 0 : INK_WORDS);
  if (inkFiles.length) {
    say(`recognize-ink over ${inkFiles.length} UNIPEN files (default --jobs ${details.jobs})`);
    const run = await cli(['recognize-ink', '--model', 'words', ...inkFiles]);
    details.ink_files = inkFiles.length;
    details.ink_words = lines(run.stdout).length;
    details.ink_seconds = run.seconds;
    result.ink_batch_words_per_s = details.ink_words / run.seconds;
  } else notes.push('no UNIPEN data: ink_batch_words_per_s not measured');

  const audioFiles = an4BatchFiles(quick ? 10 : 130);
  if (audioFiles.length) {
    say(`transcribe over ${audioFiles.length} AN4 files (default --jobs ${details.jobs})`);
    const run = await cli(['transcribe', '--json', '--raw', AN4_RAW_FORMAT, ...audioFiles]);
    const results = lines(run.stdout).map((l) => JSON.parse(l) as { duration?: number });
    details.transcribe_files = audioFiles.length;
    details.audio_seconds = results.reduce((s, r) => s + (r.duration ?? 0), 0);
    details.transcribe_seconds = run.seconds;
    result.transcribe_batch_x_realtime = details.audio_seconds / run.seconds;
  } else notes.push('no AN4 data: transcribe_batch_x_realtime not measured');

  if (!hasRedisServer())
    notes.push('redis-server is not installed: the queue figures were skipped');
  else if (audioFiles.length) {
    // More inputs than the local run: with 130 files one worker needs about a second, and the
    // queue's fixed latencies (the first job's pickup, the last result's arrival) decide the ratio.
    const queued = an4BatchFiles(quick ? 10 : QUEUE_FILES);
    Object.assign(result, await benchQueue(queued, details, say));
  }
  for (const name of Object.keys(BATCH_REQUIREMENTS) as BatchFigure[]) {
    const value = result[name];
    const r: { min?: number; max?: number } = BATCH_REQUIREMENTS[name];
    details.pass[name] =
      value === null
        ? null
        : (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max);
  }
  return result;
}

/**
 * Words of the UNIPEN selection: about the 15,116 of the single-thread figure in issue 21, so
 * start-up (threads, model, decoder) weighs as little as it did there.
 */
const INK_WORDS = 15_000;

async function benchQueue(
  files: string[],
  details: BatchBenchFigures['batch'],
  say: (m: string) => void,
): Promise<Partial<BatchBenchFigures>> {
  const server = await RedisTestServer.start();
  const workers: ChildProcess[] = [];
  const { Queue } = await import('bullmq');
  const queue = new Queue('bench', { connection: { host: '127.0.0.1', port: server.port } });
  /** Drops every job and result (outside the timings), so the next run recognizes everything. */
  const clear = () => queue.obliterate({ force: true });
  const submit = async (what: string[]) => {
    const run = await cli([
      'transcribe',
      '--json',
      '--raw',
      AN4_RAW_FORMAT,
      '--redis',
      server.url,
      '--queue',
      'bench',
      ...what,
    ]);
    if (run.code !== 0)
      throw new Error(`the queued transcribe failed (exit ${run.code}): ${run.stderr.slice(-500)}`);
    return run;
  };
  try {
    details.queue_jobs = files.length;
    workers.push(await startWorker(server.url));
    say('queue: one worker (warm-up, then timed)');
    await submit(files.slice(0, 2));
    await clear();
    const one = await submit(files);
    // The same command again finds every result kept: its time is the submitter's own (start-up,
    // hashing the inputs, reading the results), which is not per job.
    const kept = await submit(files);
    const recognitionMs = lines(one.stdout)
      .map((l) => JSON.parse(l) as { elapsedMs?: number })
      .reduce((s, r) => s + (r.elapsedMs ?? 0), 0);
    workers.push(await startWorker(server.url));
    say('queue: two workers (warm-up, then timed)');
    await clear();
    await submit(files.slice(0, 8));
    await clear();
    const two = await submit(files);
    details.queue_seconds_1w = one.seconds;
    details.queue_seconds_2w = two.seconds;
    details.queue_seconds_kept = kept.seconds;
    details.queue_recognition_seconds = recognitionMs / 1000;
    return {
      queue_speedup_2w: one.seconds / two.seconds,
      queue_overhead_ms_per_job:
        ((one.seconds - kept.seconds) * 1000 - recognitionMs) / files.length,
    };
  } finally {
    await queue.close();
    await Promise.all(workers.map(stopWorker));
    await server.stop();
  }
}
