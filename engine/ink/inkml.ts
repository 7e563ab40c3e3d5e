import type { Ink, InkItem, InkPoint, Stroke } from './ink';
import { InkFormatError } from './ink-format-error';
import { escapeXml, isElement, parseXml, textContent, type XmlElement } from './xml-lite';

/**
 * W3C InkML (https://www.w3.org/TR/InkML/) reading and writing.
 *
 * Reading: a trace's channels come from its `contextRef`, its group's, the
 * last `<context>` before it, or else the document's first `<traceFormat>`
 * (default X Y). X, Y, T and F map to x, y, t, pressure; other channels are
 * read but dropped. Trace values may use the explicit (`!`), first-difference
 * (`'`) and second-difference (`"`) encodings. `type="penUp"` traces (hover)
 * are not ink. Each top-level `<traceGroup>` is one item (nested groups and
 * `<traceView traceDataRef>` belong to it; `from`/`to` ranges are not
 * supported) labelled by its `<annotation type="truth">`; without groups the
 * whole file is one item labelled by the `<ink>`'s truth annotation. Other
 * annotation types of the group (or of `<ink>` without groups) become the
 * item's `annotations`.
 *
 * Writing: one `<traceGroup>` per item, explicit decimal values, channels X Y
 * plus T and/or F when the points have them. Numbers are written in
 * JavaScript's shortest round-trip form, so read(write(x)) equals x.
 */
export const INKML_NAMESPACE = 'http://www.w3.org/2003/InkML';

type Channel = 'x' | 'y' | 't' | 'pressure' | undefined;
const CHANNELS: Record<string, Channel> = { X: 'x', Y: 'y', T: 't', F: 'pressure' };

interface TraceFormat {
  channels: Channel[];
  /** How many leading channels every point must give (the rest are intermittent). */
  required: number;
}

function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.local === local);
}

function findFirst(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.local === local) return c;
    const inner = findFirst(c, local);
    if (inner) return inner;
  }
  return undefined;
}

const DEFAULT_FORMAT: TraceFormat = { channels: ['x', 'y'], required: 2 };

function parseTraceFormat(format: XmlElement): TraceFormat {
  const regular = children(format, 'channel');
  const intermittent = children(format, 'intermittentChannels').flatMap((g) =>
    children(g, 'channel'),
  );
  const names = [...regular, ...intermittent].map((c) => c.attributes.name ?? '');
  return { channels: names.map((n) => CHANNELS[n]), required: regular.length };
}

const idOf = (el: XmlElement) => el.attributes['xml:id'] ?? el.attributes.id;
const refName = (ref: string) => ref.replace(/^#/, '');

/** Resolves trace formats the InkML way: by context, by reference, or the document default. */
class TraceFormats {
  private readonly byId = new Map<string, XmlElement>();
  readonly fallback: TraceFormat;

  constructor(
    root: XmlElement,
    private readonly file: string,
  ) {
    const visit = (el: XmlElement) => {
      for (const c of el.children) {
        if (!isElement(c)) continue;
        const id = idOf(c);
        if (id !== undefined && (c.local === 'context' || c.local === 'traceFormat')) {
          this.byId.set(id, c);
        }
        if (c.local !== 'trace') visit(c);
      }
    };
    visit(root);
    const first = findFirst(root, 'traceFormat');
    this.fallback = first ? parseTraceFormat(first) : DEFAULT_FORMAT;
  }

  /** The format a `<context>` or `<traceFormat>` element defines, if any. */
  of(el: XmlElement, depth = 0): TraceFormat | undefined {
    if (depth > 8) throw new InkFormatError(this.file, el.line, 'contextRef chain loops');
    if (el.local === 'traceFormat') {
      const ref = el.attributes.href ?? el.attributes.traceFormatRef;
      return ref !== undefined && children(el, 'channel').length === 0
        ? this.ref(ref, el, depth)
        : parseTraceFormat(el);
    }
    const inline = children(el, 'traceFormat')[0];
    if (inline) return this.of(inline, depth + 1);
    if (el.attributes.traceFormatRef !== undefined) {
      return this.ref(el.attributes.traceFormatRef, el, depth);
    }
    if (el.attributes.contextRef !== undefined)
      return this.ref(el.attributes.contextRef, el, depth);
    return undefined;
  }

  ref(ref: string, from: XmlElement, depth = 0): TraceFormat | undefined {
    const target = this.byId.get(refName(ref));
    if (!target) {
      throw new InkFormatError(
        this.file,
        from.line,
        `reference "${ref}" names no context or traceFormat`,
      );
    }
    return this.of(target, depth + 1);
  }
}

// A value prefix, a number, a boolean channel value, or anything else (an error).
const TOKEN = /\s*(?:([!'"])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([TF])|(\S))/y;

type Mode = 'explicit' | 'first' | 'second';

/** Parses a `<trace>`'s text into points, resolving difference encodings per channel. */
function parseTrace(text: string, format: TraceFormat, file: string, line: number): Stroke {
  const n = format.channels.length;
  const modes: Mode[] = new Array(n).fill('explicit');
  const last: number[] = new Array(n).fill(0);
  const velocity: number[] = new Array(n).fill(0);
  const points: InkPoint[] = [];
  const pointTexts = text.split(',');
  if (pointTexts.length === 1 && pointTexts[0].trim() === '') return { points };
  for (let k = 0; k < pointTexts.length; k++) {
    const pointText = pointTexts[k];
    const values: number[] = [];
    const valueModes: (Mode | undefined)[] = [];
    let pending: Mode | undefined;
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < pointText.length) {
      const m = TOKEN.exec(pointText);
      if (!m) break; // only trailing whitespace left
      if (m[1]) {
        pending = m[1] === '!' ? 'explicit' : m[1] === "'" ? 'first' : 'second';
      } else if (m[2] !== undefined || m[3] !== undefined) {
        values.push(m[3] !== undefined ? (m[3] === 'T' ? 1 : 0) : Number(m[2]));
        valueModes.push(pending);
        pending = undefined;
      } else {
        throw new InkFormatError(
          file,
          line,
          `trace point ${k + 1}: unexpected '${m[4]}' in '${pointText.trim()}' (expected numbers, optionally prefixed by ! ' or ")`,
        );
      }
    }
    if (pending) {
      throw new InkFormatError(
        file,
        line,
        `trace point ${k + 1}: a difference prefix without a value`,
      );
    }
    if (values.length < format.required || values.length > n) {
      throw new InkFormatError(
        file,
        line,
        `trace point ${k + 1} has ${values.length} values, the traceFormat declares ${format.required === n ? n : `${format.required} to ${n}`}`,
      );
    }
    const point: Partial<InkPoint> = {};
    for (let c = 0; c < values.length; c++) {
      if (valueModes[c]) modes[c] = valueModes[c] as Mode;
      let value = values[c];
      if (k === 0 && modes[c] !== 'explicit') {
        throw new InkFormatError(
          file,
          line,
          'the first point of a trace must give explicit values',
        );
      }
      if (modes[c] === 'first') {
        velocity[c] = value;
        value = last[c] + value;
      } else if (modes[c] === 'second') {
        velocity[c] += value;
        value = last[c] + velocity[c];
      } else if (k > 0) {
        velocity[c] = value - last[c];
      }
      if (!Number.isFinite(value)) {
        throw new InkFormatError(file, line, `trace point ${k + 1}: value out of range`);
      }
      last[c] = value;
      const channel = format.channels[c];
      if (channel) point[channel] = value;
    }
    if (point.x === undefined || point.y === undefined) {
      throw new InkFormatError(file, line, 'the traceFormat has no X and Y channels');
    }
    points.push(point as InkPoint);
  }
  return { points };
}

function truthOf(el: XmlElement): string | undefined {
  const truth = children(el, 'annotation').find((a) => a.attributes.type === 'truth');
  return truth ? textContent(truth) : undefined;
}

/** An element's own `<annotation type="...">`s other than the truth. */
function annotationsOf(el: XmlElement): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const a of children(el, 'annotation')) {
    const type = a.attributes.type;
    if (type === undefined || type === 'truth' || Object.hasOwn(out, type)) continue;
    out[type] = textContent(a);
    any = true;
  }
  return any ? out : undefined;
}

function makeItem(
  ink: Ink,
  label: string | undefined,
  annotations: Record<string, string> | undefined,
) {
  const item: InkItem = { ink };
  if (label !== undefined) item.label = label;
  if (annotations !== undefined) item.annotations = annotations;
  return item;
}

/** Reads an InkML document into items (see the module comment for the mapping). */
export function readInkml(text: string, file: string): InkItem[] {
  const root = parseXml(text, file);
  if (root.local !== 'ink') {
    throw new InkFormatError(
      file,
      root.line,
      `expected an InkML <ink> root element, got <${root.name}>`,
    );
  }
  const formats = new TraceFormats(root, file);
  const elements = new Map<string, XmlElement>();
  const strokeOf = new Map<XmlElement, Stroke | undefined>();
  let current: TraceFormat | undefined;
  const collect = (el: XmlElement, inherited: TraceFormat | undefined) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      const id = idOf(c);
      if (id !== undefined) elements.set(id, c);
      if (c.local === 'context' && el === root) {
        current = formats.of(c) ?? current;
      } else if (c.local === 'trace') {
        const own = c.attributes.contextRef ? formats.ref(c.attributes.contextRef, c) : undefined;
        const format = own ?? inherited ?? current ?? formats.fallback;
        const stroke = parseTrace(textContent(c), format, file, c.line);
        // Hover traces are kept out of the ink, like UNIPEN's pen-up blocks.
        strokeOf.set(c, c.attributes.type === 'penUp' ? undefined : stroke);
      } else if (c.local === 'traceGroup') {
        const own = c.attributes.contextRef ? formats.ref(c.attributes.contextRef, c) : undefined;
        collect(c, own ?? inherited);
      } else if (c.local !== 'annotation' && c.local !== 'annotationXML') {
        collect(c, inherited);
      }
    }
  };
  collect(root, undefined);

  const strokesIn = (el: XmlElement, seen: Set<XmlElement>): Stroke[] => {
    if (seen.has(el)) throw new InkFormatError(file, el.line, 'traceView refers to itself');
    const inner = new Set(seen).add(el);
    const out: Stroke[] = [];
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (c.local === 'trace') {
        const stroke = strokeOf.get(c);
        if (stroke) out.push(stroke);
      } else if (c.local === 'traceGroup') {
        out.push(...strokesIn(c, inner));
      } else if (c.local === 'traceView') {
        const ref = c.attributes.traceDataRef;
        if (ref === undefined) {
          out.push(...strokesIn(c, inner));
          continue;
        }
        const target = elements.get(refName(ref));
        if (target?.local === 'trace') {
          const stroke = strokeOf.get(target);
          if (stroke) out.push(stroke);
        } else if (target?.local === 'traceGroup' || target?.local === 'traceView') {
          out.push(...strokesIn(target, inner));
        } else {
          throw new InkFormatError(
            file,
            c.line,
            `<traceView traceDataRef="${ref}"> names no trace`,
          );
        }
      }
    }
    return out;
  };

  const groups = children(root, 'traceGroup');
  if (groups.length === 0) {
    return [makeItem({ strokes: strokesIn(root, new Set()) }, truthOf(root), annotationsOf(root))];
  }
  return groups.map((g) =>
    makeItem(
      { strokes: strokesIn(g, new Set()) },
      truthOf(g) ?? (groups.length === 1 ? truthOf(root) : undefined),
      annotationsOf(g),
    ),
  );
}

function formatNumber(n: number, what: string): string {
  if (!Number.isFinite(n))
    throw new RangeError(`cannot write ${what} = ${n} to InkML: values must be finite`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Which optional channels the points carry; all points must agree. */
function optionalChannels(items: readonly InkItem[]): { t: boolean; pressure: boolean } {
  let first: InkPoint | undefined;
  for (const item of items) {
    for (const s of item.ink.strokes) {
      for (const p of s.points) {
        first ??= p;
        if (
          (p.t === undefined) !== (first.t === undefined) ||
          (p.pressure === undefined) !== (first.pressure === undefined)
        ) {
          throw new RangeError(
            'cannot write InkML: either every point has a time (t) or none, and likewise pressure',
          );
        }
      }
    }
  }
  return { t: first?.t !== undefined, pressure: first?.pressure !== undefined };
}

/** Writes items as an InkML document, one `<traceGroup>` with its truth and other annotations each. */
export function writeInkml(items: readonly InkItem[]): string {
  const { t, pressure } = optionalChannels(items);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ink xmlns="${INKML_NAMESPACE}">`,
    '  <context>',
    '    <traceFormat>',
    '      <channel name="X" type="decimal"/>',
    '      <channel name="Y" type="decimal"/>',
  ];
  if (t) out.push('      <channel name="T" type="decimal" units="ms"/>');
  if (pressure) out.push('      <channel name="F" type="decimal"/>');
  out.push('    </traceFormat>', '  </context>');
  for (const item of items) {
    out.push('  <traceGroup>');
    const annotations = item.label === undefined ? [] : [['truth', item.label]];
    for (const [type, text] of Object.entries(item.annotations ?? {})) {
      if (type === 'truth')
        throw new RangeError("an annotation named 'truth' must be the item's label");
      annotations.push([type, text]);
    }
    for (const [type, text] of annotations) {
      assertXmlText(type);
      assertXmlText(text);
      out.push(`    <annotation type="${escapeXml(type)}">${escapeXml(text)}</annotation>`);
    }
    for (const s of item.ink.strokes) {
      const points = s.points.map((p) => {
        const v = [formatNumber(p.x, 'x'), formatNumber(p.y, 'y')];
        if (t) v.push(formatNumber(p.t as number, 't'));
        if (pressure) v.push(formatNumber(p.pressure as number, 'pressure'));
        return v.join(' ');
      });
      out.push(`    <trace>${points.join(', ')}</trace>`);
    }
    out.push('  </traceGroup>');
  }
  out.push('</ink>', '');
  return out.join('\n');
}

// XML 1.0 cannot carry these characters at all, not even as references:
// C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates.
/* eslint-disable no-control-regex */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */

function assertXmlText(label: string): void {
  if (NOT_XML.test(label)) {
    throw new RangeError(
      `cannot write ${JSON.stringify(label)} to InkML: it holds characters XML 1.0 forbids`,
    );
  }
}

/** Convenience for a single ink. */
export function inkToInkml(ink: Ink, label?: string): string {
  return writeInkml([label === undefined ? { ink } : { ink, label }]);
}
