import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import type { Kernels } from '../../kernels/kernels';
import {
  createDecoder,
  prepareDecodeResources,
  type DecodeParams,
  type PreparedResources,
} from '../../recognize/decode-params';
import { recognizeInk } from '../../recognize/ink';
import { loadRecognizer, type Recognizer } from '../../recognize/recognizer';
import { transcribeSamples } from '../../recognize/speech';
import { TARGET_SAMPLE_RATE } from '../../audio/index';
import { decodeAudioFile, readAudioFile } from '../io/audio-files';
import { readInkFile } from '../io/ink-files';
import { UnipenReader, findUnipenRoot } from '../io/unipen-files';
import { describeUnipenSkip } from '../../ink/unipen-file';
import type {
  BatchTask,
  HypothesisOutcome,
  InkFileOutcome,
  InkItemOutcome,
  OutcomeOf,
  ShippedInkItem,
  TranscribeOutcome,
} from './batch-tasks';
import { MODEL_KIND_OF_OP } from './batch-tasks';
import type { RecognitionSetup } from './recognition-setup';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Runs batch tasks with one model and one decoder, both built once: the body
 * of every batch command, whichever thread or machine it runs on. Bad input
 * gives an outcome with an error, never a throw, so one poisoned input cannot
 * stop the others.
 */
export class BatchRunner {
  readonly recognizer: Recognizer;
  /** The parsed LM and lexicon trie, which PoolExecutor shares with its worker threads. */
  readonly prepared: PreparedResources;
  private readonly params: DecodeParams;
  private readonly decoder: BeamSearchDecoder;
  private readonly inkFiles = new InkFileReader();

  /** `prepared`: the setup's resources as another thread prepared them (setup.resources is then not read). */
  constructor(setup: RecognitionSetup, kernels?: Kernels, prepared?: PreparedResources) {
    this.recognizer = loadRecognizer(setup.model, { kernels });
    // The LM and word list live on parsed; their text is not kept.
    this.prepared = prepared ?? prepareDecodeResources(this.recognizer.labels, setup.resources);
    this.decoder = createDecoder(this.recognizer.labels, setup.params, this.prepared);
    this.params = setup.params;
  }

  run<T extends BatchTask>(task: T): OutcomeOf[T['op']] {
    const steps = this.steps(task);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The task's work in steps, its outcome last: an ink file yields after each
   * item, so a thread that also feeds worker threads (PoolExecutor) can answer
   * them between items instead of once per file (a file holds up to hundreds).
   */
  *steps<T extends BatchTask>(task: T): Generator<void, OutcomeOf[T['op']]> {
    const wanted = MODEL_KIND_OF_OP[task.op];
    if (this.recognizer.kind !== wanted)
      return {
        error: `this is a ${this.recognizer.kind} model; ${task.op} needs a ${wanted} model`,
      };
    switch (task.op) {
      case 'transcribe':
        return this.transcribe(task) as OutcomeOf[T['op']];
      case 'ink-file':
        return (yield* this.inkFile(task)) as OutcomeOf[T['op']];
      case 'eval-speech':
        return this.evalSpeech(task) as OutcomeOf[T['op']];
      case 'eval-ink':
        return this.hypothesis(
          () => recognizeInk(this.recognizer, task.ink, this.params, this.decoder).text,
        ) as OutcomeOf[T['op']];
    }
  }

  private transcribe(task: Extract<BatchTask, { op: 'transcribe' }>): TranscribeOutcome {
    const started = performance.now();
    try {
      const audio = decodeAudioFile(task.input, { raw: task.raw }, task.bytes);
      const duration = audio.samples.length / audio.sampleRate;
      const result = transcribeSamples(
        this.recognizer,
        audio.samples,
        audio.sampleRate,
        this.params,
        {
          decoder: this.decoder,
        },
      );
      return {
        result,
        duration: round3(duration),
        elapsedMs: Math.round(performance.now() - started),
      };
    } catch (err) {
      return { error: message(err) };
    }
  }

  private *inkFile(task: Extract<BatchTask, { op: 'ink-file' }>): Generator<void, InkFileOutcome> {
    let items: ShippedInkItem[];
    const skipped: string[] = [];
    try {
      if (task.readError !== undefined) return { error: task.readError };
      items = task.items ?? this.inkFiles.read(task.input, task.unipenRoot, (s) => skipped.push(s));
    } catch (err) {
      return { error: inkReadError(task.input, err) };
    }
    const outcomes: InkItemOutcome[] = [];
    for (const it of items) {
      if (outcomes.length > 0) yield;
      try {
        const r = recognizeInk(this.recognizer, it.ink, this.params, this.decoder);
        outcomes.push({
          item: it.item,
          ...(it.label === undefined ? {} : { label: it.label }),
          text: r.text,
          words: r.words,
          nbest: r.nbest,
        });
      } catch (err) {
        outcomes.push({ item: it.item, error: message(err) });
      }
    }
    return skipped.length ? { items: outcomes, skipped } : { items: outcomes };
  }

  private evalSpeech(task: Extract<BatchTask, { op: 'eval-speech' }>): HypothesisOutcome {
    return this.hypothesis(() => {
      const audio = readAudioFile(task.audio, task.format ? { raw: task.format } : {}, task.bytes);
      return transcribeSamples(this.recognizer, audio.samples, TARGET_SAMPLE_RATE, this.params, {
        decoder: this.decoder,
      }).text;
    });
  }

  private hypothesis(recognize: () => string): HypothesisOutcome {
    try {
      return { hypothesis: recognize() };
    } catch (err) {
      return { error: message(err) };
    }
  }
}

/** Why an ink file could not be read, as `recognize-ink` prints it (after the input's name). */
export function inkReadError(input: string, err: unknown): string {
  return message(err).replace(`${input}: `, '');
}

/**
 * Reads ink files as `recognize-ink` does, with one UNIPEN reader per tree so
 * pen files shared by many segment files are parsed once; a lab's pen data is
 * let go when the inputs move on to another lab (as `eval ink` does), so a
 * long run does not keep every lab's. UNIPEN is read tolerantly: a bad point,
 * `.SEGMENT` line or segment is left out and reported to `onSkip` (once per pen
 * file, which is parsed once), and the rest of the file is read.
 */
export class InkFileReader {
  private readonly trees = new Map<string, { reader: UnipenReader; lab: string }>();
  private onSkip: ((skip: string) => void) | undefined;

  /** The items of a file (a missing file is an error that says so). */
  read(input: string, unipenRoot?: string, onSkip?: (skip: string) => void): ShippedInkItem[] {
    if (!existsSync(input)) throw new Error('no such file');
    let reader: UnipenReader | undefined;
    if (input.endsWith('.dat')) {
      const key = unipenRoot ?? findUnipenRoot(input) ?? input;
      let tree = this.trees.get(key);
      if (!tree) {
        const reader = UnipenReader.forPath(input, unipenRoot, {
          onSkip: (skip) => this.onSkip?.(describeUnipenSkip(skip)),
        });
        tree = { reader, lab: '' };
        this.trees.set(key, tree);
      }
      // data/<category>/<lab>/…: the labs of a tree share no pen files.
      const lab = relative(join(tree.reader.root, 'data'), input).split(sep)[1] ?? '';
      if (lab !== tree.lab) tree.reader.clearCache();
      tree.lab = lab;
      reader = tree.reader;
    }
    this.onSkip = onSkip;
    try {
      return readInkFile(input, { unipenRoot, unipenReader: reader });
    } finally {
      this.onSkip = undefined;
    }
  }
}
