/**
 * Facts about the UNIPEN data that training and evaluation rely on: segments
 * per category and lab, what the tolerant reader skipped and why (per lab),
 * labels left out by the training filters (BAD, empty, `XXX`), repeats across
 * categories (6 in 7, quirk 16; 1a-1d in 2), writer ids shared across labs
 * (quirk 17), the label character sets, and optionally the ink feature
 * lengths and extraction speed at a given spacing.
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  dedupeSegments,
  DEFAULT_INK_FEATURE_CONFIG,
  extractInkFeatures,
  type UnipenSegment,
  type UnipenSkip,
  writerKey,
} from '../engine/index';
import { loadUnipenCategory, sharedUnipenRoot, UNIPEN_CATEGORIES } from '../engine/node/index';
import { parseScriptArgs } from './script-args';

const USAGE =
  'usage: npx tsx scripts/ink-unipen-report.ts [--unipen DIR] [--features] [--spacing 0.1] [--json]';

const { values } = parseScriptArgs(USAGE, {
  unipen: { type: 'string' },
  features: { type: 'boolean', default: false },
  spacing: { type: 'string', default: String(DEFAULT_INK_FEATURE_CONFIG.spacing) },
  json: { type: 'boolean', default: false },
});
const found = values.unipen ?? sharedUnipenRoot();
if (!found) {
  console.error('no UNIPEN data: pass --unipen DIR or set VERBATIM_DATA_DIR');
  process.exit(2);
}
const root = resolve(found);
const config = { ...DEFAULT_INK_FEATURE_CONFIG, spacing: Number(values.spacing) };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
};

/** What the report keeps of a segment once its category is summarised (not the ink). */
type Light = Pick<UnipenSegment, 'lab' | 'writer' | 'penFile' | 'delineation'>;
const byCategory = new Map<string, Light[]>();
const skips: (UnipenSkip & { category: string; lab: string })[] = [];
const report: Record<string, unknown> = { root, categories: {} };
for (const c of UNIPEN_CATEGORIES) {
  const t0 = performance.now();
  const segs = loadUnipenCategory(root, c, {
    onSkip: (skip) => {
      // Name the lab from the segment file (<root>/data/<c>/<lab>/...) or the include (<lab>/...).
      const m = skip.file.startsWith(root)
        ? /[/\\]data[/\\][^/\\]+[/\\]([^/\\]+)[/\\]/.exec(skip.file.slice(root.length))
        : /^([^/]+)\//.exec(skip.file);
      skips.push({ ...skip, category: c, lab: m?.[1] ?? '?' });
    },
  });
  console.error(
    `read ${c}: ${segs.length} segments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const writers = new Set(segs.map((s) => writerKey(s.lab, s.writer)));
  const entry: Record<string, unknown> = {
    segments: segs.length,
    perLab: countBy(segs, (s) => s.lab),
    bad: segs.filter((s) => s.quality === 'BAD').length,
    emptyLabel: segs.filter((s) => s.label === '').length,
    unreadableXXX: segs.filter((s) => s.label === 'XXX').length,
    labs: new Set(segs.map((s) => s.lab)).size,
    writers: writers.size,
    types: countBy(segs, (s) => s.type),
    charset: [...new Set(segs.flatMap((s) => [...s.label]))].sort().join(''),
  };
  if (c === '8') {
    const words = segs
      .map((s) => s.label.split(/\s+/).filter(Boolean).length)
      .sort((a, b) => a - b);
    entry.wordsPerSegment = {
      median: quantile(words, 0.5),
      p95: quantile(words, 0.95),
      max: words.at(-1),
      oneWord: words.filter((n) => n === 1).length,
    };
  }
  if (values.features) {
    // Features on every 10th segment: lengths and time per sample.
    const sample = segs.filter((_, i) => i % 10 === 0);
    const t1 = performance.now();
    const frames = sample.map((s) => extractInkFeatures(s.ink, config).frames);
    const ms = (performance.now() - t1) / sample.length;
    const perChar = sample.map((s, i) => frames[i] / Math.max(1, s.label.length));
    frames.sort((a, b) => a - b);
    perChar.sort((a, b) => a - b);
    entry.spacing = config.spacing;
    entry.frames = {
      median: quantile(frames, 0.5),
      p95: quantile(frames, 0.95),
      max: frames.at(-1),
    };
    entry.framesPerChar = {
      median: Number(quantile(perChar, 0.5).toFixed(1)),
      p5: Number(quantile(perChar, 0.05).toFixed(1)),
    };
    entry.featureMsPerSample = Number(ms.toFixed(3));
  }
  (report.categories as Record<string, unknown>)[c] = entry;
  byCategory.set(
    c,
    segs.map(({ lab, writer, penFile, delineation }) => ({ lab, writer, penFile, delineation })),
  );
}

const perLabSkips: Record<string, Record<string, number>> = {};
for (const s of skips) {
  perLabSkips[s.lab] ??= {};
  perLabSkips[s.lab][`${s.category} ${s.kind}`] =
    (perLabSkips[s.lab][`${s.category} ${s.kind}`] ?? 0) + 1;
}
/** Segments lost with a skip: one, or every `.SEGMENT` of a file that could not be read. */
const lost = (s: UnipenSkip) =>
  s.kind === 'unreadable-file' || s.kind === 'missing-include'
    ? readFileSync(s.file, 'latin1')
        .split('\n')
        .filter((l) => l.startsWith('.SEGMENT')).length
    : s.kind === 'bad-point'
      ? 0
      : 1;
report.skipped = {
  total: skips.length,
  segmentsLost: Object.fromEntries(
    Object.entries(
      skips.reduce<Record<string, number>>((acc, s) => {
        const key = `${s.lab} ${s.category}`;
        acc[key] = (acc[key] ?? 0) + lost(s);
        return acc;
      }, {}),
    ),
  ),
  byKind: countBy(skips, (s) => s.kind),
  perLab: perLabSkips,
  examples: skips.slice(0, 20).map((s) => `${s.file}${s.line ? `:${s.line}` : ''}: ${s.message}`),
};

/** How many of `a`'s segments (pen file, delineation) repeat in `b`. */
const repeats = (a: readonly Light[], b: readonly Light[]) =>
  a.length + b.length - dedupeSegments([...a, ...b]).length;
const cat = (c: string) => byCategory.get(c) ?? [];
const sixInSeven = repeats(cat('6'), cat('7'));
report.repeats = {
  '6 in 7': { category6: cat('6').length, repeated: sixInSeven },
  'words 6+7 deduplicated': dedupeSegments([...cat('7'), ...cat('6')]).length,
  '1a-1d in 2': {
    category2: cat('2').length,
    repeated: repeats([...cat('1a'), ...cat('1b'), ...cat('1c'), ...cat('1d')], cat('2')),
  },
  '2 in 3': { category3: cat('3').length, repeated: repeats(cat('2'), cat('3')) },
};

// Writer ids seen under several labs, outside the namespaces writerKey already joins.
const all = [...byCategory.values()].flat();
const labsOfKey = new Map<string, Set<string>>();
const labsOfRawId = new Map<string, Set<string>>();
for (const s of all) {
  const key = writerKey(s.lab, s.writer);
  if (!labsOfKey.has(key)) labsOfKey.set(key, new Set());
  labsOfKey.get(key)?.add(s.lab);
  const raw = s.writer.trim().toLowerCase();
  // Bare numbers and empty ids mean nothing outside their lab (pri: 0, 150).
  if (raw === '' || /^\d{1,4}$/.test(raw)) continue;
  if (!labsOfRawId.has(raw)) labsOfRawId.set(raw, new Set());
  labsOfRawId.get(raw)?.add(s.lab);
}
const keyLabs = (labs: Set<string>) => new Set([...labs].map((l) => writerKey(l, 'x')));
report.writerGroups = {
  total: labsOfKey.size,
  perLab: Object.fromEntries(
    [...new Set(all.map((s) => s.lab))]
      .sort()
      .map((lab) => [
        lab,
        new Set(all.filter((s) => s.lab === lab).map((s) => writerKey(s.lab, s.writer))).size,
      ]),
  ),
  joinedAcrossLabs: [...labsOfKey].filter(([, labs]) => labs.size > 1).length,
  sameIdInUnjoinedLabs: [...labsOfRawId]
    .filter(([, labs]) => keyLabs(labs).size > 1)
    .map(([id, labs]) => `${id} (${[...labs].sort().join(', ')})`),
};

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const [c, r] of Object.entries(
    report.categories as Record<string, Record<string, unknown>>,
  )) {
    console.log(`${c.padEnd(3)} ${JSON.stringify(r)}`);
  }
  for (const key of ['skipped', 'repeats', 'writerGroups'])
    console.log(`${key}: ${JSON.stringify(report[key])}`);
}
