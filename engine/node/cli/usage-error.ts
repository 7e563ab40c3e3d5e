/** Bad usage (unknown command or flag, missing argument): exit code 2 with a usage line. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
