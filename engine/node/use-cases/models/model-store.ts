import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Kernels } from '../../../kernels/kernels';
import { isModelRole, type ModelRole } from '../../../model/roles';
import {
  defaultDecodeParams,
  type DecodeParams,
  type DecodeResources,
} from '../../../recognize/decode-params';
import { decodingWords } from '../../../recognize/decoding-words';
import type { Recognizer } from '../../../recognize/recognizer';
import { readRecognizerFile } from '../../io/model-files';
import { isInside } from '../../io/path-inside';
import { writeFileAtomic } from '../../io/write-atomic';
import { assetsDir } from '../../assets-dir';
import { readModelManifest, writeModelManifest, type EntryDecode } from './model-manifest';

export { MODEL_ROLES, type ModelRole } from '../../../model/roles';

/** A model file with the decoding resources that go with it. */
export interface ModelEntry {
  name: string;
  role: ModelRole;
  path: string;
  shipped: boolean;
  /** Word n-gram LM (ARPA) and lexicon (one word a line) used by default with beam search. */
  lm?: string;
  lexicon?: string;
  /** Character n-gram LM (ARPA) for open-vocabulary decoding, when the lexicon is off. */
  charLm?: string;
  /** Default output charset (e.g. "0-9" for digits). */
  charset?: string;
  description?: string;
  /**
   * What the model recognizes, said for people ("What can I say?"); a
   * model's header may carry it too (modelDomain in model-domain.ts).
   */
  domain?: string;
  /**
   * A broad model of English: its lexicon or word LM is a dictionary it
   * prefers, not the limit of what it writes (a domain model's list is).
   */
  broad?: boolean;
  /**
   * The knobs of the model's own decoding that its publish tuned on held-out
   * data (decodeParamsFor applies them over the role's defaults).
   */
  decode?: EntryDecode;
}

/** The shipped models: assets/models.json lists them with paths relative to assets/. */
export { assetsDir };

/** Where user data lives: VERBATIM_HOME, else ~/.verbatim. */
export function verbatimHome(): string {
  return resolve(process.env.VERBATIM_HOME ?? join(homedir(), '.verbatim'));
}

/**
 * How a models.json names a file of the shipped assets from elsewhere (a user
 * model's reference to a shipped LM or lexicon): resolved against wherever the
 * assets are now, so it survives a move or an update of the app.
 */
const ASSETS_PREFIX = 'assets:';

/** A file named in the models.json of `dir`, as a path. */
function manifestFileToPath(dir: string, file: string): string {
  return file.startsWith(ASSETS_PREFIX)
    ? resolve(assetsDir, file.slice(ASSETS_PREFIX.length))
    : resolve(dir, file);
}

/**
 * A path as the models.json of `dir` names it: a shipped asset as
 * assets:PATH, a file inside `dir` relative to it (the folder can move),
 * anything else absolute.
 */
function pathToManifestFile(dir: string, path: string): string {
  if (isInside(path, assetsDir))
    return `${ASSETS_PREFIX}${relative(assetsDir, resolve(path)).split(sep).join('/')}`;
  if (isInside(path, dir)) return relative(dir, resolve(path)).split(sep).join('/');
  return resolve(path);
}

function readManifestFile(dir: string, shipped: boolean): ModelEntry[] {
  const manifest = readModelManifest(join(dir, 'models.json'));
  const at = (p?: string) => (p ? manifestFileToPath(dir, p) : undefined);
  return manifest.models
    .map((m) => ({
      ...m,
      path: manifestFileToPath(dir, m.file),
      lm: at(m.lm),
      lexicon: at(m.lexicon),
      charLm: at(m.charLm),
      shipped,
    }))
    .map(({ file: _file, ...entry }) => entry)
    .filter((m) => existsSync(m.path));
}

/** Shipped models first, then the user's (VERBATIM_HOME/models/models.json). */
export function listModels(): ModelEntry[] {
  return [
    ...readManifestFile(assetsDir, true),
    ...readManifestFile(join(verbatimHome(), 'models'), false),
  ];
}

/** The models the user made active per role (VERBATIM_HOME/active.json), else the shipped ones. */
export function activeModel(role: ModelRole): ModelEntry | undefined {
  const models = listModels().filter((m) => m.role === role);
  const file = join(verbatimHome(), 'active.json');
  if (existsSync(file)) {
    const active = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<ModelRole, string>>;
    const chosen = models.find((m) => m.name === active[role]);
    if (chosen) return chosen;
  }
  return models.find((m) => m.shipped) ?? models[0];
}

/** Makes `name` the active model of its role. */
export function setActiveModel(name: string): ModelEntry {
  const entry = listModels().find((m) => m.name === name);
  if (!entry) throw new Error(`no model named "${name}" (see 'verbatim models list')`);
  const file = join(verbatimHome(), 'active.json');
  const active = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  active[entry.role] = name;
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(active, null, 2)}\n`);
  return entry;
}

/**
 * Finds a model by role ("speech", "digits", …: the active one), by name, or
 * by path to a .vbm file. The error says what exists.
 */
export function resolveModel(spec: string, defaultRole: ModelRole): ModelEntry {
  if (spec.endsWith('.vbm') || spec.includes('/')) {
    const path = resolve(spec);
    if (!existsSync(path) || !statSync(path).isFile())
      throw new Error(`model file ${path} does not exist`);
    const known = listModels().find((m) => m.path === path);
    return known ?? { name: basename(path, '.vbm'), role: defaultRole, path, shipped: false };
  }
  if (isModelRole(spec)) {
    const entry = activeModel(spec);
    if (entry) return entry;
    throw new Error(
      `no ${spec} model is installed: train one (see README, 'npm run train:${spec === 'speech' ? 'speech' : 'ink'}') or pass --model PATH.vbm`,
    );
  }
  const entry = listModels().find((m) => m.name === spec);
  if (entry) return entry;
  const names = listModels().map((m) => m.name);
  throw new Error(
    `no model named "${spec}"; installed: ${names.length ? names.join(', ') : 'none'} (or pass a .vbm path)`,
  );
}

/** Loads the model file of an entry (validated). */
export function loadModelEntry(entry: ModelEntry, kernels?: Kernels): Recognizer {
  return readRecognizerFile(entry.path, { kernels });
}

/** Reads a word list: one word per line, '#' comments and blank lines skipped. */
export function readWordList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * How words are found: the entry's word LM and lexicon ('lexicon'), open
 * vocabulary spelled under its character LM when it has one ('open'), or the
 * network's characters alone ('none').
 */
export type Vocabulary = 'lexicon' | 'open' | 'none';

/**
 * Penalty (natural log) of a word outside the lexicon when a lexicon has a
 * character LM behind it: lexicon words win close calls, and a name or a
 * foreign word can still be spelled. Chosen on the handwriting words
 * validation (62.7% right with -5; -3: 61.6%, -10: 62.4%, -15: 61.8%;
 * lexicon words only: 59.2%).
 */
export const OUT_OF_LEXICON_PENALTY = -5;

/**
 * Bonus (natural log) per character scored by a character LM: without it the
 * LM's per-character cost makes the decoder drop faint letters. Chosen on the
 * handwriting words validation, where it held on both halves of the set
 * (words right with the lexicon 65.9% -> 66.3%, open vocabulary 60.4% ->
 * 60.9%, open-vocabulary CER 15.2% -> 14.9%; 1.5 and 2.5 were in between).
 */
export const CHAR_LM_BONUS = 2;

/**
 * LM weight and per-character bonus in open vocabulary, where the character
 * LM is all that knows spelling, so it weighs more than behind a lexicon.
 * Chosen on the shipped words model's validation set, where the gain held on
 * both halves of it; behind the lexicon the same setting did not help, so the
 * lexicon decoding keeps the defaults (docs/experiments/ink-words-decoding.md).
 */
export const OPEN_VOCABULARY_CHAR_LM = { alpha: 0.85, beta: 3 };

/**
 * Score (natural log) of a word whose letters mix cases ("TaKE") outside the
 * lexicon, under a character LM (DecodeParams.mixedCaseScore). Chosen on half
 * of the held-out UNIPEN writers and confirmed on the other half
 * (ink-words-complete stage 1: words 86.05% -> 86.22% and 81.87% -> 81.93%,
 * lines CER unchanged; -3 to -12 read the same; docs/experiments/ink-words-decoding.md).
 */
export const MIXED_CASE_SCORE = -5;

/** What names a model package: its file and its decoding resources' files (a ModelEntry is one). */
export type ModelSource = Pick<
  ModelEntry,
  'path' | 'lm' | 'lexicon' | 'charLm' | 'charset' | 'decode'
>;

/**
 * Which of a model's decoding files a vocabulary uses: the word LM and the
 * lexicon ('lexicon'); open vocabulary spelled under the character LM, as are
 * the words outside a lexicon that has no word LM (lexicon words first).
 */
function decodingFiles(source: ModelSource, vocabulary: Vocabulary) {
  const lexicon = vocabulary === 'lexicon' ? source.lexicon : undefined;
  const wordLm = vocabulary === 'lexicon' ? source.lm : undefined;
  const lexiconWithoutLm = Boolean(lexicon && !wordLm);
  const charLm = vocabulary === 'open' || lexiconWithoutLm ? source.charLm : undefined;
  return {
    lexicon,
    lm: wordLm ?? charLm,
    lmUnit: wordLm ? 'word' : charLm ? 'char' : 'word',
    lexiconWithoutLm,
  } as const;
}

/** The knobs a user set explicitly (a CLI flag): they win over the model's and the role's. */
export type ExplicitDecodeParams = Partial<
  Pick<DecodeParams, 'beamWidth' | 'nbest' | 'alpha' | 'beta'>
>;

/**
 * The knobs of a model under a vocabulary, the one place they are resolved
 * (the CLI, the app's back end and batch workers all take them from here): the
 * role's defaults (the weights that go with the LM it uses, and its charset),
 * then what the entry's `decode` tuned for its own decoding (the 'lexicon'
 * vocabulary, with its LM and lexicon: the weights belong to that LM, so open
 * vocabulary and no LM keep the defaults), then the user's `explicit` knobs.
 * Reads no file (the LM and lexicon are decodeResourcesFor's).
 */
export function decodeParamsFor(
  source: ModelSource,
  vocabulary: Vocabulary = 'lexicon',
  explicit: ExplicitDecodeParams = {},
): DecodeParams {
  const params = defaultDecodeParams();
  const files = decodingFiles(source, vocabulary);
  if (files.lmUnit === 'char' && files.lm) {
    if (files.lexiconWithoutLm) {
      params.beta = CHAR_LM_BONUS;
      params.unkScoreOffset = OUT_OF_LEXICON_PENALTY;
    } else Object.assign(params, OPEN_VOCABULARY_CHAR_LM);
    params.mixedCaseScore = MIXED_CASE_SCORE;
  }
  if (source.charset) params.charset = source.charset;
  if (vocabulary === 'lexicon' && source.decode) {
    const { beamWidth, lmWeight, wordBonus } = source.decode;
    if (beamWidth !== undefined) params.beamWidth = beamWidth;
    if (lmWeight !== undefined) params.alpha = lmWeight;
    if (wordBonus !== undefined) params.beta = wordBonus;
  }
  for (const [key, value] of Object.entries(explicit) as [keyof ExplicitDecodeParams, number][])
    if (value !== undefined) params[key] = value;
  return params;
}

/** The LM and lexicon a model decodes against under a vocabulary, read from their files. */
export function decodeResourcesFor(
  source: ModelSource,
  vocabulary: Vocabulary = 'lexicon',
): DecodeResources {
  const files = decodingFiles(source, vocabulary);
  return {
    lmArpa: files.lm ? readFileSync(files.lm, 'utf8') : null,
    lmUnit: files.lmUnit,
    lexicon: files.lexicon ? readWordList(files.lexicon) : null,
  };
}

/**
 * The words a model decodes against under a vocabulary (decodingWords: its
 * lexicon, else its word LM's vocabulary; null for neither), reading only
 * the file that lists them (a character LM is not read).
 */
export function decodingWordsFor(
  source: ModelSource,
  vocabulary: Vocabulary = 'lexicon',
): readonly string[] | null {
  const files = decodingFiles(source, vocabulary);
  const wordLm = !files.lexicon && files.lm && files.lmUnit === 'word' ? files.lm : null;
  return decodingWords({
    lmArpa: wordLm && readFileSync(wordLm, 'utf8'),
    lmUnit: files.lmUnit,
    lexicon: files.lexicon ? readWordList(files.lexicon) : null,
  });
}

/** Adds or replaces a model in the user's registry (VERBATIM_HOME/models/models.json). */
export function registerUserModel(entry: Omit<ModelEntry, 'shipped'>): ModelEntry {
  const dir = join(verbatimHome(), 'models');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'models.json');
  const manifest = readModelManifest(file);
  const { path, lm, lexicon, charLm, ...rest } = entry;
  const files = Object.fromEntries(
    Object.entries({ lm, lexicon, charLm })
      .filter(([, p]) => p)
      .map(([key, p]) => [key, pathToManifestFile(dir, p!)]),
  );
  manifest.models = [
    ...manifest.models.filter((m) => m.name !== entry.name),
    { ...rest, file: pathToManifestFile(dir, path), ...files },
  ];
  writeModelManifest(file, manifest);
  return { ...entry, shipped: false };
}

/** Removes a user model from the registry (shipped models cannot be removed); returns its entry. */
export function unregisterUserModel(name: string): ModelEntry {
  const entry = listModels().find((m) => m.name === name);
  if (!entry) throw new Error(`no model named "${name}"`);
  if (entry.shipped) throw new Error(`"${name}" is a shipped model and cannot be removed`);
  const file = join(verbatimHome(), 'models', 'models.json');
  const manifest = readModelManifest(file);
  manifest.models = manifest.models.filter((m) => m.name !== name);
  writeModelManifest(file, manifest);
  return entry;
}
