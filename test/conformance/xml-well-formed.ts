// A small, strict XML 1.0 well-formedness checker for the reports' tests (no XML library is
// installed, and none is wanted for this): every character allowed by XML's Char production, tags
// balanced on a stack, attributes quoted and unique, entities only the five predefined ones or
// character references to allowed characters, exactly one root element. It returns the elements
// it saw so a test can also check structure. Not a full parser: no DTDs, no CDATA, no comments.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

/** Outside XML 1.0's Char production (with the u flag, a lone surrogate is one code point of its own). */
export const illegalXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function allowedCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export function parseXml(xml: string): XmlElement {
  const bad = illegalXmlChar.exec(xml);
  if (bad) throw new XmlError(`character U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')} not allowed at ${bad.index}`);
  let i = 0;
  const fail = (what: string): never => {
    throw new XmlError(`${what} at ${i}: ${JSON.stringify(xml.slice(Math.max(0, i - 20), i + 20))}`);
  };

  const name = (): string => {
    const start = i;
    if (!NAME_START.test(xml[i] ?? '')) fail('expected a name');
    i++;
    while (i < xml.length && NAME_CHAR.test(xml[i]!)) i++;
    return xml.slice(start, i);
  };
  const spaces = (): number => {
    const start = i;
    while (i < xml.length && ' \t\r\n'.includes(xml[i]!)) i++;
    return i - start;
  };
  /** Decodes text up to `stop` (exclusive), checking every "&" starts a known entity. */
  const decode = (end: number): string => {
    let out = '';
    while (i < end) {
      const c = xml[i]!;
      if (c === '&') {
        const semi = xml.indexOf(';', i);
        if (semi < 0 || semi > end) fail('unterminated entity');
        const ref = xml.slice(i + 1, semi);
        let cp: number | undefined;
        if (/^#[0-9]+$/.test(ref)) cp = Number(ref.slice(1));
        else if (/^#x[0-9A-Fa-f]+$/.test(ref)) cp = Number.parseInt(ref.slice(2), 16);
        if (cp !== undefined) {
          if (!allowedCodePoint(cp)) fail(`character reference to a disallowed character &${ref};`);
          out += String.fromCodePoint(cp);
        } else if (ref in entities) out += entities[ref];
        else fail(`unknown entity &${ref};`);
        i = semi + 1;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  const attributes = (): Record<string, string> => {
    const attrs: Record<string, string> = {};
    for (;;) {
      const hadSpace = spaces() > 0;
      if (xml[i] === '>' || xml[i] === '/' || xml[i] === '?') return attrs;
      if (!hadSpace) fail('attributes must be separated by white space');
      const key = name();
      if (Object.hasOwn(attrs, key)) fail(`duplicate attribute ${key}`);
      spaces();
      if (xml[i] !== '=') fail('expected =');
      i++;
      spaces();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
      i++;
      const close = xml.indexOf(quote!, i);
      if (close < 0) fail('unterminated attribute value');
      if (xml.slice(i, close).includes('<')) fail('"<" inside an attribute value');
      attrs[key] = decode(close);
      i = close + 1;
    }
  };

  // Prolog: an optional XML declaration, then white space.
  if (xml.startsWith('<?xml')) {
    i = 5;
    const decl = attributes();
    if (!('version' in decl)) fail('XML declaration without version');
    if (!xml.startsWith('?>', i)) fail('unterminated XML declaration');
    i += 2;
  }
  spaces();

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] === '<') {
      if (xml[i + 1] === '/') {
        i += 2;
        const closing = name();
        spaces();
        if (xml[i] !== '>') fail('expected > after closing tag name');
        i++;
        const open = stack.pop();
        if (!open) fail(`</${closing}> closes nothing`);
        if (open!.name !== closing) fail(`</${closing}> closes <${open!.name}>`);
        continue;
      }
      if (xml[i + 1] === '!' || xml[i + 1] === '?') fail('comments, CDATA and processing instructions are not expected in these reports');
      i++;
      if (stack.length === 0 && root) fail('a second root element');
      const element: XmlElement = { name: name(), attributes: attributes(), children: [], text: '' };
      stack.at(-1)?.children.push(element);
      root ??= element;
      if (xml.startsWith('/>', i)) i += 2;
      else if (xml[i] === '>') {
        i++;
        stack.push(element);
      } else fail('expected > or />');
      continue;
    }
    const next = xml.indexOf('<', i);
    const end = next < 0 ? xml.length : next;
    const raw = xml.slice(i, end);
    if (raw.includes(']]>')) fail('"]]>" in text');
    if (stack.length === 0) {
      if (raw.trim() !== '') fail('text outside the root element');
      i = end;
      continue;
    }
    stack.at(-1)!.text += decode(end);
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.name}> never closed`);
  if (!root) fail('no root element');
  return root!;
}

/** Every element of a tree, depth first. */
export function elements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(elements)];
}
