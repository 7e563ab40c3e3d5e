import { resolve } from 'node:path';
import type { CliIo, Command } from '../command';
import { expandInputs } from '../input-files';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { expectModelKind } from '../model-kind';
import { decodingWords, LOW_CONFIDENCE, unsureFlagger } from '../../../index';
import {
  InkFileReader,
  inkReadError,
  recognitionSetupFor,
  resolveModel,
  type TaskOf,
} from '../../index';
import { BATCH_FLAGS, BATCH_USAGE, batchPlan, runBatch } from '../batch-flags';
import { positiveInt } from '../options';
import { bracketUnsure, checkMarkUnsure } from '../unsure-output';
import { inkVocabulary } from '../vocabulary-file';

const usage = `usage: verbatim recognize-ink [--model digits|letters|words|PATH] [--charset SPEC] [--lexicon FILE|none (default: the model's word list first, other words spelled by its character LM; none: open vocabulary, spelled by the character LM)] [--vocabulary FILE] [--nbest N] [--unipen-root DIR] [--json] [--mark-unsure] ${BATCH_USAGE} INPUT...
Each item (a UNIPEN segment, an InkML trace group, a JSON ink) is read whole: a character, a word, or
with the words model a line of words, spaces included (ink on several lines is read line by line).
A bad point or segment of a UNIPEN file is left out and said on stderr; the rest is read.
  --vocabulary FILE
                  only these words and phrases may come out, written as listed: one a line,
                  # comments, WORD:WEIGHT to favour one (a form's field, a list of names); the
                  words model's character LM still ranks their spellings. Not with --lexicon
  --json          one object per item: input, item, reference (the file's label, if any), text,
                  words, nbest; each word has start and end (point indices into the item's ink,
                  strokes in order), confidence (0-1) and unsure: true for a word to check, then
                  also why, a list of "low-confidence" (confidence below ${LOW_CONFIDENCE}) and
                  "spelled-as-heard" (outside the word list decoded with: --vocabulary's,
                  --lexicon's or the words model's; spelled letter by letter by the character
                  LM, often wrongly;
                  punctuation written around a word aside, a number in digits never). The
                  digits and letters models have no word list, so only low confidence flags their
                  words (unless --lexicon FILE gives one); --lexicon none flags no word as spelled
  --mark-unsure   in the text output, put the words the recognizer is unsure of in [brackets]
                  (without it the text is printed as recognized)`;

export const recognizeInkCommand: Command = {
  name: 'recognize-ink',
  summary: 'handwriting to text for InkML, UNIPEN segment files and JSON ink',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        model: { type: 'string', default: 'words' },
        charset: { type: 'string' },
        lexicon: { type: 'string' },
        vocabulary: { type: 'string' },
        nbest: { type: 'string' },
        'unipen-root': { type: 'string' },
        json: { type: 'boolean' },
        'mark-unsure': { type: 'boolean' },
        ...BATCH_FLAGS,
      },
      usage,
    );
    if (positionals.length === 0) throw new UsageError('INPUT is required', usage);
    checkMarkUnsure(values, usage);
    const plan = batchPlan(values, usage);
    const nbest = values.nbest === undefined ? 5 : positiveInt(values.nbest, '--nbest', usage);
    const entry = resolveModel(values.model, 'words');
    const { setup, kind } = recognitionSetupFor(entry, {
      vocabulary: values.lexicon === 'none' ? 'open' : 'lexicon',
      lexicon: values.lexicon === 'none' ? undefined : values.lexicon,
    });
    expectModelKind(kind, 'ink', { path: entry.path, command: 'recognize-ink', usage });
    const vocabulary = inkVocabulary(values, entry.path, usage);
    setup.params.vocabulary = vocabulary;
    setup.params.nbest = nbest;
    if (values.charset !== undefined) setup.params.charset = values.charset;
    const flagUnsure = unsureFlagger(() => decodingWords(setup.resources), vocabulary, []);

    const unipenRoot = values['unipen-root'] ? resolve(values['unipen-root']) : undefined;
    // With --ship the items are read here and sent in the jobs.
    const shipping = plan.where === 'queue' && plan.ship ? new InkFileReader() : undefined;
    // What the tolerant UNIPEN reader left out of a file is said, and the rest is read.
    const warnSkipped = (input: string, skipped: readonly string[] = []) => {
      for (const skip of skipped) io.stderr.write(`verbatim recognize-ink: ${input}: ${skip}\n`);
    };
    const tasks = expandInputs(positionals, ['.inkml', '.json', '.dat']).map(
      (input): TaskOf<'ink-file'> => {
        if (!shipping) return { op: 'ink-file', input, unipenRoot };
        try {
          const items = shipping.read(input, unipenRoot, (skip) => warnSkipped(input, [skip]));
          return { op: 'ink-file', input, unipenRoot, items };
        } catch (err) {
          return { op: 'ink-file', input, unipenRoot, readError: inkReadError(input, err) };
        }
      },
    );
    let failed = 0;
    const fail = (input: string, error: string, item?: number) => {
      failed++;
      if (values.json)
        io.stdout.write(
          `${JSON.stringify({ input, ...(item === undefined ? {} : { item }), error })}\n`,
        );
      io.stderr.write(
        `verbatim recognize-ink: ${input}${item === undefined ? '' : `#${item}`}: ${error}\n`,
      );
    };
    await runBatch(plan, setup, tasks, io, 'recognize-ink', 'files', ({ input }, outcome) => {
      if ('error' in outcome) return fail(input, outcome.error);
      warnSkipped(input, outcome.skipped);
      for (const it of outcome.items) {
        if ('error' in it) fail(input, it.error, it.item);
        else {
          const reference = it.label === undefined ? {} : { reference: it.label };
          io.stdout.write(
            values.json
              ? `${JSON.stringify({ input, item: it.item, ...reference, text: it.text, words: flagUnsure(it.words), nbest: it.nbest })}\n`
              : `${input}#${it.item}\t${values['mark-unsure'] ? bracketUnsure(it.text, flagUnsure(it.words)) : it.text}\n`,
          );
        }
      }
    });
    return failed === 0 ? 0 : 1;
  },
};
