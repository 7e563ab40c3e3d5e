import type { CliIo, Command } from '../command';
import { expandInputs } from '../input-files';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { expectModelKind } from '../model-kind';
import { recognitionSetupFor, type TaskOf } from '../../index';
import { decodingWords, LOW_CONFIDENCE, unsureFlagger } from '../../../index';
import { BATCH_FLAGS, BATCH_USAGE, batchPlan, runBatch, shippedBytes } from '../batch-flags';
import { positiveInt, parseHotword } from '../options';
import { speechModelFor } from '../speech-model';
import { bracketUnsure, checkMarkUnsure } from '../unsure-output';
import { checkVocabularyFlags, readVocabularyFile } from '../vocabulary-file';

const usage = `usage: verbatim transcribe [--model NAME|PATH] [--raw FORMAT] [--json] [--beam N] [--no-lm] [--lm FILE.arpa] [--lexicon FILE] [--vocabulary FILE] [--hotword WORD[:BOOST]]... [--nbest N] [--mark-unsure] ${BATCH_USAGE} INPUT...
  --model NAME|PATH      a model of 'verbatim models list' or a .vbm file (default: the active speech model)
  --vocabulary FILE      only these words and phrases may come out, written as listed: one a line,
                         # comments, WORD:WEIGHT to favour one, WRITTEN = SPOKEN for a word written
                         otherwise than it sounds ("John = jon"); a list with words outside the
                         active model's domain uses a broad model (a note on stderr says so)
  --hotword WORD[:BOOST] prefer a word or phrase, written as given (repeatable; BOOST a natural-log
                         bonus, default 5)
  --raw FORMAT           raw PCM input, e.g. s16le:16000 or s16be:16000
  --json                 one object per input: text, words, nbest; each word has start and end (in
                         seconds), confidence (0-1) and unsure: true for a word to check (Dictate
                         underlines it), then also why, a list of "low-confidence" (confidence
                         below ${LOW_CONFIDENCE}) and "spelled-as-heard" (outside the model's words, the
                         vocabulary and the hotwords: spelled letter by letter, often wrongly)
  --mark-unsure          in the text output, put the words the recognizer is unsure of in [brackets]
                         (without it the text is printed as recognized)`;

export const transcribeCommand: Command = {
  name: 'transcribe',
  summary: 'speech to text for audio files or folders (WAV, or raw PCM with --raw)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        // Without it: the active speech model, or a broad one for a --vocabulary outside its domain.
        model: { type: 'string' },
        raw: { type: 'string' },
        json: { type: 'boolean' },
        beam: { type: 'string' },
        'no-lm': { type: 'boolean' },
        lm: { type: 'string' },
        lexicon: { type: 'string' },
        vocabulary: { type: 'string' },
        hotword: { type: 'string', multiple: true },
        nbest: { type: 'string' },
        'mark-unsure': { type: 'boolean' },
        ...BATCH_FLAGS,
      },
      usage,
    );
    if (positionals.length === 0)
      throw new UsageError('INPUT is required (a file or folder)', usage);
    checkMarkUnsure(values, usage);
    const plan = batchPlan(values, usage);
    // The flags given win over the model's own knobs (recognitionSetupFor).
    const flags = {
      beamWidth: values.beam === undefined ? undefined : positiveInt(values.beam, '--beam', usage),
      nbest: values.nbest === undefined ? undefined : positiveInt(values.nbest, '--nbest', usage),
    };
    const hotwords = (values.hotword ?? []).map((h) => parseHotword(h, usage));
    checkVocabularyFlags(values, usage);
    const vocabulary = values.vocabulary ? readVocabularyFile(values.vocabulary) : null;
    const { entry, vocabulary: checked } = speechModelFor(
      values.model,
      vocabulary,
      io,
      'transcribe',
      hotwords.map((h) => h.phrase),
    );
    if (entry.role !== 'speech' && !entry.path.endsWith('.vbm'))
      throw new UsageError(
        `model "${entry.name}" is a ${entry.role} model, not a speech model`,
        usage,
      );
    const { setup, kind } = recognitionSetupFor(entry, {
      vocabulary: values['no-lm'] ? 'none' : 'lexicon',
      lm: values.lm,
      lexicon: values.lexicon,
      params: flags,
    });
    expectModelKind(kind, 'speech', { path: entry.path, command: 'transcribe', usage });
    const decode = setup.params;
    decode.hotwords = hotwords;
    // Only these words and phrases may come out (one a line, '#' comments, WORD:WEIGHT).
    decode.vocabulary = checked;
    const flagUnsure = unsureFlagger(
      () => decodingWords(setup.resources),
      checked,
      hotwords.map((h) => h.phrase),
    );

    const files = expandInputs(positionals, values.raw === undefined ? ['.wav'] : ['.raw', '.pcm']);
    if (files.length === 0) {
      io.stderr.write('verbatim transcribe: no audio files found in the inputs\n');
      return 1;
    }
    const tasks = files.map((input): TaskOf<'transcribe'> => ({
      op: 'transcribe',
      input,
      raw: values.raw,
      bytes: shippedBytes(plan, input),
    }));
    let failed = 0;
    await runBatch(plan, setup, tasks, io, 'transcribe', 'files', ({ input: file }, o) => {
      if ('error' in o) {
        failed++;
        if (values.json) io.stdout.write(`${JSON.stringify({ input: file, error: o.error })}\n`);
        io.stderr.write(`verbatim transcribe: ${o.error}\n`);
        return;
      }
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ input: file, ...o.result, words: flagUnsure(o.result.words), duration: o.duration, elapsedMs: o.elapsedMs })}\n`
          : `${file}\t${values['mark-unsure'] ? bracketUnsure(o.result.text, flagUnsure(o.result.words)) : o.result.text}\n`,
      );
    });
    return failed === 0 ? 0 : 1;
  },
};
