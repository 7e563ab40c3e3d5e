import { statSync } from 'node:fs';
import type { CliIo, Command } from '../command';
import { tensorEncoding } from '../options';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import {
  activeModel,
  convertModelFile,
  exportModel,
  findModel,
  importModel,
  listModels,
  isModelRole,
  type ModelEntry,
  MODEL_ROLES,
  type ModelRole,
  readModelFileHeader,
  removeModel,
  renameModel,
  setActiveModel,
} from '../../index';

const USAGE = `usage: verbatim models list [--json]
       verbatim models import FILE.vbm [--name NAME] [--role speech|digits|letters|words]
       verbatim models export NAME OUT.vbm|OUT.onnx
       verbatim models convert IN.vbm OUT.vbm --weights float16|float32
       verbatim models remove NAME
       verbatim models rename NAME NEW_NAME
       verbatim models activate NAME
'models list' shows each model and what it recognizes, in one line (a fine-tuned model: its
base's domain); --json adds its description, domain, LM, lexicon, character LM, charset and
decoding settings.`;

/** The domain a model's file carries (training.domain, as a fine-tune writes it). */
const headerDomain = (training: Record<string, unknown>) =>
  typeof training.domain === 'string' ? training.domain : undefined;

/**
 * What a model recognizes, for a listing: a shipped model's description is
 * written as that one line; a user model's says how it was made ('trained by
 * verbatim train on …'), so its domain (a fine-tune's, from its base) comes first.
 */
const summary = (m: ModelEntry, domain: string | null) =>
  (m.shipped ? (m.description ?? domain) : (domain ?? m.description)) ?? '';

const SUMMARY_WIDTH = 72;

/** Text in one short line. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SUMMARY_WIDTH ? flat : `${flat.slice(0, SUMMARY_WIDTH - 1).trimEnd()}…`;
}

function list(args: string[], io: CliIo): number {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, USAGE);
  const active = new Set(MODEL_ROLES.map((r) => activeModel(r)?.path).filter(Boolean));
  for (const m of listModels()) {
    let header;
    try {
      header = readModelFileHeader(m.path);
    } catch (err) {
      io.stderr.write(`verbatim models: ${(err as Error).message}\n`);
      continue;
    }
    const domain = m.domain ?? headerDomain(header.training) ?? null;
    const row = {
      name: m.name,
      role: m.role,
      kind: header.kind,
      source: m.shipped ? 'shipped' : 'user',
      active: active.has(m.path),
      bytes: statSync(m.path).size,
      created: header.createdAt,
      path: m.path,
      metrics: header.metrics,
      recipe: (header.training as { recipe?: string }).recipe ?? null,
      // What it recognizes and what it decodes with (its registry entry).
      description: m.description ?? null,
      domain,
      broad: m.broad ?? false,
      lm: m.lm ?? null,
      lexicon: m.lexicon ?? null,
      charLm: m.charLm ?? null,
      charset: m.charset ?? null,
      decode: m.decode ?? null,
    };
    if (values.json) io.stdout.write(`${JSON.stringify(row)}\n`);
    else
      io.stdout.write(
        `${row.active ? '*' : ' '} ${row.name.padEnd(24)} ${row.role.padEnd(8)} ${row.source.padEnd(8)} ${(row.bytes / 1e6).toFixed(1).padStart(6)} MB  ${row.created.slice(0, 10)}  ${oneLine(summary(m, domain))}\n`,
      );
  }
  return 0;
}

function need(positionals: string[], n: number, what: string) {
  if (positionals.length !== n) throw new UsageError(`expected ${what}`, USAGE);
}

/** `models convert`: a .vbm file written again with its weights stored another way. */
function convert(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(args, { weights: { type: 'string' } }, USAGE);
  need(positionals, 2, 'IN.vbm and OUT.vbm');
  const weights = tensorEncoding(values.weights, USAGE);
  const r = convertModelFile(positionals[0], positionals[1], weights);
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  io.stdout.write(
    `${r.out}\t${r.bytes} bytes (${weights} weights; was ${mb(r.inputBytes)}, now ${mb(r.bytes)})\n`,
  );
  return 0;
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, import, export (.vbm/.onnx), convert, rename, remove and activate models',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      switch (action) {
        case 'list':
          return list(rest, io);
        case 'import': {
          const { values, positionals } = parseCommandArgs(
            rest,
            { name: { type: 'string' }, role: { type: 'string' } },
            USAGE,
          );
          need(positionals, 1, 'one FILE.vbm');
          if (values.role !== undefined && !isModelRole(values.role))
            throw new UsageError(`--role must be one of ${MODEL_ROLES.join(', ')}`, USAGE);
          const entry = importModel(
            { path: positionals[0] },
            { name: values.name, role: values.role as ModelRole | undefined },
          );
          io.stdout.write(`imported ${entry.name} (${entry.role}) → ${entry.path}\n`);
          return 0;
        }
        case 'export': {
          const { positionals } = parseCommandArgs(rest, {}, USAGE);
          need(positionals, 2, 'NAME and OUT');
          const r = exportModel(findModel(positionals[0]), positionals[1]);
          io.stdout.write(`${r.out}\t${r.bytes} bytes\n`);
          return 0;
        }
        case 'convert':
          return convert(rest, io);
        case 'remove': {
          const { positionals } = parseCommandArgs(rest, {}, USAGE);
          need(positionals, 1, 'one NAME');
          io.stdout.write(`removed ${removeModel(positionals[0]).name}\n`);
          return 0;
        }
        case 'rename': {
          const { positionals } = parseCommandArgs(rest, {}, USAGE);
          need(positionals, 2, 'NAME and NEW_NAME');
          io.stdout.write(`renamed to ${renameModel(positionals[0], positionals[1]).name}\n`);
          return 0;
        }
        case 'activate': {
          const { positionals } = parseCommandArgs(rest, {}, USAGE);
          need(positionals, 1, 'one NAME');
          const entry = setActiveModel(positionals[0]);
          io.stdout.write(`${entry.name} is now the active ${entry.role} model\n`);
          return 0;
        }
        default:
          throw new UsageError(
            action ? `unknown action '${action}'` : 'an action is required',
            USAGE,
          );
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      io.stderr.write(`verbatim models: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
