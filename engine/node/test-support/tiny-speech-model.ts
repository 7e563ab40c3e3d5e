import type { TensorEncoding } from '../../model/vbm';
import { Network } from '../../nn/network';
import { defaultSpeechFrontEnd, SPEECH_ALPHABET, speechInputSize } from '../../recognize/index';
import { writeModelFile } from '../io/model-files';

/** An untrained 1×BiLSTM `hidden` over the default speech front end, CTC over the speech alphabet. */
export function tinySpeechNetwork(seed = 1, hidden = 4): Network {
  return new Network(
    {
      inputSize: speechInputSize(defaultSpeechFrontEnd),
      layers: [{ cell: 'lstm', hidden, bidirectional: true }],
      head: 'ctc',
      outputSize: SPEECH_ALPHABET.length,
      dropout: 0,
    },
    { seed },
  );
}

/** Writes a tiny untrained speech model (what it reads is arbitrary) to `path`; returns the path. */
export function writeTinySpeechModel(
  path: string,
  o: { seed?: number; training?: Record<string, unknown>; weights?: TensorEncoding } = {},
): string {
  writeModelFile(
    path,
    tinySpeechNetwork(o.seed),
    {
      kind: 'speech',
      alphabet: [...SPEECH_ALPHABET],
      featureConfig: { ...defaultSpeechFrontEnd },
      ...(o.training ? { training: o.training } : {}),
    },
    { weights: o.weights },
  );
  return path;
}
