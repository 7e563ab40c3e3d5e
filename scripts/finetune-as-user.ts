/**
 * Fine-tuning as a user gets it, for scripts/finetune-experiment.ts: trained
 * through trainOnData (the path of `verbatim train --base` and the app's
 * Train), registered in VERBATIM_HOME as they register it (with what it
 * inherits from its base: LM, lexicon, character LM, charset, broad flag,
 * decode settings), read back from the registry, and scored with the
 * decoding that entry gives, as well as greedy (no LM, beam 1).
 */
import {
  type DecodeParams,
  type DecodeResources,
  modalityOf,
  type Recognizer,
} from '../engine/index';
import {
  decodeParamsFor,
  decodeResourcesFor,
  type ErrorRates,
  type EvalSummary,
  loadBestKernels,
  loadModelEntry,
  type ModelEntry,
  registerUserModel,
  resolveModel,
  trainOnData,
  type TrainEvents,
  type TrainRequest,
} from '../engine/node/index';

/** Scores a recognizer on the experiment's test samples with these knobs and resources. */
export type Evaluate = (
  recognizer: Recognizer,
  params: DecodeParams,
  resources: DecodeResources,
) => EvalSummary;

export interface UserScores {
  /** With the entry's own decoding (its LM, lexicon, charset and tuned knobs), as the app decodes. */
  decoded: ErrorRates;
  /** Greedy: beam 1 without LM or lexicon (the entry's charset still applies). */
  greedy: ErrorRates;
}

/** Scores a registered model with the decoding the app gives it, and greedy. */
export function scoreAsUser(entry: ModelEntry, evaluate: Evaluate): UserScores {
  const recognizer = loadModelEntry(entry, loadBestKernels());
  const rates = ({ wer, cer }: EvalSummary) => ({ wer, cer });
  return {
    decoded: rates(evaluate(recognizer, decodeParamsFor(entry), decodeResourcesFor(entry))),
    greedy: rates(
      evaluate(
        recognizer,
        decodeParamsFor(entry, 'none', { beamWidth: 1 }),
        decodeResourcesFor(entry, 'none'),
      ),
    ),
  };
}

/**
 * Fine-tunes `req.base` and registers the result as `name` (the registry of
 * VERBATIM_HOME, as `verbatim train --base` does without --out); returns the
 * registered entry as the app reads it back, and the training minutes.
 */
export async function fineTuneAsUser(
  req: TrainRequest & { base: string },
  name: string,
  events: TrainEvents = {},
): Promise<{ entry: ModelEntry; minutes: number }> {
  const base = resolveModel(req.base, modalityOf(req.kind).roles[0]);
  const result = await trainOnData(req, events);
  registerUserModel({ ...result.decoding, name, role: base.role, path: result.out });
  return { entry: resolveModel(name, base.role), minutes: result.seconds / 60 };
}
