import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseScriptArgs } from './script-args';

const USAGE = 'usage: tsx scripts/x.ts --out DIR [--json]';
const OPTIONS = {
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Runs the parse with process.exit and the output captured: the exit code, stdout and stderr. */
function run(args: string[], positionals = 0) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(console, 'error').mockImplementation((...parts) => err.push(parts.join(' ')));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  let exit: string | undefined;
  let parsed: ReturnType<typeof parseScriptArgs<typeof OPTIONS>> | undefined;
  try {
    parsed = parseScriptArgs(USAGE, OPTIONS, { args, positionals });
  } catch (e) {
    exit = (e as Error).message;
  }
  vi.restoreAllMocks();
  return { exit, parsed, stdout: out.join(''), stderr: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('parseScriptArgs', () => {
  it('parses known flags with their defaults', () => {
    const { exit, parsed } = run(['--out', 'dir']);
    expect(exit).toBeUndefined();
    expect(parsed?.values).toEqual({ out: 'dir', json: false });
  });

  it('prints the usage and exits 0 on --help or -h, even beside other flags', () => {
    for (const args of [['--help'], ['-h'], ['--out', 'dir', '--bogus', '-h']]) {
      const r = run(args);
      expect(r.exit).toBe('exit 0');
      expect(r.stdout).toBe(`${USAGE}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it('names an unknown flag, prints the usage and exits 2', () => {
    const r = run(['--out', 'dir', '--bogus']);
    expect(r.exit).toBe('exit 2');
    expect(r.stderr).toMatch(/^error: .*'--bogus'/);
    expect(r.stderr.endsWith(`\n${USAGE}`)).toBe(true);
  });

  it('names a flag missing its value and exits 2', () => {
    const r = run(['--out']);
    expect(r.exit).toBe('exit 2');
    expect(r.stderr).toMatch(/^error: .*--out.* missing/);
    expect(r.stderr.endsWith(USAGE)).toBe(true);
  });

  it('refuses more positional arguments than the script takes', () => {
    expect(run(['model.vbm'], 1).parsed?.positionals).toEqual(['model.vbm']);
    const r = run(['model.vbm', 'extra'], 1);
    expect(r.exit).toBe('exit 2');
    expect(r.stderr).toMatch(/^error: unexpected argument 'extra'/);
    expect(run(['stray']).stderr).toMatch(/^error: unexpected argument 'stray'/);
  });
});
