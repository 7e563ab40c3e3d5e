import { resolve } from 'node:path';
import type { CliIo, Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { type SpeechImporter, speechImporters, writeManifest } from '../../index';
import { datasetImporter } from './dataset-rows';

/** One `verbatim import <format>`: add a row to IMPORTERS for a new format (e.g. ink datasets). */
export interface Importer {
  summary: string;
  usage: string;
  /** `args` are the arguments after the format name; returns the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Reads a speech dataset folder and writes a NeMo manifest. */
function speechImporter(format: string, summary: string, read: SpeechImporter): Importer {
  const usage = `usage: verbatim import ${format} DIR --out MANIFEST.jsonl | --dataset NAME [--json]`;
  return {
    summary,
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        { out: { type: 'string' }, dataset: { type: 'string' }, json: { type: 'boolean' } },
        usage,
      );
      // --dataset NAME copies the audio into one of the user's datasets instead
      if (values.dataset && !values.out) return datasetImporter(format).run(args, io);
      if (positionals.length !== 1) {
        throw new UsageError(
          positionals.length ? `expected one DIR, got ${positionals.length}` : 'DIR is required',
          usage,
        );
      }
      if (!values.out) throw new UsageError('--out MANIFEST.jsonl is required', usage);
      const dir = resolve(positionals[0]);
      const out = resolve(values.out);
      const fail = (error: string) => {
        io.stderr.write(`verbatim import: ${error}\n`);
        if (values.json) io.stdout.write(`${JSON.stringify({ format, input: dir, error })}\n`);
        return 1;
      };
      let lastDraw = 0;
      let result;
      try {
        result = read(dir, {
          onProgress: (done, total) => {
            if (!io.interactive || (Date.now() - lastDraw < 100 && done < total)) return;
            lastDraw = Date.now();
            io.stderr.write(`\r${format}: ${done}/${total} files${done === total ? '\n' : ''}`);
          },
        });
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
      const { entries, failures } = result;
      for (const f of failures) io.stderr.write(`verbatim import: ${f.path}: ${f.error}\n`);
      if (entries.length === 0) return fail(`${dir}: no usable utterances found; nothing written`);
      writeManifest(out, entries);
      const hours = entries.reduce((s, e) => s + e.duration, 0) / 3600;
      const speakers = new Set(entries.map((e) => e.speaker).filter(Boolean)).size;
      if (values.json) {
        const summaryLine = {
          format,
          input: dir,
          out,
          entries: entries.length,
          hours,
          speakers,
          failures,
        };
        io.stdout.write(`${JSON.stringify(summaryLine)}\n`);
      } else {
        io.stdout.write(
          `${out}\t${entries.length} utterances, ${hours.toFixed(2)} h, ${speakers} speakers` +
            `${failures.length ? `, ${failures.length} failed` : ''}\n`,
        );
      }
      return failures.length ? 1 : 0;
    },
  };
}

export const IMPORTERS: Record<string, Importer> = {
  ...Object.fromEntries(
    Object.entries(speechImporters).map(([format, { summary, read }]) => [
      format,
      speechImporter(format, summary, read),
    ]),
  ),
  inkml: datasetImporter('inkml'),
  unipen: datasetImporter('unipen'),
};

const usage = () =>
  [
    `usage: verbatim import ${Object.keys(IMPORTERS).join('|')} DIR --out FILE [--json]`,
    ...Object.entries(IMPORTERS).map(([name, imp]) => `  ${name.padEnd(16)} ${imp.summary}`),
  ].join('\n');

export const importCommand: Command = {
  name: 'import',
  get summary() {
    return `read a dataset folder (${Object.keys(IMPORTERS).join(', ')}) into a manifest or one of your datasets`;
  },
  get usage() {
    return usage();
  },
  async run(args, io) {
    const [format, ...rest] = args;
    if (!format) throw new UsageError('a dataset format is required', usage());
    const importer = IMPORTERS[format];
    if (!importer) {
      throw new UsageError(
        `unknown format '${format}' (known: ${Object.keys(IMPORTERS).join(', ')})`,
        usage(),
      );
    }
    return importer.run(rest, io);
  },
};
