// The engine's front door, Node side: files, dataset formats, worker threads
// and the use cases (models, training, datasets, recognition) that the app's
// back end, the CLI's commands and the scripts build on. The platform-free
// engine is engine/index.ts. Worker modules (the recognition host, the
// training worker, data sources) import what they need directly, so starting a
// worker never loads this whole surface; the benchmark suite has its own door
// (bench/index.ts) so nothing here loads meyda or the bench models.

// files
export {
  AudioFileError,
  decodeAudioFile,
  readAudioFile,
  writeWavFile,
  type AudioFile,
  type ReadAudioOptions,
} from './io/audio-files';
export {
  inkFileFormat,
  readInkFile,
  writeInkFile,
  type InkFileFormat,
  type InkFileItem,
} from './io/ink-files';
export { filesUnder, listFiles } from './io/list-files';
export {
  ManifestError,
  parseManifest,
  readEntryAudio,
  readManifest,
  resolveAudioPath,
  serializeManifest,
  writeManifest,
  type ManifestEntry,
} from './io/manifest';
export {
  modelFileKey,
  readModelBytes,
  readModelFile,
  readModelFileHeader,
  readRecognizerFile,
  writeModelFile,
} from './io/model-files';
export {
  findSegmentFiles,
  findUnipenRoot,
  loadUnipenCategory,
  readUnipenCategory,
  UNIPEN_CATEGORIES,
  UnipenReader,
  UnipenSkipCounts,
  type CategoryFile,
  type LoadCategoryOptions,
  type UnipenCategory,
} from './io/unipen-files';
export { writeFileAtomic, writePiecesAtomic } from './io/write-atomic';
export { isInside } from './io/path-inside';

// dataset formats
export { AN4_RAW_FORMAT, importAn4, parseAn4Transcription } from './io/datasets/an4';
export { importFsdd } from './io/datasets/fsdd';
export { importNemo } from './io/datasets/nemo';
export { importSpeechCommands } from './io/datasets/speech-commands';
export { importWavFolder } from './io/datasets/wav-folder';
export { speechImporters } from './io/datasets/speech-importers';
export {
  PARTIAL_SUFFIX,
  PartialWavWriter,
  recoverPartialWavs,
  wavHeader,
  type RecordingMeta,
  type RecoveredRecording,
} from './io/datasets/partial-wav';
export { digitWord, normalizeTranscript } from './io/datasets/transcript-text';
export {
  loadUnipenSamples,
  sharedUnipenRoot,
  verbatimDataDir,
  type UnipenSampleOptions,
} from './io/datasets/unipen-dataset';
export {
  exportUnipenToInkml,
  unipenInputFiles,
  type UnipenToInkmlOptions,
  type UnipenToInkmlResult,
} from './io/datasets/unipen-export';

// worker threads
export {
  loadDataSource,
  type CreateDataSource,
  type DataItem,
  type DataSource,
  type DataSourceSpec,
} from './runtime/data-source';
export {
  loadBestKernels,
  loadWasmKernels,
  relaxedSimdAvailable,
  relaxedWasmKernelsPath,
  wasmKernelsPath,
  type LoadWasmKernelsOptions,
} from './runtime/load-kernels';
export { ParallelTrainer, type ParallelTrainerConfig } from './runtime/parallel-trainer';
export { symbolTaskSourceUrl } from './runtime/symbol-task-source';
export {
  WorkerPool,
  type CreateOptions,
  type Remote,
  type WorkerPoolOptions,
} from './runtime/worker-pool';

// use case: models (the registry, VERBATIM_HOME, decoding policy, import/export)
export {
  activeModel,
  assetsDir,
  CHAR_LM_BONUS,
  decodeParamsFor,
  decodeResourcesFor,
  listModels,
  loadModelEntry,
  MIXED_CASE_SCORE,
  OPEN_VOCABULARY_CHAR_LM,
  OUT_OF_LEXICON_PENALTY,
  readWordList,
  registerUserModel,
  resolveModel,
  setActiveModel,
  unregisterUserModel,
  verbatimHome,
  type ExplicitDecodeParams,
  type ModelEntry,
  type ModelSource,
  type Vocabulary,
} from './use-cases/models/model-store';
export {
  parseModelManifest,
  readModelManifest,
  writeModelManifest,
  type EntryDecode,
  type ModelManifest,
  type ModelManifestEntry,
} from './use-cases/models/model-manifest';
export { modelDomain, type ModelDomain } from './use-cases/models/model-domain';
export {
  chooseSpeechModel,
  type ModelLookup,
  type SpeechModelChoice,
} from './use-cases/models/speech-model-choice';
export {
  createModelPackageCache,
  modelPackageKey,
  openModelPackage,
  type ModelPackage,
} from './use-cases/models/model-package';
export { inferRole, isModelRole, MODEL_ROLES, ROLE_CHARSET, type ModelRole } from '../model/roles';
export {
  convertModelFile,
  exportModel,
  findModel,
  importModel,
  removeModel,
  renameModel,
} from './use-cases/models/model-admin';

// the modalities' Node side: their data, the workers' data sources, scoring
export {
  inkTraining,
  speechTraining,
  trainingModalityOf,
  type Grouped,
  type InkSample,
  type SpeechAugment,
  type TrainingModality,
} from './modality/index';

// use case: training
export {
  splitByGroup,
  trainOnData,
  type ErrorRates,
  type FreshArchitecture,
  type TrainEvents,
  type TrainOutcome,
  type TrainRequest,
} from './use-cases/training/dataset-training';
export {
  evaluateInk,
  evaluateSpeech,
  scoreDetails,
  scoreInkDetails,
  type EvalDetail,
  type EvalSummary,
} from './use-cases/training/evaluate';
export {
  createDataSource as createInkDataSource,
  readInkExamples,
  writeInkExamples,
  type InkDataConfig,
  type InkExample,
} from './use-cases/training/ink-data-source';
export {
  createDataSource as createSpeechDataSource,
  readExampleAudio,
  type SpeechDataConfig,
  type SpeechExample,
} from './use-cases/training/speech-data-source';
export {
  trainModel,
  type TrainedModel,
  type TrainModelConfig,
} from './use-cases/training/train-model';

// use case: datasets (the user's datasets in VERBATIM_HOME, import and export)
export {
  checkDatasetName,
  checkDatasetTitle,
  createDataset,
  Dataset,
  datasetsRoot,
  DatasetWriteError,
  deleteDataset,
  listDatasets,
  openDataset,
  SAMPLE_STATUSES,
  type DatasetInfo,
  type DatasetKind,
  type DatasetSample,
  type DeletedSample,
  type SampleStatus,
} from './use-cases/datasets/dataset-store';
export {
  EXPORT_FORMATS,
  exportDataset,
  IMPORT_FORMATS,
  importIntoDataset,
  TransferCancelled,
  type ExportFormat,
  type ExportResult,
  type ImportResult,
  type TransferOptions,
} from './use-cases/datasets/dataset-transfer';
export {
  type ImportFailure,
  type SpeechImporter,
  type SpeechImportOptions,
  type SpeechImportResult,
} from './use-cases/datasets/speech-import';

// use case: recognition (sessions hosted in worker threads; the host module itself is not
// imported here: loading it in a worker thread starts hosting)
export {
  recognitionHostUrl,
  type HostedInkSession,
  type HostedRecognizer,
  type HostedSpeechSession,
  type RecognitionHostData,
} from './use-cases/recognition/recognition-host-url';

// batch commands: one pipeline on this thread or on worker threads (--jobs)
export { runInOrder, type BatchExecutor } from './batch/batch-executor';
export { BatchRunner, InkFileReader, inkReadError } from './batch/batch-runner';
export type { BatchOutcome, BatchTask, OutcomeOf, TaskOf } from './batch/batch-tasks';
export {
  recognitionSetupFor,
  setupIdentity,
  type RecognitionSetup,
} from './batch/recognition-setup';
// command-line flags: strict parsing, bad usage as a UsageError (the CLI and the scripts)
export { parseCommandArgs } from './cli/parse-args';
export { UsageError } from './cli/usage-error';
// The Redis job queue has its own door (./queue/index.ts): it loads bullmq and ioredis.
