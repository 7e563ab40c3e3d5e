// The models the app can use, as the engine's model store lists them: the
// shipped ones (assets/models.json) and the user's own
// (<VERBATIM_HOME>/models/models.json). One source of truth for the app and
// the CLI; this service only turns entries into the API's ModelInfo.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  activeModel,
  chooseSpeechModel,
  listModels,
  modelDomain,
  readModelFileHeader,
  type ModelEntry,
} from '../../engine/node/index';
import { spellVocabulary, VocabularyError } from '../../engine/index';
import {
  ApiError,
  type ApiResponses,
  type InkMode,
  type ModelDomainInfo,
  type ModelInfo,
  type SpeechModelChoice,
  type VocabularyEntry,
} from '../../src-common/api';
import { NO_SPEECH_MODEL } from './recognizer';

export interface ModelService {
  list(): Promise<ModelInfo[]>;
  /** What a speech model (by ModelInfo id, or the active one) recognizes. */
  domain(modelId: string | null): Promise<ModelDomainInfo>;
  /** The speech model these dictation settings use, and why when it is not the active one. */
  chooseSpeech(
    modelId: string | null,
    vocabulary: VocabularyEntry[] | null,
    hotwords?: string[],
  ): Promise<SpeechModelChoice>;
  /**
   * Why a handwriting mode's model (by ModelInfo id, or the active one) cannot
   * take this vocabulary; null when it can, or when no model is installed.
   */
  checkInkVocabulary(
    mode: InkMode,
    modelId: string | null,
    vocabulary: VocabularyEntry[],
  ): Promise<ApiResponses['checkInkVocabulary']>;
}

/** A model of a role by ModelInfo id; not-found when it is not installed (any more). */
function installedModel(role: ModelEntry['role'], modelId: string): ModelEntry {
  const entry = listModels().find((m) => m.role === role && modelInfo(m).id === modelId);
  if (!entry)
    throw new ApiError('not-found', `No ${role} model ${modelId} is installed (any more).`);
  return entry;
}

export function modelInfo(entry: ModelEntry): ModelInfo {
  const source = entry.shipped ? 'shipped' : 'user';
  const stat = statSync(entry.path);
  return {
    id: `${source}:${entry.name}`,
    name: entry.name,
    role: entry.role,
    file: basename(entry.path),
    bytes: stat.size,
    modified: stat.mtime.toISOString(),
    source,
    description: entry.description ?? '',
  };
}

export function createModelService(): ModelService {
  return {
    list: async () => listModels().map(modelInfo),
    async domain(modelId) {
      const entry = modelId === null ? activeModel('speech') : installedModel('speech', modelId);
      if (!entry) throw new ApiError('no-model', NO_SPEECH_MODEL);
      return { model: modelInfo(entry), ...modelDomain(entry) };
    },
    async chooseSpeech(modelId, vocabulary, hotwords = []) {
      const requested = modelId === null ? null : installedModel('speech', modelId);
      const choice = chooseSpeechModel({ requested, vocabulary, hotwords });
      return {
        model: choice ? modelInfo(choice.entry) : null,
        note: choice?.note ?? null,
        problem: choice && vocabulary ? vocabularyProblem(choice.entry, vocabulary) : null,
      };
    },
    async checkInkVocabulary(mode, modelId, vocabulary) {
      const entry = modelId === null ? activeModel(mode) : installedModel(mode, modelId);
      return { problem: entry ? vocabularyProblem(entry, vocabulary) : null };
    },
  };
}

/**
 * Why `entry` cannot recognize with this vocabulary (an entry it cannot
 * spell, and what to write instead), or null when it can.
 */
export function vocabularyProblem(
  entry: ModelEntry,
  vocabulary: readonly VocabularyEntry[],
): string | null {
  try {
    spellVocabulary(readModelFileHeader(entry.path).alphabet, vocabulary);
    return null;
  } catch (e) {
    if (!(e instanceof VocabularyError)) throw e;
    return `Vocabulary: ${e.reason} (${entry.name}).`;
  }
}
