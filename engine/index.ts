// The engine's public API (platform-free part). Each area adds its exports here.

// kernels
export type { Kernels } from './kernels/kernels';
export { referenceKernels } from './kernels/reference';
export { quantizeWeights, type Int8Weights } from './kernels/int8';

// metrics
export { editDistance, words, ErrorRate } from './metrics/edit-distance';

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
export { NetworkStream } from './nn/stream';
export { ParamSet, type ParamEntry, type ParamSpec } from './nn/param-set';
export { Rng, type RngState } from './nn/rng';
export { float64Kernels } from './nn/float64-kernels';

// model files
export {
  loadModel,
  saveModel,
  ModelFormatError,
  VBM_VERSION,
  type LoadedModel,
  type ModelHeader,
  type ModelInfo,
  type ModelKind,
} from './model/vbm';

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
