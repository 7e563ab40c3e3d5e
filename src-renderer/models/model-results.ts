// What a model's recorded measurements mean, in words people use ("on 11
// speakers it never heard: 89% of words right"), and its recipe without the
// temporary paths of the machine it was trained on. The raw numbers stay
// available (rawMetrics) for the disclosure under each model.
import type { ModelDetails, ModelRole } from '../../src-common/api';

type Obj = Record<string, unknown>;
type Rates = { n?: number; wer?: number; cer?: number; accuracy?: number; caseErrorRate?: number };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
// One decimal (84.7%, not 85%): a whole-percent rounding can land a figure on the far side of a
// target the card states exactly; a whole number keeps no ".0".
const pct = (fraction: number) => `${(100 * fraction).toFixed(1).replace(/\.0$/, '')}%`;
const count = (n: number) => n.toLocaleString('en-US');

/** What one item of the model's test data is called. */
const ITEMS: Record<ModelRole, string> = {
  speech: 'words',
  digits: 'digits',
  letters: 'letters',
  words: 'words',
};

/** The decoding the app uses, best first: what a person gets is what we report. */
const DECODINGS = ['beamLm', 'lexicon', 'beam', 'greedy'];

function rates(v: unknown): Rates | null {
  if (!isObj(v)) return null;
  const r: Rates = {
    n: num(v.n),
    wer: num(v.wer),
    cer: num(v.cer),
    accuracy: num(v.accuracy),
    caseErrorRate: num(v.caseErrorRate),
  };
  return r.wer !== undefined || r.accuracy !== undefined ? r : null;
}

/** The measurement of the decoding the app uses, from a block of several. */
function used(block: unknown): Rates | null {
  if (!isObj(block)) return null;
  for (const k of DECODINGS) {
    const r = rates(block[k]);
    if (r) return r;
  }
  return rates(block);
}

/** Case errors are counted apart (issue 20): words read right but for their capitals. */
const caseApart = (r: Rates) =>
  r.caseErrorRate !== undefined && r.caseErrorRate >= 0.005
    ? ` (another ${pct(r.caseErrorRate)} right but for capital letters)`
    : '';

/** Share of items right: 1 − WER for word-level rates, else the item accuracy. */
const right = (r: Rates, items: string) =>
  items === 'words' && r.wer !== undefined ? 1 - r.wer : (r.accuracy ?? 1 - (r.wer ?? 1));

function speechLines(m: Obj): string[] {
  const out: string[] = [];
  const an4 = m.an4HeldOutSpeakers;
  const a = used(an4);
  if (isObj(an4) && a?.wer !== undefined) {
    const speakers = num(an4.speakers);
    out.push(
      `On ${speakers ? `${speakers} speakers` : 'speakers'} it never heard${a.n ? ` (${count(a.n)} sentences)` : ''}: ${pct(1 - a.wer)} of words right.`,
    );
  }
  const f = used(m.fsddHeldOutSpeaker);
  if (f?.accuracy !== undefined)
    out.push(
      `Single spoken digits by a speaker it never heard${f.n ? ` (${count(f.n)} recordings)` : ''}: ${pct(f.accuracy)} right.`,
    );
  const paused = used(m.fsddHeldOutSpeakerPaused);
  if (paused?.accuracy !== undefined)
    out.push(
      `The same digits with a pause around each, as when dictating: ${pct(paused.accuracy)} right.`,
    );
  return out;
}

function inkLines(m: Obj, role: ModelRole): string[] {
  const out: string[] = [];
  const upper = rates(m.upper);
  const lower = rates(m.lower);
  if (upper?.accuracy !== undefined && lower?.accuracy !== undefined)
    out.push(
      `Single letters by writers it never saw: ${pct(upper.accuracy)} of capitals and ${pct(lower.accuracy)} of small letters right.`,
    );
  const words = m.words;
  if (isObj(words)) {
    const lexicon = rates(words.lexicon);
    const open = rates(words.charLm);
    const size = num(words.lexiconWords);
    if (lexicon?.accuracy !== undefined)
      out.push(
        `Handwritten words by writers it never saw${lexicon.n ? ` (${count(lexicon.n)} words)` : ''}: ${pct(lexicon.accuracy)} read right with its ${size ? `${count(size)}-word list` : 'word list'}${caseApart(lexicon)}.`,
      );
    if (open?.accuracy !== undefined)
      out.push(`Without the word list (any spelling allowed): ${pct(open.accuracy)} right.`);
  }
  // Text lines (several words on a line), scored as lines: characters, words, whole lines.
  const lines = rates(m.lines);
  if (lines?.cer !== undefined && lines.wer !== undefined)
    out.push(
      `Lines of several words by writers it never saw${lines.n ? ` (${count(lines.n)} lines)` : ''}: ${pct(lines.cer)} of characters wrong, ${pct(1 - lines.wer)} of words right${lines.accuracy !== undefined ? `, ${pct(lines.accuracy)} of lines read exactly` : ''}.`,
    );
  const v = m.validation;
  const shipped = used(v);
  if (isObj(v) && !('trained' in v) && shipped) {
    const n = num(v.n) ?? shipped.n;
    out.push(
      `On ${n ? `${count(n)} ` : ''}handwritten ${ITEMS[role]} by writers it never saw: ${pct(right(shipped, ITEMS[role]))} right.`,
    );
  }
  return out;
}

/** A model trained in the app: its result on the held-out part of the user's data. */
function trainedLines(m: Obj, role: ModelRole): string[] {
  const v = m.validation;
  if (!isObj(v) || !('trained' in v)) return [];
  const trained = rates(v.trained);
  if (!trained) return ['It was trained without data kept aside for checking, so it has no score.'];
  const items = ITEMS[role];
  const base = rates(v.base);
  const line = `On the part of your data kept aside for checking: ${pct(right(trained, items))} of ${items} right`;
  return [base ? `${line} (the model it started from: ${pct(right(base, items))}).` : `${line}.`];
}

/**
 * When a model trained in the app did worse on the held-out data than the
 * model it started from: both shares right and the sentence that says so.
 */
export function worseThanBase(
  model: Pick<ModelDetails, 'metrics' | 'info'>,
): { trained: number; base: number; message: string } | null {
  const v = model.metrics.validation;
  if (!isObj(v)) return null;
  const trained = rates(v.trained);
  const base = rates(v.base);
  if (!trained || !base) return null;
  const items = ITEMS[model.info.role];
  const [t, b] = [right(trained, items), right(base, items)];
  if (t >= b) return null;
  return {
    trained: t,
    base: b,
    message: `${model.info.name} got ${pct(t)} of ${items} right on the data kept aside for checking; the model it started from got ${pct(b)}.`,
  };
}

/** Each modality's held-out results, as its recipes record them. */
const RESULT_LINES: Record<ModelDetails['kind'], (m: Obj, role: ModelRole) => string[]> = {
  speech: speechLines,
  ink: inkLines,
};

/** Plain-words lines for a model's results; one line saying so when none were recorded. */
export function describeResults(model: Pick<ModelDetails, 'metrics' | 'info' | 'kind'>): string[] {
  const m = model.metrics;
  const role = model.info.role;
  const lines = [...trainedLines(m, role), ...RESULT_LINES[model.kind](m, role)];
  return lines.length ? lines : ['No test results were recorded for this model.'];
}

const RATE_KEYS = new Set(['wer', 'cer', 'ser', 'accuracy']);

/** Every recorded number as [path, value], rates shown as percentages. */
export function rawMetrics(metrics: Obj): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (isObj(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    else if (typeof value === 'number')
      out.push([
        path.join(' › '),
        RATE_KEYS.has(path[path.length - 1]!) ? `${(100 * value).toFixed(1)}%` : count(value),
      ]);
    else if (value !== null && value !== undefined)
      out.push([path.join(' › '), Array.isArray(value) ? value.join(', ') : String(value)]);
  };
  walk(metrics, []);
  return out;
}

/** A recipe with every absolute path cut to its file name (a /tmp stage file means nothing elsewhere). */
export function cleanRecipe(recipe: string): string {
  return recipe.replace(/(^|\s)(?:[A-Za-z]:)?[\\/](?:[^\s\\/]+[\\/])*([^\s\\/]+)/g, '$1$2');
}

/** How the model was made, as short labelled facts from its training record. */
export function trainingFacts(training: Obj): [string, string][] {
  const facts: [string, string][] = [];
  if (typeof training.architecture === 'string') facts.push(['Network', training.architecture]);
  if (typeof training.base === 'string') facts.push(['Started from', training.base]);
  const stages = Array.isArray(training.stages) ? training.stages.length : 0;
  if (stages > 1) facts.push(['Training stages', String(stages)]);
  const epochs = num(training.epochs);
  const minutes = num(training.minutes);
  if (epochs !== undefined)
    facts.push([
      'Last run',
      `${epochs} epoch${epochs === 1 ? '' : 's'}${minutes !== undefined ? `, ${minutes} minutes` : ''}`,
    ]);
  const items = num(training.trainItems);
  if (items !== undefined) facts.push(['Training samples', count(items)]);
  return facts;
}
