// The engine's front door, platform-free part: everything code outside engine/
// (src-main, scripts, tests, the CLI's commands) may use that runs anywhere.
// The Node side (files, datasets, worker threads, use cases) is engine/node/index.ts.
// Each area adds its exports here; ESLint forbids deep imports from outside.

// audio, ink, recognition (each area's own index lists its public API)
export * from './audio/index';
export * from './ink/index';
export * from './recognize/index';
export {
  inverseNormalize,
  inverseNormalizeText,
  MONTH_NAMES,
  type TimedWord,
} from './text/inverse-normalize';
export { spokenOrdinal, TEEN_WORDS, TENS_WORDS, UNIT_WORDS } from './text/number-words';

// the one seeded generator
export {
  gaussian,
  Rng,
  seededRandom,
  shuffled,
  type RandomSource,
  type RngState,
} from './util/rng';

// kernels
export type { Kernels } from './kernels/kernels';
export { referenceKernels } from './kernels/reference';
export { quantizeWeights, type Int8Weights } from './kernels/int8';

// metrics
export { editDistance, words, ErrorRate } from './metrics/edit-distance';
export { caseErrorKinds, letterCase, type LetterCase } from './metrics/case-errors';

// neural networks
export {
  defaultArchitecture,
  outputFrames,
  validateArchitecture,
  type Architecture,
  type CellKind,
  type HeadKind,
  type LayerSpec,
  type Subsample,
} from './nn/architecture';
export {
  Network,
  type Batch,
  type GradientOptions,
  type Inference,
  type InputBatch,
  type NetworkOptions,
  type Quantization,
} from './nn/network';
export type { LossSummary } from './nn/heads';
export { ParamSet, type ParamEntry, type ParamSpec } from './nn/param-set';
export { float64Kernels } from './nn/float64-kernels';

// model files
export {
  loadModel,
  modelHeaderLength,
  readModelHeader,
  saveModel,
  ModelFormatError,
  TENSOR_ENCODINGS,
  VBM_VERSION,
  type LoadedModel,
  type ModelHeader,
  type ModelInfo,
  type ModelKind,
  type SaveOptions,
  type TensorEncoding,
} from './model/vbm';
export { inferRole, isModelRole, MODEL_ROLES, ROLE_CHARSET, type ModelRole } from './model/roles';

// training
export { Adam, clipGradientNorm, type AdamOptions } from './train/adam';
export { BatchAssembler, planBatches, type Sample } from './train/batching';
export { EarlyStopping, type EarlyStoppingState } from './train/early-stopping';
export { learningRate, type LrSchedule } from './train/schedule';
export { makeSymbolTask, type SymbolTaskOptions } from './train/synthetic-task';
export {
  Trainer,
  type EpochProgress,
  type StepProgress,
  type TrainerCallbacks,
  type TrainerOptions,
  type TrainResult,
} from './train/trainer';

// ONNX export
export {
  exportOnnx,
  ONNX_INPUT,
  ONNX_OPSET,
  ONNX_OUTPUT,
  type OnnxExportOptions,
} from './onnx/export-onnx';
export {
  inkModality,
  isModelKind,
  type Modality,
  MODEL_KINDS,
  modalityOf,
  speechModality,
} from './modality/index';
