/**
 * Facts about the UNIPEN subset that training and evaluation rely on:
 * segment counts per category (all, BAD, after 6-vs-7 deduplication), writer
 * groups across labs, the label character set, a sample writer-independent
 * split, and the ink feature lengths and extraction speed at a given spacing.
 *
 *   npx tsx scripts/ink-unipen-report.ts [--unipen DIR] [--spacing 0.1] [--json]
 */
import { parseArgs } from 'node:util';
import {
  dedupeSegments,
  DEFAULT_INK_FEATURE_CONFIG,
  extractInkFeatures,
  splitByWriter,
  type UnipenSegment,
  writerKey,
} from '../engine/index';
import { loadUnipenCategory, sharedUnipenRoot, UNIPEN_CATEGORIES } from '../engine/node/index';

const { values } = parseArgs({
  options: {
    unipen: { type: 'string' },
    spacing: { type: 'string', default: String(DEFAULT_INK_FEATURE_CONFIG.spacing) },
    json: { type: 'boolean', default: false },
  },
});
const root = values.unipen ?? sharedUnipenRoot();
if (!root) {
  console.error('no UNIPEN data: pass --unipen DIR or set VERBATIM_DATA_DIR');
  process.exit(2);
}
const config = { ...DEFAULT_INK_FEATURE_CONFIG, spacing: Number(values.spacing) };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const byCategory = new Map<string, UnipenSegment[]>();
for (const c of UNIPEN_CATEGORIES) {
  const t0 = performance.now();
  byCategory.set(c, loadUnipenCategory(root, c));
  console.error(
    `read ${c}: ${byCategory.get(c)?.length} segments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const report: Record<string, unknown> = { root, spacing: config.spacing, categories: {} };
for (const [c, segs] of byCategory) {
  const writers = new Set(segs.map((s) => writerKey(s.lab, s.writer)));
  const chars = [...new Set(segs.flatMap((s) => [...s.label]))].sort().join('');
  // Features on every 10th segment: lengths and time per sample.
  const sample = segs.filter((_, i) => i % 10 === 0);
  const t0 = performance.now();
  const frames = sample.map((s) => extractInkFeatures(s.ink, config).frames).sort((a, b) => a - b);
  const ms = (performance.now() - t0) / sample.length;
  const perChar = sample.map(
    (s) => extractInkFeatures(s.ink, config).frames / Math.max(1, s.label.length),
  );
  perChar.sort((a, b) => a - b);
  (report.categories as Record<string, unknown>)[c] = {
    segments: segs.length,
    bad: segs.filter((s) => s.quality === 'BAD').length,
    labs: new Set(segs.map((s) => s.lab)).size,
    writers: writers.size,
    charset: chars,
    frames: { median: quantile(frames, 0.5), p95: quantile(frames, 0.95), max: frames.at(-1) },
    framesPerChar: {
      median: Number(quantile(perChar, 0.5).toFixed(1)),
      p5: Number(quantile(perChar, 0.05).toFixed(1)),
    },
    featureMsPerSample: Number(ms.toFixed(3)),
  };
}

const words = dedupeSegments([...(byCategory.get('7') ?? []), ...(byCategory.get('6') ?? [])]);
report.words = {
  category7: byCategory.get('7')?.length,
  category6: byCategory.get('6')?.length,
  deduplicated: words.length,
};

const all = [...byCategory.values()].flat();
const labsOf = new Map<string, Set<string>>();
for (const s of all) {
  const key = writerKey(s.lab, s.writer);
  if (!labsOf.has(key)) labsOf.set(key, new Set());
  labsOf.get(key)?.add(s.lab);
}
report.writerGroups = {
  total: labsOf.size,
  acrossLabs: [...labsOf]
    .filter(([, labs]) => labs.size > 1)
    .map(([k, labs]) => `${k} (${[...labs].sort().join(', ')})`),
};
const split = splitByWriter(all, { validationFraction: 0.1, heldOutLabs: ['ced'], seed: 1 });
report.exampleSplit = {
  options: 'validationFraction 0.1, heldOutLabs [ced], seed 1',
  train: split.train.length,
  validation: split.validation.length,
  validationWriters: split.validationWriters.length,
};

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const [c, r] of Object.entries(
    report.categories as Record<string, Record<string, unknown>>,
  )) {
    console.log(`${c.padEnd(3)} ${JSON.stringify(r)}`);
  }
  for (const key of ['words', 'writerGroups', 'exampleSplit'])
    console.log(`${key}: ${JSON.stringify(report[key])}`);
}
