// A model package: the network and its front-end config (the .vbm), with its
// decoding resources (LM, lexicon, charset, default knobs), opened once by
// path and kept by whoever recognizes with it (the recognition host's worker,
// a CLI command). Callers name a package by its files (ModelSource) and send
// only the knobs of each call; the LM is parsed and the lexicon trie built once
// per vocabulary, and decoders are kept by their knobs.
import { statSync } from 'node:fs';
import type { BeamSearchDecoder } from 'ctc-decode-ts';
import type { Kernels } from '../../../kernels/kernels';
import {
  createDecoderCache,
  prepareDecodeResources,
  type DecodeParams,
} from '../../../recognize/decode-params';
import type { Recognizer } from '../../../recognize/recognizer';
import { modelFileKey, readRecognizerFile } from '../../io/model-files';
import {
  decodeParamsFor,
  decodeResourcesFor,
  type ModelSource,
  type Vocabulary,
} from './model-store';

export interface ModelPackage {
  /** The identity of the package's files as they are now (modelPackageKey). */
  readonly key: string;
  readonly source: ModelSource;
  readonly recognizer: Recognizer;
  /** The model's default knobs under a vocabulary (default 'lexicon'). */
  defaults(vocabulary?: Vocabulary): DecodeParams;
  /** A decoder for these knobs against the model's resources of a vocabulary (kept by knobs). */
  decoder(params: DecodeParams, vocabulary?: Vocabulary): BeamSearchDecoder;
}

/** How many decoders (knob sets) a package keeps per vocabulary. */
const DECODERS_PER_VOCABULARY = 4;

/**
 * The identity of a package's files: each file's path, size and modification
 * time, so a replaced model or LM gives a new key (a stat each, no read).
 */
export function modelPackageKey(source: ModelSource): string {
  const version = (path: string | undefined) => {
    if (!path) return '';
    try {
      const { size, mtimeMs } = statSync(path);
      return `${path}@${mtimeMs}:${size}`;
    } catch {
      return `${path}@missing`; // reading it says why
    }
  };
  return [
    modelFileKey(source.path),
    version(source.lm),
    version(source.lexicon),
    version(source.charLm),
    source.charset ?? '',
  ].join('|');
}

/** Opens a package: reads and validates the .vbm; its resources are read when first decoded with. */
export function openModelPackage(
  source: ModelSource,
  options: { kernels?: Kernels } = {},
): ModelPackage {
  checkSource(source);
  const key = modelPackageKey(source);
  const recognizer = readRecognizerFile(source.path, options);
  const decoders = new Map<Vocabulary, (params: DecodeParams) => BeamSearchDecoder>();
  return {
    key,
    source,
    recognizer,
    defaults: (vocabulary = 'lexicon') => decodeParamsFor(source, vocabulary),
    decoder(params, vocabulary = 'lexicon') {
      let cache = decoders.get(vocabulary);
      if (!cache) {
        const resources = decodeResourcesFor(source, vocabulary);
        cache = createDecoderCache(
          recognizer.labels,
          prepareDecodeResources(recognizer.labels, resources),
          DECODERS_PER_VOCABULARY,
        );
        decoders.set(vocabulary, cache);
      }
      return cache(params);
    },
  };
}

/**
 * Packages by key, opened on first use and reopened when a file changed; the
 * `size` most recently used are kept (each holds a network and its LM).
 */
export function createModelPackageCache(
  options: { size?: number; kernels?: () => Kernels } = {},
): (source: ModelSource) => ModelPackage {
  const size = options.size ?? 4;
  const packages = new Map<string, ModelPackage>();
  return (source) => {
    checkSource(source);
    const key = modelPackageKey(source);
    let pkg = packages.get(key);
    if (pkg) packages.delete(key);
    else pkg = openModelPackage(source, { kernels: options.kernels?.() });
    packages.set(key, pkg);
    if (packages.size > size) packages.delete(packages.keys().next().value!);
    return pkg;
  };
}

function checkSource(source: ModelSource): void {
  const optional = (v: unknown) => v === undefined || typeof v === 'string';
  if (
    typeof source !== 'object' ||
    source === null ||
    typeof source.path !== 'string' ||
    ![source.lm, source.lexicon, source.charLm, source.charset].every(optional)
  ) {
    throw new TypeError(
      'expected a model as { path: string (.vbm file), lm?, lexicon?, charLm?, charset? }',
    );
  }
}
