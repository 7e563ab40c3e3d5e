import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_INK_FEATURE_CONFIG, inkFeatureNames } from '../../ink/index';
import {
  assetsDir,
  decodeParamsFor,
  decodeResourcesFor,
  listModels,
  readWordList,
  type ModelRole,
} from '../use-cases/models/model-store';
import type { Kernels } from '../../kernels/kernels';
import { readingModel, saveModel, type ModelInfo } from '../../model/vbm';
import type { Architecture } from '../../nn/architecture';
import { Network } from '../../nn/network';
import {
  defaultDecodeParams,
  type DecodeParams,
  type DecodeResources,
} from '../../recognize/decode-params';
import { SPEECH_ALPHABET } from '../../recognize/labels';
import { loadRecognizer, type Recognizer } from '../../recognize/recognizer';
import { defaultSpeechFrontEnd, speechInputSize } from '../../recognize/speech-front-end';
import { readModelBytes } from '../io/model-files';

/** A model to benchmark with the decoding resources it is used with. */
export interface BenchModel {
  recognizer: Recognizer;
  /** The `.vbm` bytes (to time loading). */
  bytes: Uint8Array;
  params: DecodeParams;
  /** Its LM and lexicon as text (decoder set-up is timed from the text). */
  resources: DecodeResources;
  /** 'shipped <name>' or 'untrained stand-in' (speed does not depend on the weights). */
  model: string;
  architecture: Architecture;
}

export const UNTRAINED_STAND_IN = 'untrained stand-in';

/** The recipe of the shipped speech model (scripts/recipes/models/speech-en.json): 3×BiLSTM 128 on 40 log-mel × 3. */
export const speechRecipeArchitecture: Architecture = {
  inputSize: speechInputSize(defaultSpeechFrontEnd),
  layers: Array.from({ length: 3 }, () => ({
    cell: 'lstm' as const,
    hidden: 128,
    bidirectional: true,
  })),
  head: 'ctc',
  outputSize: SPEECH_ALPHABET.length,
  dropout: 0.15,
};

/**
 * The space and printable ASCII: the output symbols of the shipped word model
 * (scripts/recipes/models/ink-words.json, charset printable-space), in its order.
 */
const SPACE_AND_PRINTABLE = [
  ' ',
  ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)),
];

/** The recipe of the shipped word model: 2×BiLSTM 160, frames stacked ×2 after layer 1. */
export const wordsRecipeArchitecture: Architecture = {
  inputSize: inkFeatureNames(DEFAULT_INK_FEATURE_CONFIG).length,
  layers: [
    { cell: 'lstm', hidden: 160, bidirectional: true, subsample: { mode: 'stack', factor: 2 } },
    { cell: 'lstm', hidden: 160, bidirectional: true },
  ],
  head: 'ctc',
  outputSize: 1 + SPACE_AND_PRINTABLE.length,
  dropout: 0,
};

function shipped(role: ModelRole) {
  return listModels().find((m) => m.role === role && m.shipped);
}

/** The shipped model of `role` when installed, else a freshly initialised one of the recipe's shape. */
function benchModel(
  role: ModelRole,
  kernels: Kernels,
  standIn: { architecture: Architecture; info: ModelInfo; resources: () => DecodeResources },
): BenchModel {
  const entry = shipped(role);
  if (entry) {
    const bytes = readModelBytes(entry.path);
    const recognizer = readingModel(entry.path, () => loadRecognizer(bytes, { kernels }));
    return {
      recognizer,
      bytes,
      params: decodeParamsFor(entry),
      resources: decodeResourcesFor(entry),
      model: `shipped ${entry.name}`,
      architecture: recognizer.network.architecture,
    };
  }
  const bytes = saveModel(new Network(standIn.architecture, { seed: 1 }), standIn.info);
  return {
    recognizer: loadRecognizer(bytes, { kernels }),
    bytes,
    params: defaultDecodeParams(),
    resources: standIn.resources(),
    model: UNTRAINED_STAND_IN,
    architecture: standIn.architecture,
  };
}

const asset = (path: string) => {
  const p = join(assetsDir, path);
  return existsSync(p) ? p : undefined;
};

/** The default speech model; the stand-in decodes with the shipped LM and lexicon when present. */
export function speechBenchModel(kernels: Kernels): BenchModel {
  return benchModel('speech', kernels, {
    architecture: speechRecipeArchitecture,
    info: {
      kind: 'speech',
      alphabet: [...SPEECH_ALPHABET],
      featureConfig: { ...defaultSpeechFrontEnd },
    },
    resources: () => {
      const lm = asset('lm/speech-en.3gram.arpa');
      const lexicon = asset('lexicons/speech-en.txt');
      return {
        lmArpa: lm ? readFileSync(lm, 'utf8') : null,
        lmUnit: 'word',
        lexicon: lexicon ? readWordList(lexicon) : null,
      };
    },
  });
}

/** The default handwriting word model; the stand-in decodes with the word lexicon (or Debian's word list). */
export function wordsBenchModel(kernels: Kernels): BenchModel {
  return benchModel('words', kernels, {
    architecture: wordsRecipeArchitecture,
    info: {
      kind: 'ink',
      alphabet: ['', ...SPACE_AND_PRINTABLE],
      featureConfig: { ...DEFAULT_INK_FEATURE_CONFIG },
    },
    resources: () => {
      const list = asset('lexicons/ink-words.txt') ?? '/usr/share/dict/american-english';
      return {
        lmArpa: null,
        lmUnit: 'word',
        lexicon: existsSync(list)
          ? readWordList(list).filter((w) => /^[\x21-\x7e]+$/.test(w))
          : null,
      };
    },
  });
}
