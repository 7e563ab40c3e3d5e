/**
 * Open dictation with a broad speech model (issue 19, item 4): word error rate
 * on the synthetic voice family never trained on, greedy and with beam search
 * + an English word LM (build-english-lm.ts; its vocabulary is the lexicon,
 * words outside it allowed at the usual penalty). The LM weight and word
 * bonus are chosen on other utterances of the same held-out split (dev: every
 * 4th from the 3rd) than those scored (test: every 4th from the 1st, the 200
 * evaluate-broad.ts scores greedily).
 *
 * Usage: USAGE below (`--help` prints it).
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  type DecodeParams,
  defaultDecodeParams,
  prepareDecodeResources,
  type Recognizer,
} from '../../engine/index';
import {
  evaluateSpeech,
  loadBestKernels,
  readRecognizerFile,
  scoreDetails,
} from '../../engine/node/index';
import { sliceEntries } from './evaluate-broad';
import { defaultCorpusDir } from './generate';
import { readSplit } from './shards';
import { runAsScript, stampedLog, printReport } from './script';
import { exitWithUsage, parseScriptArgs } from '../script-args';

/** LM weight × word bonus grid searched on the dev utterances. */
const ALPHAS = [0.3, 0.6, 1.0, 1.5];
const BETAS = [0, 1.5, 3];

/** Every `step`-th entry from `first`, at most `count`. */
const every = <T>(xs: T[], step: number, first: number, count: number) =>
  xs.filter((_, i) => i % step === first).slice(0, count);

export function openDictation(
  recognizer: Recognizer,
  o: { corpusDir: string; lms: string[]; test: number; dev: number; log(msg: string): void },
) {
  const entries = readSplit(join(o.corpusDir, 'eval'));
  const testEntries = every(entries, 4, 0, o.test);
  const test = sliceEntries(testEntries, join(o.corpusDir, 'eval-wav', 'every-4'));
  const dev = sliceEntries(every(entries, 4, 2, o.dev), join(o.corpusDir, 'eval-wav', 'dev-4-2'));
  const base = defaultDecodeParams();
  const greedy = evaluateSpeech(recognizer, test, { ...base, beamWidth: 1 });
  /** WER by kind of text (single words, sentences, names, numbers, …). */
  const byKind = (details: typeof greedy.details) => {
    const kinds = [...new Set(testEntries.map((e) => e.kind))].sort();
    return Object.fromEntries(
      kinds.map((k) => {
        const { n, wer } = scoreDetails(details.filter((_, i) => testEntries[i].kind === k));
        return [k, { n, wer }];
      }),
    );
  };
  const lms = o.lms.map((path) => {
    const resources = prepareDecodeResources(recognizer.labels, {
      lmArpa: readFileSync(path, 'utf8'),
      lmUnit: 'word',
      lexicon: null,
    });
    const params = (alpha: number, beta: number): DecodeParams => ({
      ...base,
      beamWidth: 16,
      alpha,
      beta,
    });
    const grid = ALPHAS.flatMap((alpha) =>
      BETAS.map((beta) => {
        const { wer } = evaluateSpeech(recognizer, dev, params(alpha, beta), resources);
        o.log(`${basename(path)} dev alpha ${alpha} beta ${beta}: WER ${wer}`);
        return { alpha, beta, wer };
      }),
    );
    const best = grid.reduce((a, b) => (b.wer < a.wer ? b : a));
    const scored = evaluateSpeech(recognizer, test, params(best.alpha, best.beta), resources);
    const { details: _d, ...summary } = scored;
    o.log(`${basename(path)} test (alpha ${best.alpha}, beta ${best.beta}): WER ${scored.wer}`);
    return {
      lm: path,
      words: resources.lm?.words().length ?? 0,
      dev: { n: dev.length, grid, alpha: best.alpha, beta: best.beta },
      test: { ...summary, byKind: byKind(scored.details) },
      examples: scored.details.slice(0, 12).map((d) => ({ ref: d.reference, hyp: d.hypothesis })),
    };
  });
  const { details: _g, ...greedySummary } = greedy;
  return {
    family: entries[0]?.family,
    test: test.length,
    greedy: { ...greedySummary, byKind: byKind(greedy.details) },
    beamLm: lms,
  };
}

const USAGE = `usage: npx tsx scripts/speech-corpus/open-dictation.ts MODEL.vbm --lm ARPA [--lm ARPA2 …]
    [--corpus DIR] [--test 200] [--dev 100] [--out FILE]`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseScriptArgs(
    USAGE,
    {
      lm: { type: 'string', multiple: true },
      corpus: { type: 'string' },
      test: { type: 'string', default: '200' },
      dev: { type: 'string', default: '100' },
      out: { type: 'string' },
    },
    { args: argv, positionals: 1 },
  );
  if (positionals.length !== 1) exitWithUsage(USAGE, 'the model file is required');
  if (!values.lm?.length) exitWithUsage(USAGE, '--lm is required');
  const recognizer = readRecognizerFile(positionals[0], { kernels: loadBestKernels() });
  const log = stampedLog('open-dictation');
  const result = openDictation(recognizer, {
    corpusDir: values.corpus ? resolve(values.corpus) : defaultCorpusDir(),
    lms: values.lm.map((p) => resolve(p)),
    test: Number(values.test),
    dev: Number(values.dev),
    log,
  });
  printReport({ model: resolve(positionals[0]), ...result }, values.out);
  return 0;
}

runAsScript(import.meta.url, main);
