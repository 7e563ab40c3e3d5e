/**
 * Single characters of the held-out labs and writers (recipes/unipen-heldout.json)
 * read by a model file, under the category's charset (1a 0-9, 1b A-Z, 1c a-z;
 * beam 16), so the shipped models and recipe stages are compared on the same
 * people. `--tta K` also reads K mildly distorted copies of each character and
 * sums the n-best posteriors of all K + 1 readings (test-time augmentation).
 *
 * Usage: USAGE below (`--help` prints it).
 */
import {
  augmentInk,
  createDecoder,
  defaultDecodeParams,
  recognizeInk,
  seededRandom,
  type Ink,
  type InkAugmentOptions,
  type RecognitionResult,
} from '../engine/index';
import {
  loadBestKernels,
  loadModelEntry,
  resolveModel,
  scoreInkDetails,
} from '../engine/node/index';
import { heldOutSegments } from './ink-heldout-segments';
import { exitWithUsage, parseScriptArgs } from './script-args';
import { readHeldOut } from './recipes/unipen-split';

const CHARSETS: Record<string, string> = { '1a': '0-9', '1b': 'A-Z', '1c': 'a-z' };

/** Milder than training's augmentation: the copies should stay the same character. */
const TTA_AUGMENT: InkAugmentOptions = {
  scale: 0.1,
  aspect: 0.1,
  shear: 0.15,
  rotation: 0.05,
  jitter: 0.002,
  speed: 0,
  dropout: 0,
};

const USAGE =
  'usage: npx tsx scripts/ink-heldout-eval.ts --model NAME|PATH.vbm [--category 1a|1b|1c] [--tta K] [--json]';

const { values } = parseScriptArgs(USAGE, {
  model: { type: 'string' },
  category: { type: 'string', default: '1a' },
  tta: { type: 'string', default: '0' },
  json: { type: 'boolean', default: false },
});
const charset = CHARSETS[values.category];
const copies = Number(values.tta);
if (!values.model) exitWithUsage(USAGE, '--model is required');
if (!charset) exitWithUsage(USAGE, `--category must be 1a, 1b or 1c, got ${values.category}`);
if (!(copies >= 0)) exitWithUsage(USAGE, `--tta must be a number of copies, got ${values.tta}`);
const entry = resolveModel(values.model, values.category === '1a' ? 'digits' : 'letters');
const recognizer = loadModelEntry(entry, loadBestKernels());
const params = { ...defaultDecodeParams(), charset };
const decoder = createDecoder(recognizer.labels, params);
const read = (ink: Ink) => recognizeInk(recognizer, ink, params, decoder);

/** The text with the most posterior mass summed over the readings' n-best lists. */
function vote(readings: RecognitionResult[]): string {
  const mass = new Map<string, number>();
  for (const r of readings) {
    const top = Math.max(...r.nbest.map((n) => n.score));
    const z = r.nbest.reduce((s, n) => s + Math.exp(n.score - top), 0);
    for (const n of r.nbest)
      mass.set(n.text, (mass.get(n.text) ?? 0) + Math.exp(n.score - top) / z);
  }
  return [...mass].reduce((a, b) => (b[1] > a[1] ? b : a), ['', -1])[0];
}

const held = readHeldOut();
const segments = heldOutSegments(values.category).filter((s) => s.label.length === 1);
const t0 = performance.now();
const details = segments.map((s, i) => {
  const random = seededRandom(i + 1);
  const readings = [read(s.ink)];
  for (let k = 0; k < copies; k++) readings.push(read(augmentInk(s.ink, random, TTA_AUGMENT)));
  return {
    lab: s.lab,
    reference: s.label,
    hypothesis: copies > 0 ? vote(readings) : readings[0].text,
  };
});
/** Count and right answers by held-out lab, the other labs' writers together as 'other'. */
function byLab(rows: { lab: string; reference: string; hypothesis: string }[]) {
  const out = new Map<string, { n: number; right: number }>();
  for (const d of rows) {
    const lab = held.heldOutLabs.includes(d.lab) ? d.lab : 'other';
    const c = out.get(lab) ?? { n: 0, right: 0 };
    c.n++;
    if (d.reference === d.hypothesis) c.right++;
    out.set(lab, c);
  }
  return out;
}

const { details: _d, ...scores } = scoreInkDetails(details);
const report = {
  model: entry.path,
  category: values.category,
  charset,
  tta: copies,
  ...scores,
  // The labs held out whole, each apart (recipes/unipen-heldout.json), and the other labs' writers.
  byLab: Object.fromEntries(
    [...byLab(details)]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([lab, { n, right }]) => [lab, { n, accuracy: Number((right / n).toFixed(4)) }]),
  ),
  msPerCharacter: Number(((performance.now() - t0) / segments.length).toFixed(2)),
};
console.log(JSON.stringify(report, null, values.json ? 0 : 2));
