/**
 * FSDD leave-one-speaker-out (issue 19, item 3), affordable: one base model
 * that has heard no FSDD speaker (its recipe's data says `fsdd: false`), then
 * per speaker a short fine-tuning stage on the four others (the fsdd-loso
 * recipe: one stage per fold, each from the base). Each fold is scored on
 * its held-out speaker's 500 digits, greedy and with the ten digit words as
 * the only words; the base is scored on the same speakers before any
 * fine-tuning. Train first, then score:
 *
 *   nice -n 15 npx tsx scripts/train-recipe.ts speech-loso-base --workers 1 --cache DIR
 *   nice -n 15 npx tsx scripts/train-recipe.ts fsdd-loso --workers 1 --cache DIR
 *   npx tsx scripts/speech-corpus/fsdd-loso.ts …   (usage: USAGE below; `--help` prints it)
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDecodeParams } from '../../engine/index';
import {
  type EvalSummary,
  evaluateSpeech,
  loadBestKernels,
  readRecognizerFile,
} from '../../engine/node/index';
import { readRecipe, type Recipe } from '../recipes/recipe';
import { stageDir } from '../recipes/run-recipe';
import { DIGITS } from '../synth-vocabulary';
import { closedVocabulary } from './evaluate-broad';
import { realSplit } from './real-data';
import { runAsScript, stampedLog, printReport } from './script';
import { exitWithUsage, parseScriptArgs } from '../script-args';

/** Each fold of a leave-one-speaker-out recipe: its held-out speaker and the models to score. */
export function losoFolds(recipe: Recipe, cacheDir: string) {
  return recipe.stages.map((stage) => {
    const speaker = (stage.data as { heldOut?: unknown }).heldOut;
    if (typeof speaker !== 'string')
      throw new Error(
        `${recipe.model}/${stage.name}: its data names no held-out speaker (heldOut)`,
      );
    if (!stage.initFrom?.includes('/'))
      throw new Error(`${recipe.model}/${stage.name}: starts from no base of another recipe`);
    const [baseModel, baseStage] = stage.initFrom.split('/', 2);
    return {
      fold: stage.name,
      speaker,
      model: join(stageDir(cacheDir, recipe.model, stage.name), 'model.vbm'),
      base: join(stageDir(cacheDir, baseModel, baseStage), 'model.vbm'),
    };
  });
}

const rate = ({ n, accuracy }: EvalSummary) => ({ n, accuracy });
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e4) / 1e4;

export function scoreLoso(recipe: Recipe, cacheDir: string, log: (msg: string) => void) {
  const kernels = loadBestKernels();
  const greedy = { ...defaultDecodeParams(), beamWidth: 1 };
  const digits = closedVocabulary(DIGITS);
  const folds = losoFolds(recipe, cacheDir).map((f) => {
    for (const path of [f.model, f.base])
      if (!existsSync(path))
        throw new Error(`${path} is missing: train it first (see this script's header)`);
    const test = realSplit(f.speaker).validFsdd;
    const base = readRecognizerFile(f.base, { kernels });
    const tuned = readRecognizerFile(f.model, { kernels });
    const row = {
      ...f,
      baseDigits: rate(evaluateSpeech(base, test, ...digits)),
      greedy: rate(evaluateSpeech(tuned, test, greedy)),
      digits: rate(evaluateSpeech(tuned, test, ...digits)),
    };
    log(
      `${f.speaker}: base ${row.baseDigits.accuracy}, fine-tuned greedy ${row.greedy.accuracy}, digits only ${row.digits.accuracy}`,
    );
    return row;
  });
  return {
    folds,
    average: {
      baseDigits: mean(folds.map((f) => f.baseDigits.accuracy)),
      greedy: mean(folds.map((f) => f.greedy.accuracy)),
      digits: mean(folds.map((f) => f.digits.accuracy)),
    },
  };
}

const USAGE =
  'usage: npx tsx scripts/speech-corpus/fsdd-loso.ts --cache DIR [--recipe fsdd-loso] [--out FILE]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseScriptArgs(
    USAGE,
    {
      recipe: { type: 'string', default: 'fsdd-loso' },
      cache: { type: 'string' },
      out: { type: 'string' },
    },
    { args: argv },
  );
  if (!values.cache) exitWithUsage(USAGE, '--cache is required');
  const log = stampedLog('fsdd-loso');
  const result = scoreLoso(readRecipe(values.recipe), resolve(values.cache), log);
  printReport(result, values.out);
  return 0;
}

runAsScript(import.meta.url, main);
