// Tiny untrained networks, and their models, for tests that need a real model but not a good
// one: what they read is arbitrary, yet fixed by the seed, so a test may pin it. Platform-free,
// for the core's tests; engine/node/test-support re-exports it for the Node side and the app.
// Only tests import it, so no build ships it.
import { DEFAULT_INK_FEATURE_CONFIG, inkFeatureNames, type InkFeatureConfig } from '../ink/index';
import { saveModel, type TensorEncoding } from '../model/vbm';
import { Network } from '../nn/network';
import { defaultSpeechFrontEnd, SPEECH_ALPHABET, speechInputSize } from '../recognize/index';

/** Which tiny network: the seed of its weights and the width of its BiLSTM. */
export interface TinySize {
  seed?: number;
  hidden?: number;
}

/** An untrained 1×BiLSTM `hidden` (4 unless told; seed 1) with a CTC head. */
function tinyCtcNetwork(
  inputSize: number,
  outputSize: number,
  { seed = 1, hidden = 4 }: TinySize,
): Network {
  return new Network(
    {
      inputSize,
      layers: [{ cell: 'lstm', hidden, bidirectional: true }],
      head: 'ctc',
      outputSize,
      dropout: 0,
    },
    { seed },
  );
}

/** An untrained 1×BiLSTM `hidden` over the default speech front end, CTC over the speech alphabet. */
export function tinySpeechNetwork(seed?: number, hidden?: number): Network {
  return tinyCtcNetwork(speechInputSize(defaultSpeechFrontEnd), SPEECH_ALPHABET.length, {
    seed,
    hidden,
  });
}

/** A tiny speech model: its network, and the training record and weight encoding of its file. */
export interface TinySpeechModel extends TinySize {
  training?: Record<string, unknown>;
  weights?: TensorEncoding;
}

/** The `.vbm` bytes of tinySpeechNetwork as a speech model. */
export function tinySpeechModelBytes(o: TinySpeechModel = {}): Uint8Array {
  return saveModel(
    tinySpeechNetwork(o.seed, o.hidden),
    {
      kind: 'speech',
      alphabet: [...SPEECH_ALPHABET],
      featureConfig: { ...defaultSpeechFrontEnd },
      training: o.training,
    },
    { weights: o.weights },
  );
}

/**
 * The `.vbm` bytes of an untrained ink model writing `alphabet` (blank first) over the default
 * ink features, with the changes `featureConfig` makes to them.
 */
export function tinyInkModelBytes(
  o: TinySize & { alphabet: string[]; featureConfig?: Partial<InkFeatureConfig> },
): Uint8Array {
  const featureConfig = { ...DEFAULT_INK_FEATURE_CONFIG, ...o.featureConfig };
  return saveModel(tinyCtcNetwork(inkFeatureNames(featureConfig).length, o.alphabet.length, o), {
    kind: 'ink',
    alphabet: o.alphabet,
    featureConfig,
  });
}
