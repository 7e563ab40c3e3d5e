import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_INK_AUGMENT, type Ink, type InkFeatureConfig } from '../../ink/index';
import { inkModality } from '../../modality/ink';
import { readInkFile, type InkFileItem } from '../io/ink-files';
import { InkFileReader, inkReadError } from '../batch/batch-runner';
import { filesUnder } from '../io/list-files';
import { unreadableFileKind } from '../io/unipen-files';
import { dataSourceModule } from '../use-cases/training/data-source-modules';
import { evaluateInk } from '../use-cases/training/evaluate';
import { writeInkExamples, type InkDataConfig } from '../use-cases/training/ink-data-source';
import {
  datasetAt,
  type Grouped,
  resolveDataPath,
  type TrainingModality,
} from './training-modality';

/** A labelled ink sample and the file it came from. */
export interface InkSample {
  ink: Ink;
  label: string;
  input?: string;
}

function loadExamples(
  specs: readonly string[],
  onSkip: (what: string) => void = () => {},
): Grouped<InkSample>[] {
  const items: Grouped<InkSample>[] = [];
  // UNIPEN is read tolerantly: a bad point or segment, or a file that cannot be read, is left out and said.
  const inkFiles = new InkFileReader();
  for (const spec of specs) {
    const path = resolveDataPath(spec);
    const ds = datasetAt(path, 'ink', 'speech');
    if (ds) {
      for (const s of ds.samples()) {
        if (s.status === 'unlabelled' || !s.text) continue;
        const input = ds.fileOf(s);
        const [item] = readInkFile(input);
        items.push({
          value: { ink: item.ink, label: s.text, input },
          group: s.writer || 'unknown',
        });
      }
      continue;
    }
    const files = statSync(path).isDirectory()
      ? filesUnder(path, ['.inkml', '.xml', '.json', '.dat'])
      : [path];
    for (const file of files) {
      let read: InkFileItem[];
      try {
        read = file.endsWith('.dat')
          ? inkFiles.read(file, undefined, (skip) => onSkip(`${file}: ${skip}`))
          : readInkFile(file);
      } catch (err) {
        if (!file.endsWith('.dat')) throw err;
        onSkip(`${file}: ${inkReadError(file, err)} (${unreadableFileKind(err)}, skipped)`);
        continue;
      }
      for (const it of read)
        if (it.label)
          items.push({
            value: { ink: it.ink, label: it.label, input: file },
            group: it.annotations?.writer ?? file,
          });
    }
  }
  return items;
}

export const inkTraining: TrainingModality<InkSample> = {
  ...inkModality,
  loadExamples,
  labelOf: (e) => e.label,
  userAugment: { ...DEFAULT_INK_AUGMENT },
  // The workers read the examples from JSON-lines files (too many to post to each).
  dataSources({ train, valid, alphabet, featureConfig, augment, workDir }) {
    const config: InkDataConfig = {
      examplesFile: writeInkExamples(join(workDir, 'train.jsonl'), train),
      alphabet,
      features: featureConfig as unknown as InkFeatureConfig,
      augment: (augment ?? null) as InkDataConfig['augment'],
    };
    const module = dataSourceModule('ink-data-source');
    return {
      train: { module, config },
      valid: valid.length
        ? {
            module,
            config: {
              ...config,
              examplesFile: writeInkExamples(join(workDir, 'valid.jsonl'), valid),
              augment: null,
            },
          }
        : undefined,
    };
  },
  projectSample(dataDir, _runDir, limit) {
    const unipen = join(dataDir, 'unipen');
    const digits = existsSync(unipen)
      ? filesUnder(unipen, ['.dat']).filter((f) => /1a/.test(f))
      : [];
    if (!digits.length)
      throw new Error(
        `The shipped UNIPEN digits are not here (${unipen}); set VERBATIM_DATA_DIR or leave them out.`,
      );
    // UNIPEN digit files hold ~20 digits each: a spread of files from every lab
    const every = Math.max(1, Math.floor(digits.length / (limit / 20)));
    return digits.filter((_, i) => i % every === 0);
  },
  evaluate: (recognizer, examples, params, resources) =>
    evaluateInk(recognizer, examples, params, resources),
};
