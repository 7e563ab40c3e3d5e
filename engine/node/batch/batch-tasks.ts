/**
 * The work of the batch commands as plain data, so that the same task runs in
 * this thread, in a worker thread (`--jobs N`) or in a `verbatim worker` on
 * another machine (`--redis URL`), and its outcome prints the same everywhere.
 */
import type { Ink } from '../../ink/ink';
import type { RecognitionResult } from '../../recognize/result';

/** One input of a batch command. */
export type BatchTask =
  /** `transcribe`: one audio file, read by path or sent along (`bytes`, with --ship). */
  | { op: 'transcribe'; input: string; raw?: string; bytes?: Uint8Array }
  /**
   * `recognize-ink`: one ink file, read by path, or its items parsed by the
   * submitter (--ship; `readError` when it could not read them).
   */
  | {
      op: 'ink-file';
      input: string;
      unipenRoot?: string;
      items?: ShippedInkItem[];
      readError?: string;
    }
  /** `eval speech`: one utterance of a manifest. */
  | { op: 'eval-speech'; audio: string; format?: string; bytes?: Uint8Array }
  /** `eval ink`: one labelled segment (always sent along: the submitter parsed the category). */
  | { op: 'eval-ink'; ink: Ink };

/** The task of one op. */
export type TaskOf<Op extends BatchTask['op']> = Extract<BatchTask, { op: Op }>;

export interface ShippedInkItem {
  item: number;
  label?: string;
  ink: Ink;
}

export type TranscribeOutcome =
  { result: RecognitionResult; duration: number; elapsedMs: number } | { error: string };

export type InkItemOutcome =
  | {
      item: number;
      label?: string;
      text: string;
      /** Positions in point indices of the item's ink. */
      words: RecognitionResult['words'];
      nbest: RecognitionResult['nbest'];
    }
  | { item: number; error: string };

/** `skipped`: what the tolerant UNIPEN reader left out of the file (describeUnipenSkip). */
export type InkFileOutcome = { items: InkItemOutcome[]; skipped?: string[] } | { error: string };

export type HypothesisOutcome = { hypothesis: string } | { error: string };

/** What a task gives back, by its op. */
export interface OutcomeOf {
  transcribe: TranscribeOutcome;
  'ink-file': InkFileOutcome;
  'eval-speech': HypothesisOutcome;
  'eval-ink': HypothesisOutcome;
}

export type BatchOutcome = OutcomeOf[keyof OutcomeOf];

/** The kind of model every op needs. */
export const MODEL_KIND_OF_OP = {
  transcribe: 'speech',
  'ink-file': 'ink',
  'eval-speech': 'speech',
  'eval-ink': 'ink',
} as const satisfies Record<BatchTask['op'], 'speech' | 'ink'>;
