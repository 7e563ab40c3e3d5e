import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainNgramLm } from 'ctc-decode-ts';
import { activeModel } from '../../use-cases/models/model-store';
import { jsonLines, runCli } from '../../test-support/run-cli';

const root = mkdtempSync(join(tmpdir(), 'eval-speech-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const data = resolve(process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'));
const seven = join(data, 'fsdd', 'recordings', '7_george_7.wav');
const ready = existsSync(seven) && activeModel('speech') !== undefined;

/** A manifest of `lines` (objects), written to `name` in the test folder. */
function manifest(name: string, lines: object[]): string {
  const path = join(root, name);
  writeFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return path;
}

describe.skipIf(!ready)('verbatim eval speech (shipped speech model, one FSDD recording)', () => {
  // The shipped model reads this recording of an unseen speaker as "seven".
  const right = { audio_filepath: seven, duration: 0.4, text: 'seven' };
  const wrong = { ...right, text: 'eight' };

  it('prints {n, wer, cer, ser} as JSON, per utterance with --details', async () => {
    const m = manifest('m.jsonl', [right, wrong]);
    const { code, stdout } = await runCli('eval', 'speech', '--manifest', m, '--json');
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toEqual([{ n: 2, wer: 0.5, cer: 0.5, ser: 0.5 }]);
    const details = jsonLines(
      (await runCli('eval', 'speech', '--manifest', m, '--json', '--details')).stdout,
    )[0];
    expect(details.details).toEqual([
      { input: seven, reference: 'seven', hypothesis: 'seven' },
      { input: seven, reference: 'eight', hypothesis: 'seven' },
    ]);
  });

  it('decodes with a word list and an LM given on the command line', async () => {
    const m = manifest('one.jsonl', [right]);
    const lexicon = join(root, 'words.txt');
    writeFileSync(lexicon, 'seven\neleven\n');
    const lm = join(root, 'lm.arpa');
    writeFileSync(lm, trainNgramLm([['seven'], ['eleven']], 1).toArpa());
    const run = (...flags: string[]) =>
      runCli('eval', 'speech', '--manifest', m, '--json', ...flags);
    const ok = await run('--lexicon', lexicon, '--lm', lm);
    expect(ok.code).toBe(0);
    expect(jsonLines(ok.stdout)[0]).toMatchObject({ n: 1, wer: 0 });
    // the files are really read: a word list given as the LM is refused
    const bad = await run('--lm', lexicon);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/data/);
  });

  it('lists an unreadable recording on stderr, scores the others and exits 1', async () => {
    const missing = join(root, 'gone.wav');
    const m = manifest('gap.jsonl', [right, { ...right, audio_filepath: missing }]);
    const { code, stdout, stderr } = await runCli('eval', 'speech', '--manifest', m, '--json');
    expect(code).toBe(1);
    expect(jsonLines(stdout)[0]).toMatchObject({ n: 1, wer: 0 });
    expect(stderr).toContain(missing);
  });

  it('exits 2 without --manifest or with an unknown flag', async () => {
    expect((await runCli('eval', 'speech')).code).toBe(2);
    const m = manifest('x.jsonl', [right]);
    expect((await runCli('eval', 'speech', '--manifest', m, '--frobnicate')).code).toBe(2);
    const both = await runCli('eval', 'speech', '--manifest', m, '--vocabulary', m, '--lexicon', m);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(
      /--vocabulary takes the place of the LM and the lexicon: drop --lexicon/,
    );
  });
});

if (!ready) console.warn('eval-speech.test: FSDD or the shipped speech model missing; skipped');
