// The rows of `verbatim import` / `verbatim export` that move data in and out
// of the user's datasets (VERBATIM_HOME/datasets, see engine/node/use-cases/datasets/dataset-store.ts).
import type { CliIo } from '../command';
import { progressWriter } from '../options';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import {
  createDataset,
  EXPORT_FORMATS,
  exportDataset,
  type ExportFormat,
  IMPORT_FORMATS,
  importIntoDataset,
  listDatasets,
  openDataset,
} from '../../index';

export interface TransferRow {
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** `verbatim import FORMAT SOURCE --dataset NAME`: the dataset is created when missing. */
export function datasetImporter(format: string): TransferRow {
  const spec = IMPORT_FORMATS[format];
  const usage = `usage: verbatim import ${format} SOURCE --dataset NAME|DIR [--json]`;
  return {
    summary: `${spec.summary}, into a ${spec.kind} dataset`,
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        { dataset: { type: 'string' }, json: { type: 'boolean' } },
        usage,
      );
      if (positionals.length !== 1) throw new UsageError('one SOURCE is required', usage);
      if (!values.dataset) throw new UsageError('--dataset NAME is required', usage);
      const exists = listDatasets().some((d) => d.name === values.dataset);
      const dataset =
        exists || values.dataset.includes('/')
          ? openDataset(values.dataset)
          : createDataset(values.dataset, spec.kind);
      const bar = progressWriter(io, `import ${format}`);
      const result = await importIntoDataset(dataset, format, positionals[0], {
        onProgress: (done, total) => bar(`${done}/${total}`, done === total),
      });
      for (const f of result.failures) io.stderr.write(`verbatim import: ${f.path}: ${f.error}\n`);
      for (const skip of result.skipped ?? []) io.stderr.write(`verbatim import: ${skip}\n`);
      if (values.json)
        io.stdout.write(`${JSON.stringify({ format, dataset: dataset.dir, ...result })}\n`);
      else io.stdout.write(`${dataset.dir}\t${result.added} samples added\n`);
      return result.failures.length || result.added === 0 ? 1 : 0;
    },
  };
}

/** `verbatim export FORMAT --dataset NAME --out PATH`. */
export function datasetExporter(format: ExportFormat): TransferRow {
  const usage = `usage: verbatim export ${format} --dataset NAME|DIR --out ${format === 'nemo' ? 'FILE.jsonl' : 'FOLDER'}`;
  return {
    summary: `a ${EXPORT_FORMATS[format].kind} dataset as ${EXPORT_FORMATS[format].summary}`,
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        { dataset: { type: 'string' }, out: { type: 'string' } },
        usage,
      );
      if (positionals.length)
        throw new UsageError(`unexpected argument '${positionals[0]}'`, usage);
      if (!values.dataset || !values.out)
        throw new UsageError('--dataset and --out are required', usage);
      const bar = progressWriter(io, `export ${format}`);
      const r = await exportDataset(openDataset(values.dataset), format, values.out, {
        onProgress: (done, total) => bar(`${done}/${total}`, done === total),
      });
      io.stdout.write(`${r.out}\t${r.samples} samples\n`);
      return 0;
    },
  };
}
