import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InkFormatError } from './ink-format-error';
import { parseUnipenFile } from './unipen-file';
import { readUnipenSegments, unipenPathInfo, type UnipenSegment } from './unipen-segments';
import { dedupeSegments, writerKey } from './unipen-writers';

/** Runs a segment file against in-memory include files, like the io layer does from disk. */
function segments(
  segmentFile: string,
  includes: Record<string, string> = {},
  source = 'data/1a/lab/s.dat',
) {
  return readUnipenSegments(parseUnipenFile(segmentFile, source), (name, from) => {
    if (!(name in includes)) throw new InkFormatError(from, undefined, `missing include ${name}`);
    return parseUnipenFile(includes[name], name);
  });
}

const xs = (s: UnipenSegment) => s.ink.strokes.map((st) => st.points.map((p) => p.x));

// Five one-point blocks with x = their component number: makes numbering visible.
const numbered = (kinds: string) =>
  [...kinds].map((k, i) => `.PEN_${k === 'd' ? 'DOWN' : 'UP'}\n${i} 0`).join('\n');

describe('UNIPEN quirks (shared/data/README.md section 1)', () => {
  it('1: hover pen-up blocks inside a segment are counted but not drawn', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 1-3 OK "0"\n`, {
      'p.dat': `.PEN_DOWN\n0 0\n.PEN_UP\n1 1\n2 2\n.PEN_DOWN\n3 3\n4 4\n.PEN_UP\n5 5\n`,
    });
    expect(xs(s)).toEqual([[3, 4]]);
  });

  it('2: empty .PEN_UP and .PEN_DOWN blocks are not counted', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 2 OK "x"\n`, {
      'p.dat': `.PEN_DOWN\n10 0\n.PEN_UP\n.PEN_DOWN\n.PEN_UP\n.PEN_DOWN\n11 0\n.PEN_UP\n.PEN_DOWN\n12 0\n`,
    });
    expect(xs(s)).toEqual([[12]]);
  });

  it('3: placeholder "0 0" components are counted (and "0 0 0")', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 2 OK "x"\n`, {
      'p.dat': `.COORD X Y T\n.PEN_UP\n0 0 0\n.PEN_DOWN\n0 0 0\n.PEN_DOWN\n7 8 9\n`,
    });
    expect(s.ink.strokes).toEqual([{ points: [{ x: 7, y: -8, t: 9 }] }]);
  });

  it('4: .DT lines between blocks are not components', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 1 OK "x"\n`, {
      'p.dat': `.PEN_UP\n0 0\n.DT 930\n.PEN_UP\n.DT 12\n.PEN_DOWN\n1 0\n`,
    });
    expect(xs(s)).toEqual([[1]]);
  });

  it('5: point-indexed delineations A:M-B:N', () => {
    const pen = `.PEN_DOWN\n0 0\n1 0\n2 0\n3 0\n.PEN_DOWN\n4 0\n5 0\n6 0\n`;
    const [a, b, c] = segments(
      `.INCLUDE p.dat\n.SEGMENT CHARACTER 0:1-1:1 OK "a"\n.SEGMENT CHARACTER 0:2-0:3 OK "b"\n.SEGMENT CHARACTER 0-1:0 OK "c"\n`,
      { 'p.dat': pen },
    );
    expect(xs(a)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(xs(b)).toEqual([[2, 3]]);
    expect(xs(c)).toEqual([[0, 1, 2, 3], [4]]);
  });

  it('6: non-contiguous delineations joined by commas', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 0:1-0:2,2,3-3:0 OK "a"\n`, {
      'p.dat': `${numbered('dddd')}\n7 7\n8 8\n`.replace(
        '.PEN_DOWN\n0 0',
        '.PEN_DOWN\n0 0\n1 0\n2 0',
      ),
    });
    expect(xs(s)).toEqual([[1, 2], [2], [3]]);
  });

  it('7: irregular whitespace: double spaces, runs of spaces and tabs, trailing spaces', () => {
    const segs = segments(
      `.VERSION 1.0 \n.INCLUDE\tp.dat  \n.SEGMENT CHARACTER 0 OK  "A"\n.SEGMENT\tWORD     0-1 \t ?   "b"   \n`,
      {
        'p.dat': `.WRITER_ID\tval01\n.COORD\tX Y T \n.PEN_DOWN\n1\t2  3 \n  4 5 6\n.PEN_DOWN\n7 8 9\n`,
      },
    );
    expect(segs.map((s) => [s.type, s.delineation, s.quality, s.label, s.writer])).toEqual([
      ['CHARACTER', '0', 'OK', 'A', 'val01'],
      ['WORD', '0-1', '?', 'b', 'val01'],
    ]);
    expect(segs[0].ink.strokes[0].points).toEqual([
      { x: 1, y: -2, t: 3 },
      { x: 4, y: -5, t: 6 },
    ]);
  });

  it('8: label escapes \\" and \\\\, \\@ ligature marks stripped, bare @ kept', () => {
    const segs = segments(
      [
        '.INCLUDE p.dat',
        '.SEGMENT WORD 0 ? "\\"If"',
        '.SEGMENT WORD 0 ? "\\\\"',
        '.SEGMENT WORD 0 ? "m\\@a\\@n\\@"',
        '.SEGMENT WORD 0 ? "@"',
        '.SEGMENT WORD 0 ? "s\'\\\\"',
      ].join('\n'),
      { 'p.dat': numbered('d') },
    );
    expect(segs.map((s) => s.label)).toEqual(['"If', '\\', 'man', '@', "s'\\"]);
    expect(segs[2].rawLabel).toBe('m\\@a\\@n\\@');
  });

  it('9: .START_SET (named or not) restarts the component count', () => {
    const segs = segments(
      `.INCLUDE p.dat\n.SEGMENT CHARACTER 1 OK "b"\n.START_SET\n.INCLUDE q.dat\n.SEGMENT CHARACTER 0-1 OK "c"\n`,
      {
        'p.dat': `.START_SET first\n${numbered('dd')}`,
        'q.dat': `.PEN_DOWN\n50 0\n.PEN_DOWN\n51 0\n`,
      },
    );
    expect(segs.map(xs)).toEqual([[[1]], [[50], [51]]]);
  });

  it('10: nested includes, in any order (data before its .doc)', () => {
    const [s] = segments(`.INCLUDE lab/data/p.dat\n.INCLUDE lab/lab.doc\n.SEGMENT WORD 0 ? "w"\n`, {
      'lab/data/p.dat': `.INCLUDE lab/writer.doc\n.PEN_DOWN\n1 2 3\n`,
      'lab/writer.doc': `.WRITER_ID morris\n`,
      'lab/lab.doc': `.COORD X Y P\n`,
    });
    expect(s.writer).toBe('morris');
    expect(s.penFile).toBe('lab/data/p.dat');
    // The .COORD declared after the data still tells what the third number is.
    expect(s.ink.strokes[0].points).toEqual([{ x: 1, y: -2, pressure: 3 }]);
  });

  it('10: an include cycle is an error, not a hang', () => {
    expect(() => segments(`.INCLUDE a\n`, { a: '.INCLUDE b\n', b: '.INCLUDE a\n' })).toThrow(
      /includes itself/,
    );
  });

  it('11: headers redefined mid-file take effect from there on', () => {
    const segs = segments(
      `.INCLUDE p.dat\n.SEGMENT CHARACTER 0 ? "a"\n.SEGMENT CHARACTER 1 ? "b"\n`,
      {
        'p.dat': `.X_DIM 301\n.WRITER_ID one\n.PEN_DOWN\n1 1\n.X_DIM 5950\n.WRITER_ID two\n.COORD X Y T\n.PEN_DOWN\n2 2 2\n`,
      },
    );
    expect(segs.map((s) => s.writer)).toEqual(['one', 'two']);
    expect(segs[1].ink.strokes[0].points).toEqual([{ x: 2, y: -2, t: 2 }]);
  });

  it('12: CRLF line endings and non-ASCII header text are tolerated', () => {
    const segs = segments(`.VERSION 1.0\r\n.INCLUDE p.dat\r\n.SEGMENT WORD 0 OK "ab"\r\n`, {
      'p.dat': `.WRITER_INFO\r\n\tName: Jos\u00e9 Garc\u00eda\r\n.PEN_DOWN\r\n1 2\r\n3 4\r\n`,
    });
    expect(segs[0].label).toBe('ab');
    expect(xs(segs[0])).toEqual([[1, 3]]);
  });

  it('13: missing resolution, speed and writer headers are not errors', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT WORD 0 ? "w"\n`, { 'p.dat': numbered('d') });
    expect(s.writer).toBe('');
    expect(s.ink.strokes).toHaveLength(1);
  });

  it('14: y is flipped to grow downwards; negative and (0, 0) points are real ink', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 0 ? "1"\n`, {
      'p.dat': `.PEN_DOWN\n0 0\n-5 -1022\n3 7\n`,
    });
    expect(s.ink.strokes[0].points).toEqual([
      { x: 0, y: 0 },
      { x: -5, y: 1022 },
      { x: 3, y: -7 },
    ]);
    expect(Object.is(s.ink.strokes[0].points[0].y, -0)).toBe(false);
  });

  it('15: odd labels are kept as written (per-stroke labels, XXX with BAD)', () => {
    const segs = segments(
      `.INCLUDE p.dat\n.SEGMENT CHARACTER 0 ? "4"\n.SEGMENT CHARACTER 1 ? "4"\n.SEGMENT WORD 0-1 BAD "XXX"\n`,
      {
        'p.dat': numbered('dd'),
      },
    );
    expect(segs.map((s) => [s.label, s.quality])).toEqual([
      ['4', '?'],
      ['4', '?'],
      ['XXX', 'BAD'],
    ]);
  });

  it('16: category 6 segments repeated in category 7 are deduplicated on (pen file, delineation)', () => {
    const pen = { 'lab/p.dat': numbered('ddd') };
    const six = segments(`.INCLUDE lab/p.dat\n.SEGMENT WORD 0-1 ? "ab"\n`, pen, 'data/6/lab/s.dat');
    const seven = segments(
      `.INCLUDE lab/p.dat\n.SEGMENT WORD 0-1 ? "ab"\n.SEGMENT WORD 2 ? "!"\n`,
      pen,
      'data/7/lab/s.dat',
    );
    const kept = dedupeSegments([...seven, ...six]);
    expect(kept.map((s) => [s.category, s.label])).toEqual([
      ['7', 'ab'],
      ['7', '!'],
    ]);
  });

  it('17: writer ids are grouped across labs (case, .dat, shared CENPARMI ids)', () => {
    expect(writerKey('ced', 'AYML3525')).toBe(writerKey('cee', 'AYML3525'));
    expect(writerKey('cea', 'gb2911')).toBe(writerKey('ceb', 'gb2911'));
    expect(writerKey('cea', 'sr3070')).toBe(writerKey('cec', 'sr3070'));
    expect(writerKey('rim', 'wd136.dat')).toBe(writerKey('rim', 'WD136'));
    expect(writerKey('aga', 'CrlMtchl')).toBe(writerKey('aga', 'crlmtchl'));
    // Bare numbers mean nothing outside their lab.
    expect(writerKey('pri', '0')).not.toBe(writerKey('tos', '0'));
  });

  it('18: keywords count only in column 0 (indented ".PEN_DOWN" is free text)', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 0 ? "a"\n`, {
      'p.dat': `.PAD\n\tSee .PEN_DOWN and .PEN_UP.\n .PEN_DOWN\n.PEN_DOWN\n1 1\n`,
    });
    expect(xs(s)).toEqual([[1]]);
  });

  it('19: whitespace inside the quotes of a label is trimmed', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT WORD 0 ? "car\t\t\t"\n`, {
      'p.dat': numbered('d'),
    });
    expect(s.label).toBe('car');
  });

  it('20: point ranges are inclusive at both ends', () => {
    const [s] = segments(`.INCLUDE p.dat\n.SEGMENT CHARACTER 0:0-0:2 ? "a"\n`, {
      'p.dat': `.PEN_DOWN\n0 0\n1 0\n2 0\n3 0\n`,
    });
    expect(xs(s)).toEqual([[0, 1, 2]]);
  });
});

describe('UNIPEN errors name the file and line', () => {
  it('a delineation past the last component', () => {
    expect(() =>
      segments(`.INCLUDE p.dat\n\n.SEGMENT WORD 0-5 ? "w"\n`, { 'p.dat': numbered('dd') }),
    ).toThrow(
      /^data\/1a\/lab\/s\.dat:3: delineation 0-5 refers to component 5, but only 2 components/,
    );
  });

  it('a point index past the end of its component', () => {
    expect(() =>
      segments(`.INCLUDE p.dat\n.SEGMENT WORD 0:0-0:9 ? "w"\n`, { 'p.dat': numbered('d') }),
    ).toThrow(/s\.dat:2: .*points 0\.\.9 of component 0, which has 1 points \(p\.dat:1\)/);
  });

  it('a segment made only of pen-up ink', () => {
    expect(() =>
      segments(`.INCLUDE p.dat\n.SEGMENT WORD 0 ? "w"\n`, { 'p.dat': numbered('u') }),
    ).toThrow(/no pen-down ink/);
  });

  it('a malformed delineation, label or point line', () => {
    expect(() => segments(`.SEGMENT WORD 1-x ? "w"\n`)).toThrow(/s\.dat:1: bad delineation '1-x'/);
    expect(() => segments(`.SEGMENT WORD 1 ? "w\n`)).toThrow(
      /s\.dat:1: label "w has no closing quote/,
    );
    expect(() => parseUnipenFile(`.PEN_DOWN\n1 2\n3 abc\n`, 'p.dat')).toThrow(
      /^p\.dat:3: expected a point/,
    );
    expect(() => parseUnipenFile(`.PEN_DOWN\n1 2\n3 4 5\n`, 'p.dat')).toThrow(
      /^p\.dat:3: expected 2 numbers/,
    );
  });
});

describe('UNIPEN reader fuzzing', () => {
  const seg = `.VERSION 1.0\n.INCLUDE p.dat\n.SEGMENT CHARACTER 0:1-2 OK "a\\"b"\n.START_SET\n.SEGMENT WORD 0,1 ? "c"\n`;
  const pen = `.COORD X Y T\n.PEN_DOWN\n1 2 3\n4 5 6\n.PEN_UP\n.DT 5\n.PEN_UP\n7 8 9\n.PEN_DOWN\n0 0 0\n`;
  const mutate = (text: string, at: number, cut: number, insert: string) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + cut);
  };
  const onlyFormatErrors = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      if (!(err instanceof InkFormatError)) throw err;
    }
  };
  const edit = fc.tuple(
    fc.nat(),
    fc.nat({ max: 12 }),
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('.PEN_DOWN\n', '.SEGMENT ', '"', '\\', ':', '-', ',', '\r\n'),
    ),
  );

  it('mutated segment and pen files only ever give InkFormatError', () => {
    fc.assert(
      fc.property(edit, edit, fc.boolean(), ([a, b, c], [d, e, f], both) => {
        const s = mutate(seg, a, b, c);
        const p = both ? mutate(pen, d, e, f) : pen;
        onlyFormatErrors(() => segments(s, { 'p.dat': p }));
      }),
      { numRuns: 400 },
    );
  });

  it('random text only ever gives InkFormatError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) =>
        onlyFormatErrors(() => segments(text, { 'p.dat': pen })),
      ),
      { numRuns: 300 },
    );
  });
});

describe('unipenPathInfo', () => {
  it('takes category and lab from the last data/ folder of the path', () => {
    expect(unipenPathInfo('/srv/data/unipen/data/1a/tos/f1/x.dat')).toEqual({
      category: '1a',
      lab: 'tos',
    });
    expect(unipenPathInfo('data\\6\\pcl\\eng17.dat')).toEqual({ category: '6', lab: 'pcl' });
    expect(unipenPathInfo('elsewhere/x.dat')).toEqual({ category: '', lab: '' });
  });
});

describe('UNIPEN tolerant reading (onSkip): skip and count, never stop', () => {
  it('keeps every good segment and reports each bad one with its kind and line', () => {
    const skips: string[] = [];
    const onSkip = (s: { kind: string; file: string; line?: number }) =>
      skips.push(`${s.kind} ${s.file}:${s.line}`);
    const pen = `.PEN_DOWN\n0 0\n1 0\n.PEN_DOWN\n2 0\n3 x\n4 0\n.PEN_UP\n5 0\n.PEN_DOWN\n6 0 9\n7 0\n`;
    const seg = [
      '.INCLUDE p.dat',
      '.SEGMENT WORD 0 ? "a"',
      '.SEGMENT WORD 1-x ? "b"',
      '.SEGMENT WORD 0-9 ? "c"',
      '.SEGMENT WORD 0:0-0:5 ? "d"',
      '.SEGMENT WORD 2 ? "e"',
      '.SEGMENT WORD 1 ? "f',
      '.SEGMENT WORD 1 ? "g"',
      '.SEGMENT WORD 3 ? "h"',
    ].join('\n');
    const got = readUnipenSegments(
      parseUnipenFile(seg, 's.dat', { onSkip }),
      (name) => parseUnipenFile(pen, name, { onSkip }),
      { onSkip },
    );
    expect(got.map((s) => `${s.label}:${xs(s).join('|')}`)).toEqual(['a:0,1', 'g:2,4', 'h:6']);
    expect(skips).toEqual([
      'bad-segment-line s.dat:7',
      'bad-point p.dat:6',
      'bad-point p.dat:12',
      'bad-delineation s.dat:3',
      'component-out-of-range s.dat:4',
      'point-out-of-range s.dat:5',
      'no-pen-down-ink s.dat:6',
    ]);
  });

  it('fuzzed files never throw when tolerant', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (seg, pen) => {
        const onSkip = () => undefined;
        readUnipenSegments(
          parseUnipenFile(`.INCLUDE p.dat\n${seg}`, 's.dat', { onSkip }),
          (name) => parseUnipenFile(`.PEN_DOWN\n1 1\n${pen}`, name, { onSkip }),
          { onSkip },
        );
      }),
    );
  });
});
