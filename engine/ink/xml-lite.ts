import { InkFormatError } from './ink-format-error';

/**
 * A minimal, non-validating XML reader: enough for InkML (elements,
 * attributes, text, the five named entities and character references,
 * comments, CDATA, processing instructions, a skipped DOCTYPE without an
 * internal subset). Namespace prefixes are kept in `name`; `local` drops them.
 * Everything it does not understand becomes an InkFormatError with the line.
 */
export interface XmlElement {
  name: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | { text: string; line: number };

export function isElement(node: XmlNode): node is XmlElement {
  return (node as XmlElement).name !== undefined;
}

const MAX_DEPTH = 256;
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(text: string, file: string): XmlElement {
  let pos = 0;
  let line = 1;
  let lineScan = 0;
  // Lines are counted lazily up to the current position.
  const lineAt = (at: number) => {
    for (; lineScan < at && lineScan < text.length; lineScan++) {
      if (text.charCodeAt(lineScan) === 10) line++;
    }
    return line;
  };
  const fail = (reason: string, at = pos): never => {
    throw new InkFormatError(file, lineAt(at), reason);
  };

  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
      if (!match.endsWith(';')) fail(`'&' must start an entity like &amp; (got '${match}')`, at);
      if (body in ENTITIES) return ENTITIES[body];
      const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (!m) return fail(`unknown entity '&${body};'`, at);
      const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
      if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
        return fail(`character reference '&${body};' is not a valid character`, at);
      }
      return String.fromCodePoint(code);
    });

  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) return fail(`expected a name at '${text.slice(pos, pos + 10)}'`);
    pos += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const skipPast = (end: string, what: string) => {
    const i = text.indexOf(end, pos);
    if (i < 0) fail(`unterminated ${what}`);
    pos = i + end.length;
  };

  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > pos) {
      const raw = text.slice(pos, textEnd);
      if (stack.length) {
        stack[stack.length - 1].children.push({ text: decode(raw, pos), line: lineAt(pos) });
      } else if (raw.trim() !== '') {
        fail('text outside the root element');
      }
      pos = textEnd;
      if (lt < 0) break;
    }
    if (text.startsWith('<!--', pos)) {
      skipPast('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', pos)) {
      if (!stack.length) fail('CDATA outside the root element');
      const start = pos + 9;
      skipPast(']]>', 'CDATA section');
      stack[stack.length - 1].children.push({
        text: text.slice(start, pos - 3),
        line: lineAt(start),
      });
    } else if (text.startsWith('<?', pos)) {
      skipPast('?>', 'processing instruction');
    } else if (text.startsWith('<!DOCTYPE', pos)) {
      const close = text.indexOf('>', pos);
      const bracket = text.indexOf('[', pos);
      if (bracket >= 0 && (close < 0 || bracket < close))
        fail('DOCTYPE with an internal subset is not supported');
      skipPast('>', 'DOCTYPE');
    } else if (text.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail(`expected '>' to close </${name}`);
      pos++;
      const open = stack.pop();
      if (!open) return fail(`closing tag </${name}> without an opening tag`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}> opened on line ${open.line}`);
      if (!stack.length) root = open;
    } else {
      const at = pos;
      pos++;
      const name = readName();
      if (root) fail('a second root element (an XML file has exactly one)');
      const element: XmlElement = {
        name,
        local: name.slice(name.indexOf(':') + 1),
        attributes: {},
        children: [],
        line: lineAt(at),
      };
      for (;;) {
        const before = pos;
        skipSpace();
        if (text.startsWith('/>', pos)) {
          pos += 2;
          if (stack.length) stack[stack.length - 1].children.push(element);
          else root = element;
          break;
        }
        if (text[pos] === '>') {
          pos++;
          if (stack.length) stack[stack.length - 1].children.push(element);
          // Readers walk the tree recursively: refuse absurd nesting rather than overflow the stack.
          if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
          stack.push(element);
          break;
        }
        if (pos >= text.length) fail(`unterminated tag <${name}`);
        if (pos === before) fail(`expected a space before the attribute in <${name}`);
        const attr = readName();
        skipSpace();
        if (text[pos] !== '=') fail(`expected '=' after attribute ${attr} in <${name}>`);
        pos++;
        skipSpace();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'")
          fail(`attribute ${attr} of <${name}> needs a quoted value`);
        const end = text.indexOf(quote, pos + 1);
        if (end < 0) fail(`unterminated value of attribute ${attr}`);
        const raw = text.slice(pos + 1, end);
        if (raw.includes('<')) fail(`'<' inside the value of attribute ${attr}`);
        if (attr in element.attributes) fail(`attribute ${attr} repeated in <${name}>`);
        element.attributes[attr] = decode(raw, pos);
        pos = end + 1;
      }
    }
  }
  if (stack.length)
    fail(
      `<${stack[stack.length - 1].name}> opened on line ${stack[stack.length - 1].line} is never closed`,
    );
  if (!root) return fail('no root element (is this an XML file?)');
  return root;
}

/** Concatenated text content of an element and its descendants. */
export function textContent(element: XmlElement): string {
  let out = '';
  for (const c of element.children) out += isElement(c) ? textContent(c) : c.text;
  return out;
}

/** Escapes text for element content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) =>
    c === '&'
      ? '&amp;'
      : c === '<'
        ? '&lt;'
        : c === '>'
          ? '&gt;'
          : c === '"'
            ? '&quot;'
            : c === "'"
              ? '&apos;'
              : '&#13;',
  );
}
