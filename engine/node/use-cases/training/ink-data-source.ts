import { readFileSync } from 'node:fs';
import { writePiecesAtomic } from '../../io/write-atomic';
import {
  augmentInk,
  extractInkFeatures,
  parseInkFeatureConfig,
  type Ink,
  type InkAugmentOptions,
  type InkFeatureConfig,
} from '../../../ink/index';
import type { Rng } from '../../../util/rng';
import { encodeText } from '../../../recognize/labels';
import type { DataItem, DataSource } from '../../runtime/data-source';

/** One labelled ink sample as stored in a training file (JSON lines). */
export interface InkExample {
  ink: Ink;
  label: string;
}

export interface InkDataConfig {
  /** JSON-lines file of InkExample (written by the coordinator, read by every worker). */
  examplesFile: string;
  alphabet: string[];
  features: InkFeatureConfig;
  /** Augmentation for training; null for validation. */
  augment: InkAugmentOptions | null;
}

/**
 * Writes examples as the JSON lines the workers read (only ink and label are
 * kept), line by line: tens of thousands of words exceed the longest string
 * V8 can hold. Returns `path`.
 */
export function writeInkExamples(path: string, items: readonly InkExample[]): string {
  const lines = function* () {
    for (const e of items) yield `${JSON.stringify({ ink: e.ink, label: e.label })}\n`;
  };
  writePiecesAtomic(path, lines());
  return path;
}

/** Reads the examples file written by `writeInkExamples`, a line at a time from the bytes. */
export function readInkExamples(path: string): InkExample[] {
  const bytes = readFileSync(path);
  const examples: InkExample[] = [];
  for (let start = 0; start < bytes.length;) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', start, end);
    if (line.trim() !== '') examples.push(JSON.parse(line) as InkExample);
    start = end + 1;
  }
  return examples;
}

/** Handwriting training data as each worker builds it: augmented ink → features. */
export function createDataSource(config: InkDataConfig): DataSource {
  const features = parseInkFeatureConfig(config.features);
  const examples = readInkExamples(config.examplesFile);
  const targets = examples.map((e) => encodeText(e.label, config.alphabet));
  const dim = (ink: Ink) => extractInkFeatures(ink, features);
  const lengths = examples.map((e) => Math.max(1, dim(e.ink).frames));
  return {
    size: examples.length,
    frames: (i) => lengths[i],
    item(i: number, rng: Rng | null): DataItem {
      let ink = examples[i].ink;
      if (rng && config.augment) ink = augmentInk(ink, () => rng.next(), config.augment);
      const f = dim(ink);
      if (f.frames === 0) {
        // Degenerate ink (a single dot): one neutral frame so the batch stays well-formed.
        return { x: new Float32Array(f.channels), T: 1, target: targets[i] };
      }
      return { x: f.data, T: f.frames, target: targets[i] };
    },
  };
}
