import { readFileSync } from 'node:fs';
import type { CliIo, Command } from './command';
import { commands } from './commands/index';
import { UsageError } from './usage-error';

const USAGE = 'usage: verbatim <command> [options]   (verbatim --help lists the commands)';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

function help(list: Command[]): string {
  const width = Math.max(0, ...list.map((c) => c.name.length));
  const rows = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Verbatim ${version()}: local speech and handwriting recognition (BiLSTM + CTC).`,
    '',
    'usage: verbatim <command> [options]',
    '',
    'Commands:',
    ...(rows.length ? rows : ['  (none yet)']),
    '',
    'Options:',
    "  -h, --help     show this help (or a command's help: verbatim <command> --help)",
    '  -V, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI and returns the exit code (0 ok, 1 some input failed, 2 bad usage). */
export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const out: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    interactive: io?.interactive ?? Boolean(process.stderr.isTTY),
  };
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    out.stdout.write(help(commands));
    return first === undefined ? 2 : 0;
  }
  if (first === '-V' || first === '--version') {
    out.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  try {
    if (!command) throw new UsageError(`unknown command '${first}'`, USAGE);
    if (rest.includes('--help') || rest.includes('-h')) {
      out.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, out);
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr.write(`verbatim: ${err.message}\n${err.usage}\n`);
      return 2;
    }
    out.stderr.write(`verbatim: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
