import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeInkml } from '../../../ink/index';
import { LOW_CONFIDENCE, type FlaggedWord } from '../../../recognize/index';
import { activeModel } from '../../use-cases/models/model-store';
import { readInkFile } from '../../io/ink-files';
import { jsonLines, runCli } from '../../test-support/run-cli';

const root = mkdtempSync(join(tmpdir(), 'ink-cmd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const unipen = resolve(
  process.env.VERBATIM_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'),
  'unipen',
);
const hasData = existsSync(join(unipen, 'include'));
/** `eval ink` on the digits (1a) of a UNIPEN tree, as JSON. */
const evalDigits = (tree: string) =>
  runCli('eval', 'ink', '--unipen', tree, '--category', '1a', '--json');
const hasModel = activeModel('digits') !== undefined;
// Segment files of the `tos` lab, held out of the digit model's training with all its writers.
const tosFolder = join(unipen, 'data', '1a', 'tos', 'f1');
const tosFile = join(tosFolder, 'f1002058.dat');

describe.skipIf(!hasData || !hasModel)(
  'verbatim recognize-ink and eval ink (shipped digit model, real UNIPEN)',
  () => {
    it("recognizes held-out writers' digits; --json gives {input, item, reference, text, words, nbest} per item", async () => {
      const { code, stdout } = await runCli(
        'recognize-ink',
        '--model',
        'digits',
        '--json',
        tosFolder,
      );
      expect(code).toBe(0);
      const items = jsonLines(stdout);
      expect(items.length).toBeGreaterThanOrEqual(100);
      for (const it of items) {
        expect(Object.keys(it).sort()).toEqual([
          'input',
          'item',
          'nbest',
          'reference',
          'text',
          'words',
        ]);
        expect(it.text).toMatch(/^[0-9]*$/);
      }
      // The digits model has no word list: only low confidence makes a word unsure.
      const words = items.flatMap((it) => it.words as FlaggedWord[]);
      expect(words.length).toBeGreaterThanOrEqual(items.length - 1);
      for (const w of words)
        expect(w.unsure ? w.why : []).toEqual(
          w.confidence < LOW_CONFIDENCE ? ['low-confidence'] : [],
        );
      const right = items.filter((it) => it.text === it.reference).length;
      // Over a hundred digits of several unseen writers (one writer alone is too few to judge).
      expect(right / items.length).toBeGreaterThanOrEqual(0.9);
    });

    it('reads InkML and JSON ink the same way, and reports unreadable files without stopping', async () => {
      const items = readInkFile(tosFile).slice(0, 3);
      const inkml = join(root, 'digits.inkml');
      writeFileSync(inkml, writeInkml(items));
      const json = join(root, 'digit.json');
      writeFileSync(
        json,
        JSON.stringify({
          strokes: items[0].ink.strokes.map((s) => s.points.map((p) => [p.x, p.y])),
        }),
      );
      const broken = join(root, 'broken.inkml');
      writeFileSync(broken, '<ink><trace>1 2, 3</ink>');
      const { code, stdout } = await runCli(
        'recognize-ink',
        '--model',
        'digits',
        '--json',
        inkml,
        json,
        broken,
      );
      expect(code).toBe(1);
      const out = jsonLines(stdout);
      expect(out.filter((o) => o.input === inkml).map((o) => o.reference)).toEqual(
        items.map((i) => i.label),
      );
      expect(out.find((o) => o.input === json)?.text).toBe(
        out.find((o) => o.input === inkml)?.text,
      );
      expect(out.find((o) => o.input === broken)?.error).toMatch(/line|trace|expected/i);
    });

    it('restricts the output with --charset', async () => {
      const read = async (...charset: string[]) => {
        const run = await runCli(
          'recognize-ink',
          '--model',
          'digits',
          ...charset,
          '--json',
          tosFile,
        );
        expect(run.code).toBe(0);
        return jsonLines(run.stdout) as { reference: string; text: string }[];
      };
      const [open, restricted] = [await read(), await read('--charset', '0-1')];
      expect(restricted.map((it) => it.reference)).toEqual(open.map((it) => it.reference));
      expect(restricted.length).toBeGreaterThanOrEqual(5);
      // Without the charset some items read 2-9; with it every item reads one digit, 0 or 1,
      // and the written 0s and 1s stay right.
      expect(open.some((it) => /^[2-9]$/.test(it.text))).toBe(true);
      for (const it of restricted) expect(it.text).toMatch(/^[01]$/);
      const zerosAndOnes = restricted.filter((it) => /^[01]$/.test(it.reference));
      expect(zerosAndOnes.length).toBeGreaterThanOrEqual(1);
      for (const it of zerosAndOnes) expect(it.text).toBe(it.reference);
    });

    it('eval ink scores a category of a UNIPEN tree: {n, accuracy, cer, caseErrors}', async () => {
      // A small tree: one lab's digits (its includes are self-contained).
      const tree = join(root, 'unipen');
      cpSync(join(unipen, 'data', '1a', 'tos', 'f1'), join(tree, 'data', '1a', 'tos', 'f1'), {
        recursive: true,
      });
      cpSync(join(unipen, 'include', 'tos'), join(tree, 'include', 'tos'), { recursive: true });
      const { code, stdout } = await evalDigits(tree);
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(Object.keys(result).sort()).toEqual(['accuracy', 'caseErrors', 'cer', 'n']);
      expect(result.caseErrors).toBe(0); // digits have no case
      expect(result.n).toBeGreaterThan(50);
      expect(result.accuracy).toBeGreaterThan(0.8);

      // A closed list: only its entries are read.
      const zeroOne = join(root, 'zero-one.txt');
      writeFileSync(zeroOne, '0\n1\n');
      const closed = await runCli(
        'eval',
        'ink',
        '--unipen',
        tree,
        '--category',
        '1a',
        '--vocabulary',
        zeroOne,
        '--details',
        '--json',
      );
      expect(closed.code).toBe(0);
      const { details } = JSON.parse(closed.stdout) as { details: { hypothesis: string }[] };
      expect(details).toHaveLength(result.n);
      for (const d of details) expect(['0', '1']).toContain(d.hypothesis);
    });

    it('exits 2 on bad usage', async () => {
      expect((await runCli('recognize-ink')).code).toBe(2);
      expect((await runCli('eval', 'ink', '--category', '9', '--unipen', root)).code).toBe(2);
      expect((await runCli('eval', 'sound')).code).toBe(2);
    });
  },
);

describe.skipIf(!hasData || activeModel('words') === undefined)(
  'verbatim recognize-ink: the words it is unsure of (shipped words model, a real UNIPEN line)',
  () => {
    // "check the performance." of lab art's lines (category 8), as InkML.
    const line = readInkFile(join(unipen, 'data', '8', 'art', 'art01tst.dat')).find(
      (it) => it.label === 'check the performance.',
    )!;
    const inkml = join(root, 'line.inkml');
    const lexicon = join(root, 'no-performance.txt');
    writeFileSync(inkml, writeInkml([line]));
    writeFileSync(lexicon, 'check\nthe\nhelp\nus\n');
    const read = (...args: string[]) => runCli('recognize-ink', '--model', 'words', ...args, inkml);
    const words = (stdout: string) => jsonLines(stdout)[0].words as FlaggedWord[];
    const flags = (stdout: string) => words(stdout).map((w) => [w.word, w.why ?? []]);

    it('--json flags a word outside the lexicon as spelled-as-heard; --mark-unsure brackets it', async () => {
      const json = await read('--lexicon', lexicon, '--json');
      expect(json.code).toBe(0);
      expect(jsonLines(json.stdout)[0]).toMatchObject({ text: 'check the performance.' });
      // Each word: its place in the ink, its confidence, unsure and why.
      expect(words(json.stdout)[2]).toEqual({
        word: 'performance.',
        start: expect.any(Number),
        end: expect.any(Number),
        confidence: expect.any(Number),
        unsure: true,
        why: expect.arrayContaining(['spelled-as-heard']),
      });
      for (const [, why] of flags(json.stdout).slice(0, 2))
        expect(why).not.toContain('spelled-as-heard');

      const marked = await read('--lexicon', lexicon, '--mark-unsure');
      expect(marked.stdout).toBe(`${inkml}#0\tcheck the [performance.]\n`);
      // Without the flag the text is printed as recognized.
      expect((await read('--lexicon', lexicon)).stdout).toBe(
        `${inkml}#0\tcheck the performance.\n`,
      );
    });

    it('the shipped word list knows the words (their full stop aside); --lexicon none flags no word as spelled', async () => {
      for (const args of [[], ['--lexicon', 'none']]) {
        const { code, stdout } = await read(...args, '--json');
        expect(code).toBe(0);
        expect(flags(stdout).map(([w]) => w)).toEqual(['check', 'the', 'performance.']);
        for (const [, why] of flags(stdout)) expect(why).not.toContain('spelled-as-heard');
      }
    });

    it('--vocabulary: only the listed words come out, none flagged as spelled; a bad list is refused', async () => {
      const form = join(root, 'form.txt');
      writeFileSync(form, '# the words of a form\ncheck\nthe\nperformance.\nhelp\nus\n');
      const listed = await read('--vocabulary', form, '--json');
      expect(listed.code).toBe(0);
      expect(flags(listed.stdout)).toEqual([
        ['check', []],
        ['the', []],
        ['performance.', []],
      ]);
      // "check" not listed: it cannot come out.
      const noCheck = join(root, 'no-check.txt');
      writeFileSync(noCheck, 'the\nperformance.\nhelp\n');
      const { stdout } = await read('--vocabulary', noCheck);
      expect(stdout).not.toContain('check');
      expect(stdout).toContain('performance.');

      const accented = join(root, 'accented.txt');
      writeFileSync(accented, 'the\ncafé\n');
      const bad = await read('--vocabulary', accented);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(
        /accented\.txt, line 2: "café" uses "é", not in the model's alphabet/,
      );
      const both = await read('--vocabulary', form, '--lexicon', lexicon);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--vocabulary takes the place of');
    });

    it('refuses --mark-unsure with --json (exit 2)', async () => {
      const both = await read('--mark-unsure', '--json');
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--mark-unsure marks the text output');
    });
  },
);

describe.skipIf(!hasModel)(
  'verbatim recognize-ink and eval ink on a UNIPEN file with a bad point line',
  () => {
    it('skip the point, say so on stderr and read the file (one process and --jobs)', async () => {
      // A pen file whose second stroke has a 3-number point after 2-number ones (lab hpb's quirk).
      const tree = join(root, 'quirky');
      mkdirSync(join(tree, 'include', 'lab'), { recursive: true });
      mkdirSync(join(tree, 'data', '1a', 'lab'), { recursive: true });
      writeFileSync(
        join(tree, 'include', 'lab', 'pen.dat'),
        '.PEN_DOWN\n10 10\n10 40\n10 80\n.PEN_UP\n.PEN_DOWN\n40 10\n80 10\n-1 60 50\n50 80\n.PEN_UP\n',
      );
      const segments = join(tree, 'data', '1a', 'lab', 's.dat');
      writeFileSync(
        segments,
        '.INCLUDE lab/pen.dat\n.SEGMENT CHARACTER 0 ? "1"\n.SEGMENT CHARACTER 1 ? "7"\n',
      );
      for (const jobs of [[], ['--jobs', '2']]) {
        const { code, stdout, stderr } = await runCli(
          'recognize-ink',
          '--model',
          'digits',
          '--json',
          ...jobs,
          segments,
        );
        expect(code).toBe(0);
        expect(jsonLines(stdout).map((o) => [o.item, o.reference])).toEqual([
          [2, '1'],
          [3, '7'],
        ]);
        expect(stderr).toContain(
          `verbatim recognize-ink: ${segments}: lab/pen.dat:9: expected 2 numbers per point`,
        );
        expect(stderr).toContain('(bad-point, skipped)');
      }
      // eval ink reads the same tree tolerantly, says what it left out, and scores the rest.
      const { code, stdout, stderr } = await evalDigits(tree);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).n).toBe(2);
      expect(stderr).toMatch(/verbatim eval: lab\/pen\.dat:9: .*\(bad-point, skipped\)/);
      expect(stderr).toContain('left out 1 bad part of the data (above: 1 bad-point)');

      // A segment file whose pen file is not in the data (lab att's quirk) is left out whole,
      // said with the file and what is missing, and counted; the rest is scored.
      const gone = join(tree, 'data', '1a', 'lab', 't.dat');
      writeFileSync(gone, '.INCLUDE lab/gone.dat\n.SEGMENT CHARACTER 0 ? "1"\n');
      const missing = `${gone}: .INCLUDE lab/gone.dat: cannot read ${join(tree, 'include', 'lab', 'gone.dat')}: no such file`;
      const skipped = await evalDigits(tree);
      expect(skipped.code).toBe(0);
      expect(JSON.parse(skipped.stdout).n).toBe(2);
      expect(skipped.stderr).toContain(`verbatim eval: ${missing} (missing-include, skipped)\n`);
      expect(skipped.stderr).toContain(
        'left out 2 bad parts of the data (above: 1 bad-point, 1 missing-include); the rest is scored',
      );
      // recognize-ink reads the files it is given: that input fails, and the run says so.
      const named = await runCli('recognize-ink', '--model', 'digits', '--json', segments, gone);
      expect(named.code).toBe(1);
      expect(jsonLines(named.stdout).at(-1)).toEqual({
        input: gone,
        error: missing.slice(gone.length + 2),
      });

      // When nothing at all could be read, the run fails.
      const lone = join(root, 'lone');
      mkdirSync(join(lone, 'include'), { recursive: true });
      mkdirSync(join(lone, 'data', '1a', 'lab'), { recursive: true });
      writeFileSync(
        join(lone, 'data', '1a', 'lab', 't.dat'),
        '.INCLUDE lab/gone.dat\n.SEGMENT CHARACTER 0 ? "1"\n',
      );
      const nothing = await evalDigits(lone);
      expect(nothing.code).toBe(1);
      expect(JSON.parse(nothing.stdout).n).toBe(0);
      expect(nothing.stderr).toContain('(missing-include, skipped)');
      expect(nothing.stderr).toContain('verbatim eval: nothing in category 1a could be scored');
    });
  },
);

if (!hasData) console.warn(`recognize-ink.test: UNIPEN not found at ${unipen}; tests skipped`);
