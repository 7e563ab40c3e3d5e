/**
 * Flag parsing for the command-line scripts, on the CLI's strict parser:
 * `--help` or `-h` prints the script's usage and exits 0; an unknown flag, a
 * flag missing its value or an argument the script does not take prints
 * "error: …" and the usage, and exits 2, before the script reads anything.
 */
import { parseCommandArgs, UsageError } from '../engine/node/index';

type Options = Parameters<typeof parseCommandArgs>[1];

export interface ScriptArgsOptions {
  /** The arguments (default: the process's, after the script's path). */
  args?: string[];
  /** How many positional arguments the script takes at most (default 0). */
  positionals?: number;
}

/** `options` parsed from the arguments as node:util's parseArgs would, or the process exits (see above). */
export function parseScriptArgs<O extends Options>(
  usage: string,
  options: O,
  { args = process.argv.slice(2), positionals = 0 }: ScriptArgsOptions = {},
) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    const parsed = parseCommandArgs(args, options, usage);
    if (parsed.positionals.length > positionals)
      throw new UsageError(`unexpected argument '${parsed.positionals[positionals]}'`, usage);
    return parsed;
  } catch (err) {
    if (err instanceof UsageError) exitWithUsage(usage, err.message);
    throw err;
  }
}

/** Prints "error: <message>" and the usage on stderr and exits 2 (bad usage). */
export function exitWithUsage(usage: string, message: string): never {
  console.error(`error: ${message}\n${usage}`);
  process.exit(2);
}
