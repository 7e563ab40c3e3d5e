import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo, Command } from '../command';
import { expandInputs } from '../input-files';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import {
  decodeParamsFor,
  findUnipenRoot,
  loadBestKernels,
  loadModelEntry,
  readInkFile,
  readWordList,
  resolveModel,
  UnipenReader,
} from '../../index';
import { createDecoder, recognizeInk } from '../../../index';
import { positiveInt } from '../options';

const usage =
  "usage: verbatim recognize-ink [--model digits|letters|words|PATH] [--charset SPEC] [--lexicon FILE|none (default: the model's word list first, other words spelled by its character LM; none: open vocabulary, spelled by the character LM)] [--nbest N] [--unipen-root DIR] [--json] INPUT...";

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
        nbest: { type: 'string' },
        'unipen-root': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length === 0) throw new UsageError('INPUT is required', usage);
    const nbest = values.nbest === undefined ? 5 : positiveInt(values.nbest, '--nbest', usage);
    const entry = resolveModel(values.model, 'words');
    const recognizer = loadModelEntry(entry, loadBestKernels());
    if (recognizer.kind !== 'ink')
      throw new UsageError(
        `${entry.path} is a speech model; recognize-ink needs a handwriting model`,
        usage,
      );
    const params = decodeParamsFor(entry, values.lexicon === 'none' ? 'open' : 'lexicon');
    params.nbest = nbest;
    if (values.charset !== undefined) params.charset = values.charset;
    if (values.lexicon && values.lexicon !== 'none')
      params.lexicon = readWordList(resolve(values.lexicon));
    const decoder = createDecoder(recognizer.labels, params);

    const unipenRoot = values['unipen-root'] ? resolve(values['unipen-root']) : undefined;
    const readers = new Map<string, UnipenReader>();
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
    for (const input of expandInputs(positionals, ['.inkml', '.json', '.dat'])) {
      let items;
      try {
        if (!existsSync(input)) throw new Error('no such file');
        let reader: UnipenReader | undefined;
        if (input.endsWith('.dat')) {
          // One reader per UNIPEN tree, so pen files shared by many segment files are parsed once.
          const key = unipenRoot ?? findUnipenRoot(input) ?? input;
          reader = readers.get(key) ?? UnipenReader.forPath(input, unipenRoot);
          readers.set(key, reader);
        }
        items = readInkFile(input, { unipenRoot, unipenReader: reader });
      } catch (err) {
        fail(input, err instanceof Error ? err.message.replace(`${input}: `, '') : String(err));
        continue;
      }
      for (const it of items) {
        try {
          const r = recognizeInk(recognizer, it.ink, params, decoder);
          if (values.json) {
            const reference = it.label === undefined ? {} : { reference: it.label };
            io.stdout.write(
              `${JSON.stringify({ input, item: it.item, ...reference, text: r.text, nbest: r.nbest })}\n`,
            );
          } else io.stdout.write(`${input}#${it.item}\t${r.text}\n`);
        } catch (err) {
          fail(input, err instanceof Error ? err.message : String(err), it.item);
        }
      }
    }
    return failed === 0 ? 0 : 1;
  },
};
