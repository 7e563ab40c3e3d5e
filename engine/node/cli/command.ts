import type { Writable } from 'node:stream';

/** Where a command writes: results on stdout, progress and errors on stderr. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  interactive: boolean;
}

export interface Command {
  name: string;
  /** One line for `verbatim --help`. */
  summary: string;
  /** The usage line printed with `--help` and on bad usage. */
  usage: string;
  /** Returns the process exit code: 0 when every input succeeded, 1 otherwise. */
  run(args: string[], io: CliIo): Promise<number>;
}
