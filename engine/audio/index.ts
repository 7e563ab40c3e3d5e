// The platform-free audio pipeline: decoding, resampling, features, augmentation, VAD.
export { AudioFormatError, CONVERT_HINT } from './audio-format-error';
export type { DecodedAudio } from './decoded-audio';
export { SAMPLE_ENCODINGS, bytesPerSample, type SampleEncoding } from './sample-encoding';
export { decodeWav } from './wav-decode';
export { decodeRawPcm, formatRawFormat, parseRawFormat, type RawPcmFormat } from './raw-pcm';
export { encodeWav16 } from './wav-encode';
export {
  decodeAudio,
  TARGET_SAMPLE_RATE,
  type Audio16k,
  type DecodeAudioOptions,
} from './decode-audio';
export { resample, type ResampleOptions } from './resample';
export { designLowPass, lowPass } from './kaiser-sinc';
export {
  defaultAudioFeatureConfig,
  featureDim,
  frameCount,
  frameGeometry,
  logMelFeatureConfig,
  mfccFeatureConfig,
  validateFeatureConfig,
  type AudioFeatureConfig,
} from './feature-config';
export { computeFeatures, frameAnalyzerFor, type AudioFeatures } from './features';
export { FrameAnalyzer } from './frame-analyzer';
export { normalizeUtterance } from './normalize';
export {
  addNoise,
  applyGain,
  augmentWaveform,
  cropSpeech,
  padSilence,
  speechExtent,
  specAugment,
  speedPerturb,
  type SpecAugmentOptions,
  type WaveAugmentOptions,
} from './augment';
export {
  detectSpeech,
  splitUtterances,
  trimSilence,
  VoiceActivityDetector,
  type SpeechSegment,
  type VadEvent,
  type VadOptions,
} from './vad';
