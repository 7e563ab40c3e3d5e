/**
 * The only error the ink readers throw for bad input: it names the file and,
 * when known, the 1-based line, so the message says where to look.
 */
export class InkFormatError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;

  constructor(file: string, line: number | undefined, reason: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'InkFormatError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
