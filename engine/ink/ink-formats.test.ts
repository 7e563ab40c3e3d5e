import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ink, InkItem, InkPoint } from './ink';
import { InkFormatError } from './ink-format-error';
import { readInkml, writeInkml } from './inkml';
import { readJsonInk, writeJsonInk } from './json-ink';

/** Finite doubles without -0 (JSON cannot tell -0 from 0). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));

/** A point with exactly the optional channels asked for. */
const point = (t: boolean, pressure: boolean): fc.Arbitrary<InkPoint> =>
  fc.tuple(finite, finite, finite, finite).map(([x, y, tv, p]) => {
    const out: InkPoint = { x, y };
    if (t) out.t = tv;
    if (pressure) out.pressure = p;
    return out;
  });

const ink = (t: boolean, pressure: boolean): fc.Arbitrary<Ink> =>
  fc
    .array(fc.array(point(t, pressure), { maxLength: 8 }), { maxLength: 4 })
    .map((strokes) => ({ strokes: strokes.map((points) => ({ points })) }));

/** Labels XML 1.0 can carry (any other character is refused by the writer). */
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s);
const label = fc.string({ unit: 'grapheme', maxLength: 12 }).filter(xmlSafe);

/** Documents whose points all share the same optional channels. */
const items: fc.Arbitrary<InkItem[]> = fc.tuple(fc.boolean(), fc.boolean()).chain(([t, p]) =>
  fc.array(
    fc
      .record({
        ink: ink(t, p),
        label: fc.option(label, { nil: undefined }),
        annotations: fc.option(
          fc.dictionary(fc.constantFrom('writer', 'category', 'x y', '<&">'), label, {
            minKeys: 1,
          }),
          { nil: undefined },
        ),
      })
      .map((r) => {
        const item: InkItem = { ink: r.ink };
        if (r.label !== undefined) item.label = r.label;
        if (r.annotations !== undefined) item.annotations = r.annotations;
        return item;
      }),
    { maxLength: 4 },
  ),
);

/** Asserts that reading bad input either works or throws InkFormatError, nothing else. */
function onlyFormatErrors(read: () => unknown): void {
  try {
    read();
  } catch (err) {
    if (!(err instanceof InkFormatError)) throw err;
    expect(err.message.startsWith('f.x')).toBe(true);
  }
}

describe('InkML', () => {
  it('round-trips any items losslessly (property)', () => {
    fc.assert(
      fc.property(items, (doc) => {
        expect(readInkml(writeInkml(doc), 'f.inkml')).toEqual(
          doc.length ? doc : [{ ink: { strokes: [] } }],
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads a hand-written file: namespaces, definitions, traceView, truth annotations', () => {
    const text = `<?xml version="1.0"?>
<!-- a comment -->
<inkml:ink xmlns:inkml="http://www.w3.org/2003/InkML">
  <inkml:definitions>
    <inkml:context xml:id="c"><inkml:traceFormat>
      <inkml:channel name="X"/><inkml:channel name="Y"/><inkml:channel name="T"/>
    </inkml:traceFormat></inkml:context>
  </inkml:definitions>
  <inkml:annotation type="truth">ignored: there are groups</inkml:annotation>
  <inkml:trace xml:id="t1">10 0 0, 11 1 5, 12 3 10</inkml:trace>
  <inkml:trace xml:id="t2">0 0 20</inkml:trace>
  <inkml:traceGroup>
    <inkml:annotation type="truth">a &amp; &lt;b&gt; &#x41;</inkml:annotation>
    <inkml:traceView traceDataRef="#t1"/>
    <inkml:traceGroup><inkml:traceView traceDataRef="t2"/></inkml:traceGroup>
  </inkml:traceGroup>
  <inkml:traceGroup><inkml:trace>1 2 3</inkml:trace></inkml:traceGroup>
</inkml:ink>`;
    const got = readInkml(text, 'f.inkml');
    expect(got).toEqual([
      {
        label: 'a & <b> A',
        ink: {
          strokes: [
            {
              points: [
                { x: 10, y: 0, t: 0 },
                { x: 11, y: 1, t: 5 },
                { x: 12, y: 3, t: 10 },
              ],
            },
            { points: [{ x: 0, y: 0, t: 20 }] },
          ],
        },
      },
      { ink: { strokes: [{ points: [{ x: 1, y: 2, t: 3 }] }] } },
    ]);
  });

  it('without groups the file is one item labelled by the ink-level truth; X Y by default', () => {
    const text =
      '<ink><annotation type="truth">hi</annotation><trace>1 2,3 4</trace><trace>5 6</trace></ink>';
    expect(readInkml(text, 'f.inkml')).toEqual([
      {
        label: 'hi',
        ink: {
          strokes: [
            {
              points: [
                { x: 1, y: 2 },
                { x: 3, y: 4 },
              ],
            },
            { points: [{ x: 5, y: 6 }] },
          ],
        },
      },
    ]);
  });

  it('decodes first (\') and second (") difference encodings and F as pressure', () => {
    const text = `<ink><traceFormat><channel name="X"/><channel name="Y"/><channel name="F"/></traceFormat>
      <trace>10 10 5, '1 '2 !6, 1 2 7, "0 "1 8, 0 1 9, !0 !0 0</trace></ink>`;
    const [{ ink }] = readInkml(text, 'f.inkml');
    expect(ink.strokes[0].points).toEqual([
      { x: 10, y: 10, pressure: 5 },
      { x: 11, y: 12, pressure: 6 },
      { x: 12, y: 14, pressure: 7 },
      { x: 13, y: 17, pressure: 8 },
      { x: 14, y: 21, pressure: 9 },
      { x: 0, y: 0, pressure: 0 },
    ]);
  });

  it("picks each trace's format by contextRef or the current context; skips penUp traces", () => {
    const text = `<ink>
  <definitions>
    <traceFormat xml:id="xyt"><channel name="X"/><channel name="Y"/><channel name="T"/></traceFormat>
    <context xml:id="timed" traceFormatRef="#xyt"/>
    <trace xml:id="d">7 7 7</trace>
  </definitions>
  <context><traceFormat><channel name="Y"/><channel name="X"/></traceFormat></context>
  <trace>1 2</trace>
  <trace contextRef="#timed">1 2 3</trace>
  <trace type="penUp">9 9</trace>
  <traceView traceDataRef="d"/>
</ink>`;
    expect(readInkml(text, 'f.inkml')[0].ink.strokes).toEqual([
      { points: [{ x: 2, y: 1 }] },
      { points: [{ x: 1, y: 2, t: 3 }] },
      { points: [{ x: 7, y: 7, t: 7 }] },
    ]);
    expect(() => readInkml('<ink><traceView traceDataRef="#nope"/></ink>', 'f.x')).toThrow(
      /^f\.x:1: <traceView traceDataRef="#nope"> names no trace/,
    );
    expect(() => readInkml('<ink><trace contextRef="#c">1 2</trace></ink>', 'f.x')).toThrow(
      /reference "#c" names no context/,
    );
    expect(() =>
      readInkml(
        '<ink><traceGroup xml:id="g"><traceView traceDataRef="g"/></traceGroup></ink>',
        'f.x',
      ),
    ).toThrow(/refers to itself/);
  });

  it('malformed files give InkFormatError with file and line', () => {
    const cases: [string, RegExp][] = [
      ['<ink>\n<trace>1 2,\n 3</trace></ink>', /^f\.x:2: trace point 2 has 1 values/],
      ['<ink>\n\n<trace>1 2</tracе></ink>', /^f\.x:3: /],
      ['<ink>\n<trace>1 x</trace></ink>', /^f\.x:2: trace point 1: unexpected 'x'/],
      ['<svg/>', /^f\.x:1: expected an InkML <ink> root element/],
      ['<ink>\n<trace>', /^f\.x:2: <trace> opened on line 2 is never closed/],
      ['<ink a="1" a="2"/>', /^f\.x:1: attribute a repeated/],
      ['<ink>&nbsp;</ink>', /^f\.x:1: unknown entity/],
      ["<ink><trace>'1 2</trace></ink>", /the first point of a trace must give explicit values/],
      ['', /^f\.x:1: no root element/],
    ];
    for (const [text, message] of cases) {
      expect(() => readInkml(text, 'f.x')).toThrow(InkFormatError);
      expect(() => readInkml(text, 'f.x')).toThrow(message);
    }
  });

  it('the writer refuses what InkML cannot hold', () => {
    const p = (extra: Partial<InkPoint>): Ink => ({
      strokes: [
        {
          points: [
            { x: 1, y: 2, ...extra },
            { x: 1, y: 2 },
          ],
        },
      ],
    });
    expect(() => writeInkml([{ ink: p({ t: 1 }) }])).toThrow(/every point has a time/);
    expect(() => writeInkml([{ ink: p({ x: NaN }) }])).toThrow(/must be finite/);
    expect(() => writeInkml([{ ink: { strokes: [] }, label: 'a\u0001' }])).toThrow(
      /XML 1\.0 forbids/,
    );
  });

  it('fuzz: random text and mutated documents only ever give InkFormatError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) =>
        onlyFormatErrors(() => readInkml(text, 'f.x')),
      ),
      { numRuns: 300 },
    );
    const mutated = fc.tuple(items, fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(mutated, ([doc, at, cut, insert]) => {
        const text = writeInkml(doc);
        const i = at % (text.length + 1);
        onlyFormatErrors(() => readInkml(text.slice(0, i) + insert + text.slice(i + cut), 'f.x'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON ink', () => {
  it('round-trips any items losslessly (property)', () => {
    fc.assert(
      fc.property(items, (doc: InkItem[]) => {
        const back = readJsonInk(writeJsonInk(doc), 'f.json');
        expect(back).toEqual(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the documented form, with t null when only pressure is known', () => {
    const text = '{"strokes": [[[1, 2, 3], [4, 5, 6]], [[7, 8, null, 0.5]]], "label": "hi"}';
    expect(readJsonInk(text, 'f.json')).toEqual([
      {
        label: 'hi',
        ink: {
          strokes: [
            {
              points: [
                { x: 1, y: 2, t: 3 },
                { x: 4, y: 5, t: 6 },
              ],
            },
            { points: [{ x: 7, y: 8, pressure: 0.5 }] },
          ],
        },
      },
    ]);
  });

  it('malformed files give InkFormatError with file and line or path', () => {
    expect(() => readJsonInk('{\n  "strokes": [\n  ]]\n}', 'f.x')).toThrow(
      /^f\.x:3: not valid JSON/,
    );
    expect(() => readJsonInk('{"strokes": [[[1]]]}', 'f.x')).toThrow(
      /^f\.x: \.strokes\[0\]\[0\]: expected a point/,
    );
    expect(() => readJsonInk('[{"strokes": []}, {"strokes": [[[1, "a"]]]}]', 'f.x')).toThrow(
      /^f\.x: \[1\]\.strokes\[0\]\[0\]: y must be a finite number/,
    );
    expect(() => readJsonInk('{"strokes": [], "label": 3}', 'f.x')).toThrow(
      /\.label: expected a string/,
    );
  });

  it('fuzz: random JSON values and text only ever give InkFormatError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 100 })), (text) =>
        onlyFormatErrors(() => readJsonInk(text, 'f.x')),
      ),
      { numRuns: 300 },
    );
    const strokeish = fc.record({
      strokes: fc.array(fc.array(fc.array(fc.jsonValue(), { maxLength: 5 }))),
    });
    fc.assert(
      fc.property(strokeish, (v) => onlyFormatErrors(() => readJsonInk(JSON.stringify(v), 'f.x'))),
      { numRuns: 300 },
    );
  });
});
