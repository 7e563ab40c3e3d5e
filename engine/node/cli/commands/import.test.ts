import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../../audio/index';
import { runCli } from '../../test-support/run-cli';

const root = mkdtempSync(join(tmpdir(), 'import-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('verbatim import', () => {
  const fsdd = join(root, 'fsdd', 'recordings');
  mkdirSync(fsdd, { recursive: true });
  writeFileSync(join(fsdd, '3_alice_0.wav'), encodeWav16(new Float32Array(4000), 8000));

  it('writes a manifest and prints one JSON summary with --json (exit 0)', async () => {
    const out = join(root, 'out', 'fsdd.jsonl');
    const { code, stdout } = await runCli(
      'import',
      'fsdd',
      join(root, 'fsdd'),
      '--out',
      out,
      '--json',
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ format: 'fsdd', out, entries: 1, speakers: 1, failures: [] });
    expect(summary.hours).toBeCloseTo(0.5 / 3600, 8);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      text: 'three',
      speaker: 'alice',
      duration: 0.5,
    });
  });

  it('exits 1 when files fail but still writes the good ones', async () => {
    writeFileSync(join(fsdd, '4_alice_1.wav'), 'ID3 not a wav');
    const out = join(root, 'partial.jsonl');
    const { code, stdout, stderr } = await runCli(
      'import',
      'fsdd',
      join(root, 'fsdd'),
      '--out',
      out,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/1 utterances.*1 failed/);
    expect(stderr).toMatch(/4_alice_1\.wav: not a WAV file \(looks like MP3\)/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
    rmSync(join(fsdd, '4_alice_1.wav'));
  });

  it('exits 1 with a JSON error for a missing folder', async () => {
    const { code, stdout } = await runCli(
      'import',
      'an4',
      join(root, 'nope'),
      '--out',
      join(root, 'x.jsonl'),
      '--json',
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatch(/folder not found/);
  });

  it('exits 2 on bad usage', async () => {
    for (const argv of [
      ['import'],
      ['import', 'mp3s', root, '--out', 'x'],
      ['import', 'fsdd', root],
      ['import', 'fsdd', '--out', 'x'],
      ['import', 'fsdd', root, '--out', 'x', '--bogus'],
    ]) {
      const { code, stderr } = await runCli(...argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(/usage: verbatim import/);
    }
  });
});
