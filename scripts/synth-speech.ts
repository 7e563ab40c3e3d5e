/**
 * Synthetic training speech from Debian's espeak-ng, flite and festival: many
 * voices, speaking rates and pitches reading given sentences, written as 16 kHz
 * 16-bit mono WAVs plus a NeMo manifest. Runs the synthesisers as parallel
 * processes and caches each utterance under a hash of (engine, voice, rate,
 * pitch, text), so re-running only makes what is missing.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { seededRandom } from '../engine/index';
import {
  type ManifestEntry,
  normalizeTranscript,
  readAudioFile,
  writeManifest,
  writeWavFile,
} from '../engine/node/index';
import { an4StyleSentences, speakableText, type Random } from './synth-vocabulary';
import { exitWithUsage, parseScriptArgs } from './script-args';

const run = promisify(execFile);

export type SynthEngine = 'espeak-ng' | 'flite' | 'festival';

export interface SynthRequest {
  engine: SynthEngine;
  voice: string;
  /** Words per minute (espeak-ng's scale; flite and festival get a duration stretch of 175/rate). */
  rate: number;
  /** 0–99 (espeak-ng's scale; flite and festival get a mean F0 of 70 + 1.6·pitch Hz). */
  pitch: number;
  /** Lower-case words: the transcript. */
  text: string;
  /**
   * What the synthesiser reads instead of the transcript: a respelling in the
   * voice's own language, so a non-English voice says the English word with
   * that language's sounds (an accent; see synth-accents.ts).
   */
  spoken?: string;
}

export interface SynthEntry extends ManifestEntry {
  synth: Omit<SynthRequest, 'text'>;
}

export interface SynthOptions {
  outDir: string;
  /** Parallel synthesiser processes (default 2: the machine has two cores). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Voices used per engine (espeak-ng voice+variant; flite built-in voices; festival voices). */
export const VOICES: Record<SynthEngine, string[]> = {
  'espeak-ng': [
    'en-us',
    'en-us+m3',
    'en-us+m7',
    'en-us+f2',
    'en-us+f4',
    'en+m1',
    'en+m5',
    'en+f1',
    'en+f3',
    'en-gb-x-rp',
    'en-gb-scotland+m4',
    'en-us+klatt',
    'en-us+klatt4',
    'en+croak',
  ],
  flite: ['kal', 'kal16', 'awb', 'rms', 'slt'],
  festival: ['kal_diphone'],
};

const BINARIES: Record<SynthEngine, string> = {
  'espeak-ng': 'espeak-ng',
  flite: 'flite',
  festival: 'text2wave',
};

/** The engines whose binaries are installed. */
export function availableEngines(): SynthEngine[] {
  return (Object.keys(BINARIES) as SynthEngine[]).filter((engine) => {
    try {
      execFileSync('sh', ['-c', `command -v ${BINARIES[engine]}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

/** Random (engine, voice, rate 120–200, pitch 30–70) variants of each sentence. */
export function planSynthesis(
  sentences: string[],
  options: { variants: number; rng: Random; engines?: SynthEngine[] },
): SynthRequest[] {
  const engines = options.engines ?? availableEngines();
  if (engines.length === 0)
    throw new Error('no speech synthesiser installed (apt install espeak-ng flite festival)');
  const requests: SynthRequest[] = [];
  for (const sentence of sentences) {
    const text = normalizeTranscript(sentence);
    if (!text) continue;
    for (let v = 0; v < options.variants; v++) {
      const engine = engines[Math.floor(options.rng() * engines.length)];
      const voices = VOICES[engine];
      requests.push({
        engine,
        voice: voices[Math.floor(options.rng() * voices.length)],
        rate: 120 + Math.round(options.rng() * 80),
        pitch: 30 + Math.round(options.rng() * 40),
        text,
      });
    }
  }
  return requests;
}

/** Cache key: the same request always maps to the same file. */
export function requestHash(r: SynthRequest): string {
  return createHash('sha1')
    .update(
      JSON.stringify([r.engine, r.voice, r.rate, r.pitch, r.text, ...(r.spoken ? [r.spoken] : [])]),
    )
    .digest('hex')
    .slice(0, 16);
}

let fliteVoices: string[] | undefined;

/** flite silently falls back to its default voice for an unknown name: check the list first. */
function checkFliteVoice(voice: string): void {
  fliteVoices ??= execFileSync('flite', ['-lv'], { encoding: 'utf8' })
    .replace(/^.*?:/, '')
    .trim()
    .split(/\s+/);
  if (!fliteVoices.includes(voice)) {
    throw new Error(`unknown flite voice '${voice}' (installed: ${fliteVoices.join(', ')})`);
  }
}

/** Runs the request's synthesiser, writing its own WAV (any rate) to `wavPath`; `scratch` prefixes temporary files. */
export async function runEngine(r: SynthRequest, wavPath: string, scratch: string): Promise<void> {
  const f0 = (70 + 1.6 * r.pitch).toFixed(0);
  const stretch = (175 / r.rate).toFixed(3);
  const say = r.spoken ?? speakableText(r.text, r.engine);
  if (r.engine === 'espeak-ng') {
    await run('espeak-ng', [
      '-v',
      r.voice,
      '-s',
      String(r.rate),
      '-p',
      String(r.pitch),
      '-w',
      wavPath,
      say,
    ]);
  } else if (r.engine === 'flite') {
    checkFliteVoice(r.voice);
    await run('flite', [
      '-voice',
      r.voice,
      '--setf',
      `duration_stretch=${stretch}`,
      '--setf',
      `int_f0_target_mean=${f0}`,
      '-t',
      say,
      '-o',
      wavPath,
    ]);
  } else {
    const textFile = `${scratch}.txt`;
    writeFileSync(textFile, say);
    try {
      await run('text2wave', [
        '-o',
        wavPath,
        textFile,
        '-eval',
        `(voice_${r.voice})`,
        '-eval',
        `(Parameter.set 'Duration_Stretch ${stretch})`,
        '-eval',
        `(set! int_lr_params '((target_f0_mean ${f0}) (target_f0_std 15) (model_f0_mean 170) (model_f0_std 34)))`,
      ]);
    } finally {
      rmSync(textFile, { force: true });
    }
  }
}

/** Makes (or reuses from the cache) one 16 kHz WAV per request; failures are reported, not thrown. */
export async function synthesize(
  requests: SynthRequest[],
  options: SynthOptions,
): Promise<{ entries: SynthEntry[]; failures: { request: SynthRequest; error: string }[] }> {
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const entries: (SynthEntry | undefined)[] = new Array(requests.length);
  const failures: { request: SynthRequest; error: string }[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const r = requests[index];
      const path = join(outDir, `${requestHash(r)}.wav`);
      try {
        if (!existsSync(path)) {
          const scratch = join(outDir, `.${requestHash(r)}.${process.pid}`);
          const raw = `${scratch}.wav`;
          try {
            await runEngine(r, raw, scratch);
            writeWavFile(path, readAudioFile(raw).samples, 16000);
          } finally {
            rmSync(raw, { force: true });
          }
        }
        // Files we wrote have the canonical 44-byte header: 2 bytes per sample at 16 kHz.
        const duration = Math.round(((statSync(path).size - 44) / 32000) * 1e4) / 1e4;
        const { text, spoken: _spoken, ...synth } = r;
        entries[index] = {
          audio_filepath: path,
          duration,
          text,
          speaker: `${r.engine}:${r.voice}`,
          synth,
        };
      } catch (err) {
        failures.push({
          request: r,
          error: err instanceof Error ? err.message.split('\n')[0] : String(err),
        });
      }
      options.onProgress?.(++done, requests.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, requests.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { entries: entries.filter((e): e is SynthEntry => e !== undefined), failures };
}

const USAGE = `usage: npx tsx scripts/synth-speech.ts --out DIR [--manifest M.jsonl]
    [--sentences FILE | --an4 N] [--variants K] [--seed S] [--concurrency C]`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseScriptArgs(
    USAGE,
    {
      out: { type: 'string' },
      manifest: { type: 'string' },
      sentences: { type: 'string' },
      an4: { type: 'string' },
      variants: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '2' },
    },
    { args: argv },
  );
  if (!values.out) exitWithUsage(USAGE, '--out is required');
  const rng = seededRandom(Number(values.seed));
  const sentences = values.sentences
    ? readFileSync(values.sentences, 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim())
    : an4StyleSentences(Number(values.an4 ?? 100), rng);
  const requests = planSynthesis(sentences, { variants: Number(values.variants), rng });
  const started = Date.now();
  const { entries, failures } = await synthesize(requests, {
    outDir: values.out,
    concurrency: Number(values.concurrency),
    onProgress: (done, total) => process.stderr.isTTY && process.stderr.write(`\r${done}/${total}`),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const f of failures)
    console.error(`${f.request.engine} ${f.request.voice} '${f.request.text}': ${f.error}`);
  const manifest = values.manifest ?? join(values.out, 'manifest.jsonl');
  writeManifest(manifest, entries);
  const seconds = entries.reduce((s, e) => s + e.duration, 0);
  console.log(
    `${manifest}\t${entries.length} utterances, ${(seconds / 60).toFixed(1)} min of audio, ` +
      `${failures.length} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failures.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
