import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeInkml } from '../../../ink/index';
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
const hasModel = activeModel('digits') !== undefined;
// Segment files of the `tos` lab, held out of the digit model's training with all its writers.
const tosFolder = join(unipen, 'data', '1a', 'tos', 'f1');
const tosFile = join(tosFolder, 'f1002058.dat');

describe.skipIf(!hasData || !hasModel)(
  'verbatim recognize-ink and eval ink (shipped digit model, real UNIPEN)',
  () => {
    it("recognizes held-out writers' digits; --json gives {input, item, reference, text, nbest} per item", async () => {
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
        expect(Object.keys(it).sort()).toEqual(['input', 'item', 'nbest', 'reference', 'text']);
        expect(it.text).toMatch(/^[0-9]*$/);
      }
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
      const { code, stdout } = await runCli(
        'eval',
        'ink',
        '--unipen',
        tree,
        '--category',
        '1a',
        '--json',
      );
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(Object.keys(result).sort()).toEqual(['accuracy', 'caseErrors', 'cer', 'n']);
      expect(result.caseErrors).toBe(0); // digits have no case
      expect(result.n).toBeGreaterThan(50);
      expect(result.accuracy).toBeGreaterThan(0.8);
    });

    it('exits 2 on bad usage', async () => {
      expect((await runCli('recognize-ink')).code).toBe(2);
      expect((await runCli('eval', 'ink', '--category', '9', '--unipen', root)).code).toBe(2);
      expect((await runCli('eval', 'sound')).code).toBe(2);
    });
  },
);

if (!hasData) console.warn(`recognize-ink.test: UNIPEN not found at ${unipen}; tests skipped`);
