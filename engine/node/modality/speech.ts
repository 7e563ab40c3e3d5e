import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { speechModality } from '../../modality/speech';
import type { SpecAugmentOptions, WaveAugmentOptions } from '../../audio/index';
import type { SpeechFrontEndConfig } from '../../recognize/speech-front-end';
import { normalizeTranscript } from '../io/datasets/transcript-text';
import { readManifest, resolveAudioPath, writeManifest } from '../io/manifest';
import { speechImporters } from '../io/datasets/speech-importers';
import { dataSourceModule } from '../use-cases/training/data-source-modules';
import { evaluateSpeech } from '../use-cases/training/evaluate';
import type { SpeechDataConfig, SpeechExample } from '../use-cases/training/speech-data-source';
import {
  datasetAt,
  type Grouped,
  resolveDataPath,
  type TrainingModality,
} from './training-modality';

/** Speech augmentation: on the waveform, then SpecAugment masks on the features (either may be null). */
export interface SpeechAugment {
  wave: WaveAugmentOptions | null;
  specAugment: SpecAugmentOptions | null;
}

function loadExamples(specs: readonly string[]): Grouped<SpeechExample>[] {
  const items: Grouped<SpeechExample>[] = [];
  for (const spec of specs) {
    const path = resolveDataPath(spec);
    const ds = datasetAt(path, 'speech', 'ink');
    if (ds) {
      for (const s of ds.samples()) {
        const text = normalizeTranscript(s.text);
        if (s.status === 'unlabelled' || !text) continue;
        const audio = ds.fileOf(s);
        items.push({ value: { audio, text, duration: s.duration }, group: s.speaker || 'unknown' });
      }
      continue;
    }
    const manifest = statSync(path).isDirectory() ? join(path, 'manifest.jsonl') : path;
    for (const e of readManifest(manifest)) {
      const text = normalizeTranscript(e.text);
      if (!text) continue;
      const audio = resolveAudioPath(manifest, e);
      items.push({
        value: { audio, text, duration: e.duration, ...(e.format ? { format: e.format } : {}) },
        group: e.speaker || 'unknown',
      });
    }
  }
  return items;
}

export const speechTraining: TrainingModality<SpeechExample> = {
  ...speechModality,
  loadExamples,
  labelOf: (e) => e.text,
  userAugment: {
    wave: { speed: [0.95, 1.05], gainDb: [-6, 6], noiseProbability: 0.2, snrDb: [15, 30] },
    specAugment: null,
  } satisfies SpeechAugment,
  dataSources({ train, valid, alphabet, featureConfig, augment }) {
    const { wave, specAugment } = (augment ?? { wave: null, specAugment: null }) as SpeechAugment;
    const config: SpeechDataConfig = {
      examples: [...train],
      alphabet,
      frontEnd: featureConfig as unknown as SpeechFrontEndConfig,
      augment: wave,
      specAugment,
    };
    const module = dataSourceModule('speech-data-source');
    return {
      train: { module, config },
      valid: valid.length
        ? {
            module,
            config: { ...config, examples: [...valid], augment: null, specAugment: null },
          }
        : undefined,
    };
  },
  projectSample(dataDir, runDir, limit) {
    const fsdd = join(dataDir, 'fsdd');
    if (!existsSync(fsdd))
      throw new Error(
        `The shipped training data is not here (${fsdd}); set VERBATIM_DATA_DIR or leave it out.`,
      );
    const { entries } = speechImporters.fsdd.read(fsdd);
    const manifest = join(runDir, 'shipped.jsonl');
    writeManifest(
      manifest,
      entries.filter((_, i) => i % Math.ceil(entries.length / limit) === 0),
    );
    return [manifest];
  },
  evaluate: (recognizer, examples, params, resources) =>
    evaluateSpeech(recognizer, examples, params, resources),
};
