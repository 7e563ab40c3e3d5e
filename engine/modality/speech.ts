import type { Modality } from './modality';
import { SPEECH_ALPHABET } from '../recognize/labels';
import {
  defaultSpeechFrontEnd,
  speechInputSize,
  validateSpeechFrontEnd,
} from '../recognize/speech-front-end';

export const speechModality: Modality = {
  kind: 'speech',
  roles: ['speech'],
  freshRole: 'speech',
  noun: 'speech',
  sampleFolder: 'audio',
  examples: 'utterances',
  source: 'speaker',
  alphabet: () => [...SPEECH_ALPHABET],
  defaultFeatureConfig: () => ({ ...defaultSpeechFrontEnd }),
  inputSize: (config) => speechInputSize(validateSpeechFrontEnd(config)),
};
