import { Fft } from './fft';

export interface VadOptions {
  sampleRate?: number;
  /** Frame energy must exceed the tracked noise floor by this much (default 12 dB). */
  thresholdDb?: number;
  /** Frames quieter than this are never speech (default −55 dBFS). */
  minEnergyDb?: number;
  /**
   * Frames whose spectral flatness (geometric / arithmetic mean of the power
   * spectrum, 100–4000 Hz) is at most this are voiced (default 0.4); flatter
   * frames (fricatives, noise) count as voiced only when very loud (threshold
   * + 12 dB above the floor).
   */
  maxFlatness?: number;
  /** A run of loud frames this long starts an utterance (default 60 ms)… */
  minSpeechMs?: number;
  /** …if it holds at least this much voiced sound (default 40 ms): a noise burst does not. */
  minVoicedMs?: number;
  /** Hangover: this much non-speech ends an utterance (default 300 ms). */
  minSilenceMs?: number;
  /** Reported boundaries are widened by this much on each side (default 100 ms). */
  padMs?: number;
  /** Starting noise floor; by default the first frame's energy (at most −45 dBFS). */
  initialNoiseFloorDb?: number;
  /**
   * `detectSpeech` only: utterances longer than this are cut at their quietest
   * 10 ms frame in the second half of the allowed span (default: no limit), so
   * minutes of continuous speech still reach the recognizer in pieces.
   */
  maxSegmentSeconds?: number;
}

export interface VadEvent {
  type: 'start' | 'end';
  /** Seconds from the beginning of the stream. */
  time: number;
}

/** An utterance found by `detectSpeech`, in seconds. */
export interface SpeechSegment {
  start: number;
  end: number;
}

const FRAME_MS = 10;
const WINDOW_MS = 25;
const FLOOR_DB = -100;
/**
 * The starting noise floor is never above this: a clip that is speech from
 * its first frame (FSDD is trimmed to the word) must not take speech for noise.
 */
const MAX_INITIAL_FLOOR_DB = -45;

/**
 * Streaming voice activity detector for endpointing: push samples, get
 * `start`/`end` events. Each 25 ms frame (10 ms hop) is loud when its energy
 * is above an adaptive noise floor (which follows quieter frames quickly and
 * rises slowly), and voiced when also its spectrum is not flat (harmonics). A
 * start needs a run of `minSpeechMs` loud frames holding `minVoicedMs` of
 * voiced ones, so fricatives at the edges belong to the utterance but noise
 * alone never starts one; an end needs `minSilenceMs` of quiet (the hangover).
 */
export class VoiceActivityDetector {
  private readonly rate: number;
  private readonly hop: number;
  private readonly window: number;
  private readonly o: Required<Omit<VadOptions, 'initialNoiseFloorDb' | 'maxSegmentSeconds'>>;
  private readonly fft = new Fft(512);
  private readonly re = new Float64Array(512);
  private readonly im = new Float64Array(512);
  private readonly hann: Float64Array;
  private readonly loBin: number;
  private readonly hiBin: number;
  private buffer = new Float32Array(0);
  private frame = 0; // index of the next frame to analyse
  private noiseFloor: number | undefined;
  private inSpeech = false;
  private speechRun = 0;
  private voicedRun = 0;
  private silenceRun = 0;
  private runStart = 0;
  private lastSpeech = 0;

  constructor(options: VadOptions = {}) {
    this.o = {
      sampleRate: options.sampleRate ?? 16000,
      thresholdDb: options.thresholdDb ?? 12,
      minEnergyDb: options.minEnergyDb ?? -55,
      maxFlatness: options.maxFlatness ?? 0.4,
      minSpeechMs: options.minSpeechMs ?? 60,
      minVoicedMs: options.minVoicedMs ?? 40,
      minSilenceMs: options.minSilenceMs ?? 300,
      padMs: options.padMs ?? 100,
    };
    this.noiseFloor = options.initialNoiseFloorDb;
    this.rate = this.o.sampleRate;
    this.hop = Math.round((this.rate * FRAME_MS) / 1000);
    this.window = Math.round((this.rate * WINDOW_MS) / 1000);
    if (this.window > 512)
      throw new RangeError(
        `VoiceActivityDetector: sample rate ${this.rate} is above 20 kHz; resample first`,
      );
    this.hann = Float64Array.from(
      { length: this.window },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (this.window - 1)),
    );
    this.loBin = Math.ceil((100 * 512) / this.rate);
    this.hiBin = Math.floor((Math.min(4000, this.rate / 2) * 512) / this.rate);
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  push(samples: Float32Array): VadEvent[] {
    const joined = new Float32Array(this.buffer.length + samples.length);
    joined.set(this.buffer);
    joined.set(samples, this.buffer.length);
    const events: VadEvent[] = [];
    let at = 0;
    while (at + this.window <= joined.length) {
      this.step(this.classify(joined, at), events);
      at += this.hop;
    }
    this.buffer = joined.slice(at);
    return events;
  }

  /** Ends the stream: closes an open utterance. */
  finish(): VadEvent[] {
    if (!this.inSpeech) return [];
    this.inSpeech = false;
    return [{ type: 'end', time: this.endTime() }];
  }

  private step(frame: 'quiet' | 'loud' | 'voiced', events: VadEvent[]): void {
    const t = this.frame++;
    const minSpeech = Math.max(1, Math.round(this.o.minSpeechMs / FRAME_MS));
    const minVoiced = Math.max(1, Math.round(this.o.minVoicedMs / FRAME_MS));
    const minSilence = Math.max(1, Math.round(this.o.minSilenceMs / FRAME_MS));
    if (frame !== 'quiet') {
      if (this.speechRun === 0) {
        this.runStart = t;
        this.voicedRun = 0;
      }
      this.speechRun++;
      if (frame === 'voiced') this.voicedRun++;
      this.silenceRun = 0;
      this.lastSpeech = t;
      if (!this.inSpeech && this.speechRun >= minSpeech && this.voicedRun >= minVoiced) {
        this.inSpeech = true;
        const start = (this.runStart * this.hop) / this.rate - this.o.padMs / 1000;
        events.push({ type: 'start', time: Math.max(0, start) });
      }
    } else {
      this.speechRun = 0;
      this.silenceRun++;
      if (this.inSpeech && this.silenceRun >= minSilence) {
        this.inSpeech = false;
        events.push({ type: 'end', time: this.endTime() });
      }
    }
  }

  private endTime(): number {
    const end = (this.lastSpeech * this.hop + this.window) / this.rate + this.o.padMs / 1000;
    return Math.min(end, (this.frame * this.hop + this.window + this.buffer.length) / this.rate);
  }

  private classify(x: Float32Array, at: number): 'quiet' | 'loud' | 'voiced' {
    const n = this.window;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[at + i];
    mean /= n;
    let energy = 0;
    const { re, im, hann } = this;
    for (let i = 0; i < n; i++) {
      const v = x[at + i] - mean;
      energy += v * v;
      re[i] = v * hann[i];
    }
    const db = Math.max(FLOOR_DB, 10 * Math.log10(energy / n + 1e-12));
    const floor = this.trackNoiseFloor(db);
    const above = db - floor;
    if (db < this.o.minEnergyDb || above < this.o.thresholdDb) return 'quiet';
    if (above >= this.o.thresholdDb + 12) return 'voiced';
    re.fill(0, n);
    im.fill(0);
    this.fft.transform(re, im);
    let logSum = 0;
    let sum = 0;
    for (let k = this.loBin; k <= this.hiBin; k++) {
      const p = re[k] * re[k] + im[k] * im[k] + 1e-20;
      logSum += Math.log(p);
      sum += p;
    }
    const bins = this.hiBin - this.loBin + 1;
    const flatness = Math.exp(logSum / bins) / (sum / bins);
    return flatness <= this.o.maxFlatness ? 'voiced' : 'loud';
  }

  /** Follows quieter frames quickly and louder ones slowly (slower still during speech). */
  private trackNoiseFloor(db: number): number {
    if (this.noiseFloor === undefined) this.noiseFloor = Math.min(db, MAX_INITIAL_FLOOR_DB);
    else if (db < this.noiseFloor) this.noiseFloor += 0.3 * (db - this.noiseFloor);
    else this.noiseFloor += (this.inSpeech ? 0.0005 : 0.002) * (db - this.noiseFloor);
    return this.noiseFloor;
  }
}

/**
 * Utterances in a whole recording (long files are split here before
 * recognition). The noise floor starts at the 5th percentile of frame energies
 * (at most −45 dBFS) so speech at the very start is found too.
 */
export function detectSpeech(samples: Float32Array, options: VadOptions = {}): SpeechSegment[] {
  const rate = options.sampleRate ?? 16000;
  const energies = frameEnergiesDb(samples, rate);
  if (energies.length === 0) return [];
  const sorted = Float64Array.from(energies).sort();
  const vad = new VoiceActivityDetector({
    ...options,
    initialNoiseFloorDb:
      options.initialNoiseFloorDb ?? sorted[Math.floor(0.05 * (sorted.length - 1))],
  });
  const events = [...vad.push(samples), ...vad.finish()];
  const segments: SpeechSegment[] = [];
  for (const e of events) {
    if (e.type === 'start') segments.push({ start: e.time, end: e.time });
    else segments[segments.length - 1].end = e.time;
  }
  const max = options.maxSegmentSeconds;
  return max === undefined ? segments : segments.flatMap((s) => splitLong(s, max, energies));
}

/** Cuts a segment into pieces of at most `max` seconds at the quietest frames. */
function splitLong(segment: SpeechSegment, max: number, energies: Float64Array): SpeechSegment[] {
  if (!(max > 0.5)) throw new RangeError(`maxSegmentSeconds must be above 0.5 s, got ${max}`);
  const pieces: SpeechSegment[] = [];
  let start = segment.start;
  const hop = FRAME_MS / 1000;
  while (segment.end - start > max) {
    let cut = start + max;
    let quietest = Infinity;
    const last = Math.min(energies.length - 1, Math.floor((start + max) / hop));
    for (let f = Math.ceil((start + max / 2) / hop); f <= last; f++) {
      if (energies[f] < quietest) {
        quietest = energies[f];
        cut = f * hop + WINDOW_MS / 2000; // the frame's centre
      }
    }
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: segment.end });
  return pieces;
}

/** The samples of each detected utterance (silence between them dropped). */
export function splitUtterances(
  samples: Float32Array,
  options: VadOptions = {},
): { segment: SpeechSegment; samples: Float32Array }[] {
  const rate = options.sampleRate ?? 16000;
  return detectSpeech(samples, options).map((segment) => ({
    segment,
    samples: samples.subarray(Math.floor(segment.start * rate), Math.ceil(segment.end * rate)),
  }));
}

/** Leading and trailing silence removed (all of the audio when no speech is found). */
export function trimSilence(samples: Float32Array, options: VadOptions = {}): Float32Array {
  const rate = options.sampleRate ?? 16000;
  const segments = detectSpeech(samples, options);
  if (segments.length === 0) return samples;
  return samples.subarray(
    Math.floor(segments[0].start * rate),
    Math.ceil(segments[segments.length - 1].end * rate),
  );
}

/** Energy (dBFS, DC removed) of each 25 ms frame at a 10 ms hop. */
function frameEnergiesDb(samples: Float32Array, rate: number): Float64Array {
  const hop = Math.round((rate * FRAME_MS) / 1000);
  const window = Math.round((rate * WINDOW_MS) / 1000);
  const frames = samples.length < window ? 0 : 1 + Math.floor((samples.length - window) / hop);
  const energies = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const at = f * hop;
    let mean = 0;
    for (let i = 0; i < window; i++) mean += samples[at + i];
    mean /= window;
    let e = 0;
    for (let i = 0; i < window; i++) e += (samples[at + i] - mean) ** 2;
    energies[f] = Math.max(FLOOR_DB, 10 * Math.log10(e / window + 1e-12));
  }
  return energies;
}
