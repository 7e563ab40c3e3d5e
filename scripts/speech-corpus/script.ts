/**
 * What the speech-corpus command-line scripts share: running `main` when the
 * module is the script started (not when a test or another script imports
 * it), a time-stamped log on stderr, and a JSON report printed and saved.
 */
import { writeFileAtomic } from '../../engine/node/index';

/** Runs `main(argv)` if `moduleUrl` is the started script; its result is the exit code, an error exits 1 with its message. */
export function runAsScript(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

/** Logs to stderr as "[tag HH:MM:SS] message". */
export const stampedLog =
  (tag: string) =>
  (msg: string): void =>
    console.error(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Prints `result` as JSON, and writes it to `out` too when given. */
export function printReport(result: unknown, out?: string): void {
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileAtomic(out, text);
  process.stdout.write(text);
}
