import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inkPointCount } from '../../ink/ink';
import type { UnipenSegment } from '../../ink/unipen-segments';
import { dedupeSegments, writerKey } from '../../ink/unipen-writers';
import { sharedUnipenRoot } from './datasets/unipen-dataset';
import { describeUnipenSkip, type UnipenSkip } from '../../ink/unipen-file';
import {
  findSegmentFiles,
  findUnipenRoot,
  MissingIncludeError,
  UnipenReader,
  UnipenSkipCounts,
} from './unipen-files';

const root = sharedUnipenRoot();
const hasData = root !== undefined;
if (!hasData) {
  console.warn(
    'UNIPEN tests skipped: no shared/data/unipen (set VERBATIM_DATA_DIR to the datasets folder)',
  );
}

describe.skipIf(!hasData)('UNIPEN reader on the shared subset (README examples)', () => {
  const reader = new UnipenReader(root as string);
  const at = (file: string, line: number): UnipenSegment => {
    const s = reader
      .readSegmentFile(join(root as string, 'data', file))
      .find((x) => x.line === line);
    if (!s) throw new Error(`no segment on ${file}:${line}`);
    return s;
  };
  const components = (name: string) =>
    reader
      .includeFile(name, 'test')
      .entries.flatMap((e) => (e.kind === 'component' ? [e.component] : []));

  it('quirk 1/4: tos 129-131 is up, down, up across a .DT; only the down block is drawn', () => {
    const s = at('1a/tos/f1/f1002058.dat', 4);
    const c = components('tos/data/f1/f1002058.dat');
    expect(c.slice(129, 132).map((x) => x.penDown)).toEqual([false, true, false]);
    expect(s.ink.strokes).toHaveLength(1);
    expect(inkPointCount(s.ink)).toBe(c[130].values.length / 2);
    expect(s.ink.strokes[0].points[0]).toEqual({ x: c[130].values[0], y: -c[130].values[1] });
    expect([s.label, s.quality, s.category, s.lab, s.writer]).toEqual([
      '0',
      'OK',
      '1a',
      'tos',
      '1002',
    ]);
  });

  it('quirks 2/3/11: aga has empty blocks (not counted), 0 0 after each .START_BOX (counted), X_DIM redefined', () => {
    const file = reader.includeFile('aga/data/crlmtchl.dat', 'test');
    const text = readFileSync(join(root as string, 'include/aga/data/crlmtchl.dat'), 'latin1');
    const blocks = text.match(/^\.PEN_(DOWN|UP)/gm)?.length ?? 0;
    const comps = components('aga/data/crlmtchl.dat');
    expect(comps.length).toBeLessThan(blocks);
    expect(comps.every((c) => c.values.length >= c.width)).toBe(true);
    const afterBox = file.entries.findIndex(
      (e) => e.kind === 'header' && e.keyword === 'START_BOX',
    );
    const next = file.entries[afterBox + 1];
    expect(next.kind === 'component' && Array.from(next.component.values)).toEqual([0, 0]);
    const xdim = file.entries.flatMap((e) =>
      e.kind === 'header' && e.keyword === 'X_DIM' ? [[e.line, e.value]] : [],
    );
    expect(xdim).toEqual([
      [410, '301'],
      [10395, '5950'],
    ]);
  });

  it('quirk 5: point-indexed delineations', () => {
    const ced = at('1a/ced/gyen4328_s_2c.dat', 12);
    expect(ced.delineation).toBe('379-380:1');
    expect(ced.ink.strokes.at(-1)?.points).toHaveLength(2);
    const kai = at('1b/kai/kai1/jhjung5.dat', 5);
    expect([kai.label, kai.quality]).toEqual(['A', 'OK']);
    expect(inkPointCount(kai.ink)).toBe(66);
  });

  it('quirk 6: non-contiguous delineations', () => {
    const a = at('1c/cea/Asundi.dat', 12);
    expect(a.label).toBe('i');
    expect(a.ink.strokes[0].points).toHaveLength(24);
    const e = at('1b/ced/jekn5827_s_26.dat', 68);
    expect(e.label).toBe('E');
    expect(e.ink.strokes.at(-1)?.points).toHaveLength(22);
  });

  it('quirk 7: runs of spaces in dar, whose .COORD is X Y P', () => {
    const s = at('6/dar/dar2/isk.dat', 4);
    expect([s.label, s.quality, s.delineation]).toEqual(['In', 'GOOD', '0-1']);
    expect(s.ink.strokes[0].points[0].pressure).toBeTypeOf('number');
  });

  it('quirk 8: escapes in labels and a bare @', () => {
    expect(at('6/lex/lex0/phamd1.dat', 69).label).toBe('"If');
    expect(at('7/att/att0/a0412064.dat', 7).label).toBe('\\');
    const man = at('7/kai/kai2/scoh4.dat', 5);
    expect([man.label, man.rawLabel]).toEqual(['man', 'm\\@a\\@n\\@']);
    expect(at('7/art/art08trn.dat', 89).label).toBe('@');
  });

  it('quirk 10: nested includes (imp) and data included before its .doc (pcl)', () => {
    const imp = reader.readSegmentFile(findSegmentFiles(join(root as string, 'data/1a/imp'))[0]);
    expect(imp.length).toBeGreaterThan(0);
    expect(imp.every((s) => s.writer !== '')).toBe(true);
    const pcl = at('6/pcl/eng17.dat', 4);
    expect([pcl.label, pcl.lab, pcl.penFile]).toEqual(['medal', 'pcl', 'pcl/data/eng17.dat']);
  });

  it('quirk 14: anj has time stamps (X Y T), y is flipped', () => {
    const [s] = reader.readSegmentFile(findSegmentFiles(join(root as string, 'data/6/anj'))[0]);
    expect(s.ink.strokes[0].points[0].t).toBeTypeOf('number');
  });

  it('quirk 15: labels as written (ibm0 per-stroke "4", hpb XXX BAD, cee missing first letter)', () => {
    expect([at('1a/ibm/ibm0/r0007.dat', 42).label, at('1a/ibm/ibm0/r0007.dat', 43).label]).toEqual([
      '4',
      '4',
    ]);
    const xxx = at('6/hpb/hpb5/hpb5-jcb.dat', 153);
    expect([xxx.label, xxx.quality]).toEqual(['XXX', 'BAD']);
    expect(at('6/cee/ayml3525_g_0c.dat', 7).label).toBe('ontextual');
  });

  it('quirks 12/13/14: val (non-ASCII .doc), not and phi (missing headers), imp (y <= 0) parse; y is flipped', () => {
    const val = reader.readSegmentFile(join(root as string, 'data/1a/val/gresai30.dat'));
    expect(val[0].writer.toLowerCase()).toMatch(/^val0/);
    for (const lab of ['not', 'phi']) {
      const [first] = findSegmentFiles(join(root as string, 'data/6', lab));
      expect(reader.readSegmentFile(first).length).toBeGreaterThan(0);
    }
    const [impFile] = findSegmentFiles(join(root as string, 'data/1a/imp'));
    const ys = reader
      .readSegmentFile(impFile)
      .flatMap((s) => s.ink.strokes.flatMap((st) => st.points.map((p) => p.y)));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  });

  it('quirks 16/17: category 6 repeats in 7 (abm); ced and cee share writers', () => {
    const six = findSegmentFiles(join(root as string, 'data/6/abm')).flatMap((f) =>
      reader.readSegmentFile(f),
    );
    const seven = findSegmentFiles(join(root as string, 'data/7/abm')).flatMap((f) =>
      reader.readSegmentFile(f),
    );
    expect(dedupeSegments([...seven, ...six])).toHaveLength(seven.length);
    const writersOf = (dir: string) =>
      new Set(
        findSegmentFiles(join(root as string, dir)).flatMap((f) =>
          reader.readSegmentFile(f).map((s) => writerKey(s.lab, s.writer)),
        ),
      );
    const cee = writersOf('data/6/cee');
    const ced = writersOf('data/1a/ced');
    const shared = [...cee].filter((w) => ced.has(w));
    expect(shared).toEqual(expect.arrayContaining(['ce/ayml3525', 'ce/mlmt5536']));
  });

  it('quirk 18: every lou segment file parses (indented keywords in lou0.doc)', () => {
    for (const cat of ['1a', '1b', '1c', '6', '7']) {
      for (const f of findSegmentFiles(join(root as string, 'data', cat, 'lou'))) {
        expect(reader.readSegmentFile(f).length).toBeGreaterThan(0);
      }
    }
  });

  it('finds the root from a segment file and reports a missing include with the file', () => {
    const file = join(root as string, 'data/1a/tos/f1/f1002058.dat');
    expect(findUnipenRoot(file)).toBe(root);
    expect(() => reader.includeFile('tos/nope.doc', 'x.dat')).toThrow(
      /^x\.dat: \.INCLUDE tos\/nope\.doc: cannot read/,
    );
  });
});

describe.skipIf(!hasData)('the complete shared UNIPEN data', () => {
  it('every 1a/1b/1c segment parses to non-empty ink, with the README counts', () => {
    const dataDir = join(root as string, 'data');
    const counts: Record<string, number> = {};
    const reader = new UnipenReader(root as string);
    const categories = ['1a', '1b', '1c'];
    // Read lab by lab across categories so each pen file is parsed once, then freed.
    const labs = new Set<string>();
    for (const cat of categories) for (const lab of readdirSync(join(dataDir, cat))) labs.add(lab);
    let empty = 0;
    for (const lab of [...labs].sort()) {
      reader.clearCache();
      for (const cat of categories) {
        if (!existsSync(join(dataDir, cat, lab))) continue;
        for (const f of findSegmentFiles(join(dataDir, cat, lab))) {
          for (const s of reader.readSegmentFile(f)) {
            counts[cat] = (counts[cat] ?? 0) + 1;
            if (s.ink.strokes.length === 0 || s.ink.strokes.some((st) => st.points.length === 0))
              empty++;
          }
        }
      }
    }
    expect(empty).toBe(0);
    expect(counts).toEqual({ '1a': 13920, '1b': 24619, '1c': 52491 });
  });

  it('new quirk: a segment file includes a pen file that is not in the data (att 41412304)', () => {
    for (const category of ['6', '7', '8']) {
      const file = join(root as string, 'data', category, 'att/att0/41412304.dat');
      const strict = new UnipenReader(root as string);
      let error: unknown;
      try {
        strict.readSegmentFile(file);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(MissingIncludeError);
      expect((error as Error).message).toMatch(
        /\.INCLUDE att\/data\/att0\/41412304\.dat: cannot read .*: no such file$/,
      );
      // A strict reader does not make it a skip; a tolerant one says it is left out whole.
      expect(strict.skippedMissingInclude(file, error)).toBe(false);
      const skips: UnipenSkip[] = [];
      const tolerant = new UnipenReader(root as string, { onSkip: (s) => skips.push(s) });
      expect(tolerant.skippedMissingInclude(file, error)).toBe(true);
      expect(skips).toEqual([expect.objectContaining({ kind: 'missing-include', file })]);
      expect(describeUnipenSkip(skips[0])).toMatch(
        /41412304\.dat: \.INCLUDE att\/data\/att0\/41412304\.dat: cannot read .*no such file \(missing-include, skipped\)$/,
      );
    }
  });

  it('new quirk: hpb43ajj has a 3-number point after a 2-number placeholder; tolerant reading skips that point only', () => {
    const file = join(root as string, 'data/8/hpb/hpb4/hpb43ajj.dat');
    expect(() => new UnipenReader(root as string).readSegmentFile(file)).toThrow(
      /hpb43ajj\.dat:2907: expected 2 numbers per point/,
    );
    const skips: UnipenSkip[] = [];
    const tolerant = new UnipenReader(root as string, { onSkip: (s) => skips.push(s) });
    const segs = tolerant.readSegmentFile(file);
    expect(skips).toEqual([expect.objectContaining({ kind: 'bad-point', line: 2907 })]);
    expect(segs.length).toBe(
      readFileSync(file, 'latin1')
        .split('\n')
        .filter((l) => l.startsWith('.SEGMENT')).length,
    );
  });
});

describe('UnipenSkipCounts', () => {
  it('counts what was left out by kind, for a closing line', () => {
    const counts = new UnipenSkipCounts();
    const skip = (kind: UnipenSkip['kind']): UnipenSkip => ({ kind, file: 'f', message: 'm' });
    counts.add(skip('bad-point'));
    expect(`${counts}`).toBe('1 bad part of the data (above: 1 bad-point)');
    counts.add(skip('missing-include'));
    counts.add(skip('bad-point'));
    expect(counts.total).toBe(3);
    expect(`${counts}`).toBe('3 bad parts of the data (above: 2 bad-point, 1 missing-include)');
  });
});
