import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModel, readingModel, type ModelKind } from '../../model/vbm';
import { knobsKey, type DecodeParams, type DecodeResources } from '../../recognize/decode-params';
import { readModelBytes } from '../io/model-files';
import {
  decodeParamsFor,
  decodeResourcesFor,
  readWordList,
  type ExplicitDecodeParams,
  type ModelSource,
  type Vocabulary,
} from '../use-cases/models/model-store';

/**
 * Everything a batch worker needs to recognize, self-contained so it can be
 * shipped to a worker thread or, through Redis, to another machine: the model
 * file's bytes, the knobs, and the model's decoding resources as text. A
 * worker loads the model and builds the decoder from it once, then runs any
 * number of tasks.
 */
export interface RecognitionSetup {
  model: Uint8Array;
  params: DecodeParams;
  resources: DecodeResources;
}

/**
 * The setup of a model package for a batch command: its bytes (validated
 * here, so a bad file is refused before any task), its knobs (the command's
 * flags in `params` over the model's own, decodeParamsFor) and resources
 * under `vocabulary`, with --lm FILE.arpa and --lexicon FILE replacing the
 * model's own LM and word list. Returns the model's kind too.
 */
export function recognitionSetupFor(
  source: ModelSource,
  options: {
    vocabulary?: Vocabulary;
    lm?: string;
    lexicon?: string;
    params?: ExplicitDecodeParams;
  } = {},
): { setup: RecognitionSetup; kind: ModelKind } {
  const model = readModelBytes(source.path);
  const { header } = readingModel(source.path, () => loadModel(model));
  const vocabulary = options.vocabulary ?? 'lexicon';
  const resources = decodeResourcesFor(source, vocabulary);
  if (options.lm) resources.lmArpa = readFileSync(resolve(options.lm), 'utf8');
  if (options.lexicon) resources.lexicon = readWordList(resolve(options.lexicon));
  return {
    setup: { model, params: decodeParamsFor(source, vocabulary, options.params), resources },
    kind: header.kind,
  };
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The identity of a setup: a hash of the model's bytes, of the knobs and of
 * the LM and lexicon, so equal setups share cached workers and queued
 * results, and any change to the model, a knob or a resource gives a new one.
 */
export function setupIdentity(setup: RecognitionSetup): string {
  const { lmArpa, lmUnit, lexicon } = setup.resources;
  const parts = [
    sha256(setup.model),
    sha256(lmArpa ?? ''),
    sha256(lexicon ? lexicon.join('\n') : ''),
    sha256(knobsKey(setup.params)),
    lexicon ? 'lexicon' : 'no-lexicon',
    lmUnit,
  ];
  return sha256(parts.join(':'));
}
