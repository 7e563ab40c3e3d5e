import type { CliIo, Command } from '../command';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { describeUnipenSkip, InkFormatError } from '../../../index';
import { exportUnipenToInkml, UNIPEN_CATEGORIES, UnipenSkipCounts } from '../../index';
import { onnxExporter } from './export-onnx';
import { datasetExporter } from './dataset-rows';

/** One `verbatim export <format>`: add a row to EXPORTERS for a new format. */
interface Exporter {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const INKML_USAGE = `usage: verbatim export inkml --unipen DIR [--category ${UNIPEN_CATEGORIES.join('|')}] --out FOLDER\n       verbatim export inkml --dataset NAME|DIR --out FOLDER`;

const inkml: Exporter = {
  summary: 'UNIPEN segments to InkML files (one per segment file, truth annotations)',
  usage: INKML_USAGE,
  async run(args, io) {
    // --dataset NAME exports one of the user's ink datasets instead
    if (args.includes('--dataset') || args.some((a) => a.startsWith('--dataset=')))
      return datasetExporter('inkml').run(args, io);
    const { values, positionals } = parseCommandArgs(
      args,
      { unipen: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' } },
      INKML_USAGE,
    );
    if (positionals.length)
      throw new UsageError(`unexpected argument '${positionals[0]}'`, INKML_USAGE);
    if (!values.unipen) throw new UsageError('--unipen DIR is required', INKML_USAGE);
    if (!values.out) throw new UsageError('--out FOLDER is required', INKML_USAGE);
    const categories: readonly string[] = UNIPEN_CATEGORIES;
    if (values.category !== undefined && !categories.includes(values.category)) {
      throw new UsageError(
        `--category must be one of ${categories.join(', ')}, got '${values.category}'`,
        INKML_USAGE,
      );
    }
    let lastReport = 0;
    const skips = new UnipenSkipCounts();
    const result = exportUnipenToInkml({
      input: values.unipen,
      category: values.category,
      out: values.out,
      onError: (file, err) =>
        io.stderr.write(
          `verbatim export: ${err instanceof InkFormatError ? err.message : `${file}: ${err.message}`}\n`,
        ),
      onSkip: (skip) => {
        skips.add(skip);
        io.stderr.write(`verbatim export: ${describeUnipenSkip(skip)}\n`);
      },
      onProgress: (done, total) => {
        const now = Date.now();
        if (done === total || now - lastReport > (io.interactive ? 200 : 5000)) {
          lastReport = now;
          io.stderr.write(
            io.interactive
              ? `\rexport inkml: ${done}/${total} files`
              : `export inkml: ${done}/${total} files\n`,
          );
          if (io.interactive && done === total) io.stderr.write('\n');
        }
      },
    });
    io.stderr.write(
      `export inkml: wrote ${result.segments} segments in ${result.files} files to ${values.out}` +
        (skips.total ? `; left out ${skips}` : '') +
        (result.failed ? `; ${result.failed} files failed` : '') +
        '\n',
    );
    // What the tolerant reader left out is said above; a run that read nothing at all fails.
    return result.failed || result.segments === 0 ? 1 : 0;
  },
};

const EXPORTERS: Record<string, Exporter> = {
  inkml,
  onnx: onnxExporter,
  nemo: datasetExporter('nemo'),
  kaldi: datasetExporter('kaldi'),
};

const USAGE = [
  'usage: verbatim export <format> [options]',
  ...Object.entries(EXPORTERS).map(
    ([name, e]) => `  ${name.padEnd(8)} ${e.summary}\n           ${e.usage}`,
  ),
].join('\n');

export const exportCommand: Command = {
  name: 'export',
  summary: `convert data or models to other formats (${Object.keys(EXPORTERS).join(', ')})`,
  usage: USAGE,
  async run(args, io) {
    const [first, ...rest] = args;
    // `--onnx` (the spelling of issue 5) is accepted as the format `onnx`
    const flag = first?.startsWith('--') ? first.slice(2) : undefined;
    const format = flag !== undefined && Object.hasOwn(EXPORTERS, flag) ? flag : first;
    if (format === undefined)
      throw new UsageError('which format? e.g. verbatim export inkml', USAGE);
    const exporter = Object.hasOwn(EXPORTERS, format) ? EXPORTERS[format] : undefined;
    if (!exporter) {
      throw new UsageError(
        `unknown export format '${format}' (known: ${Object.keys(EXPORTERS).join(', ')})`,
        USAGE,
      );
    }
    return exporter.run(rest, io);
  },
};
