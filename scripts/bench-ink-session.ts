// What a stroke event costs in the worker while a line of words is written:
// the handwriting session (engine/recognize/ink-session.ts), which keeps the
// strokes and re-recognizes only the word that changed, against recognizing
// all the strokes on every event (what the app did before), in the same run.
//   npx tsx scripts/bench-ink-session.ts [segment-file label]
// Default: a 5-word line of UNIPEN category 8 ("methods of handling
// information are", lab aga) with the words model. Each stroke is added; after
// every fourth the stroke is undone and added again (a writer's correction).
import { join } from 'node:path';
import {
  InkSession,
  recognizeInk,
  type RecognitionResult,
  type Stroke,
  type StrokeEvent,
} from '../engine/index';
import {
  activeModel,
  loadBestKernels,
  openModelPackage,
  sharedUnipenRoot,
  UnipenReader,
} from '../engine/node/index';

const [file = '8/aga/annzchrl.dat', label = 'methods of handling information are'] =
  process.argv.slice(2);
const root = sharedUnipenRoot(process.cwd());
if (!root) throw new Error('the UNIPEN data is not available: set VERBATIM_DATA_DIR');
const segment = new UnipenReader(root)
  .readSegmentFile(join(root, 'data', file))
  .find((s) => s.label === label);
if (!segment) throw new Error(`no segment labelled "${label}" in ${file}`);
const entry = activeModel('words');
if (!entry) throw new Error('no words model is installed');
const pkg = openModelPackage(entry, { kernels: await loadBestKernels() });
const params = pkg.defaults();
const decoder = pkg.decoder(params);

const events: StrokeEvent[] = [];
segment.ink.strokes.forEach((s, i) => {
  events.push({ type: 'add', points: s.points });
  if (i % 4 === 3) events.push({ type: 'undo' }, { type: 'add', points: s.points });
});

interface Timing {
  total: { add: number; undo: number };
  count: { add: number; undo: number };
}
const timing = (): Timing => ({ total: { add: 0, undo: 0 }, count: { add: 0, undo: 0 } });

/** Replays the events once, adding each event's milliseconds to `into`. */
function timeEvents(into: Timing, start: () => (e: StrokeEvent) => RecognitionResult): void {
  const apply = start();
  for (const e of events) {
    const t = performance.now();
    apply(e);
    if (e.type === 'clear') continue; // (the line has none)
    into.total[e.type] += performance.now() - t;
    into.count[e.type]++;
  }
}

// Before: every event recognizes all the strokes.
const everything = () => {
  let strokes: Stroke[] = [];
  return (e: StrokeEvent) => {
    if (e.type === 'add') strokes = [...strokes, { points: e.points }];
    else if (e.type === 'undo') strokes = strokes.slice(0, -1);
    else strokes = [];
    return recognizeInk(pkg.recognizer, { strokes }, params, decoder);
  };
};
// After: the session.
const session = () => {
  const s = new InkSession(pkg.recognizer, params, decoder);
  return (e: StrokeEvent) => s.apply([e]);
};

// Both give the same text at the end; then both are timed, interleaved.
const last = (start: () => (e: StrokeEvent) => RecognitionResult) => {
  const apply = start();
  return events.map((e) => apply(e)).at(-1)!.text;
};
if (last(everything) !== last(session)) throw new Error('the session read the line differently');
// Rounds interleaved, so a busy machine slows both alike.
const before = timing();
const after = timing();
for (let round = 0; round < 5; round++) {
  timeEvents(before, everything);
  timeEvents(after, session);
}
const ms = (t: Timing, type: 'add' | 'undo') => t.total[type] / t.count[type];
const points = segment.ink.strokes.reduce((n, s) => n + s.points.length, 0);
console.log(
  `"${label}": ${segment.ink.strokes.length} strokes, ${points} points, ${events.length} events; read as "${last(session)}"`,
);
for (const type of ['add', 'undo'] as const) {
  console.log(
    `${type.padEnd(4)}  all strokes every event ${ms(before, type).toFixed(2)} ms  ` +
      `session ${ms(after, type).toFixed(2)} ms  ratio ${(ms(before, type) / ms(after, type)).toFixed(1)}x`,
  );
}
