// A small strict XML 1.0 reader for the exporter tests: it rejects anything a conforming parser would reject
// among the constructs the exporters can produce (unescaped < or &, unknown entities, mismatched or unclosed
// tags, duplicate attributes, several roots, characters XML cannot carry), and returns the element tree.
// DOCTYPE and processing instructions other than the XML declaration are refused: the exporters emit neither.

/** An element with its attributes (references decoded, as a parser reports them), child elements and text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, concatenated (not its descendants'). */
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parses a whole document; throws an Error with the offset of the first well-formedness violation. */
export function parseXml(source: string): XmlElement {
  const invalid = INVALID_CHAR.exec(source);
  if (invalid) fail(invalid.index, `character U+${invalid[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  let pos = 0;
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail(0, 'unterminated XML declaration');
    pos = end + 2;
  }

  const skipMisc = () => {
    for (;;) {
      while (pos < source.length && /\s/.test(source[pos])) pos++;
      if (source.startsWith('<!--', pos)) pos = skipComment(source, pos);
      else return;
    }
  };

  skipMisc();
  if (source[pos] !== '<') fail(pos, 'expected the root element');
  const root = parseElement();
  skipMisc();
  if (pos < source.length) fail(pos, 'content after the root element');
  return root;

  function parseElement(): XmlElement {
    pos++; // '<'
    const name = readName();
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return element;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail(pos, `expected whitespace, ">" or "/>" in <${name}>`);
      const attribute = readName();
      if (attribute in element.attributes) fail(pos, `duplicate attribute "${attribute}" on <${name}>`);
      while (/\s/.test(source[pos] ?? '')) pos++;
      if (source[pos] !== '=') fail(pos, `expected "=" after attribute "${attribute}"`);
      pos++;
      while (/\s/.test(source[pos] ?? '')) pos++;
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail(pos, `attribute "${attribute}" value must be quoted`);
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail(pos, `unterminated value of attribute "${attribute}"`);
      const raw = source.slice(pos + 1, end);
      if (raw.includes('<')) fail(pos, `"<" in the value of attribute "${attribute}"`);
      // Attribute-value normalisation: literal white space becomes a space; references are kept as decoded.
      element.attributes[attribute] = decode(raw.replace(/[\t\n\r]/g, ' '), pos + 1);
      pos = end + 1;
    }
    // Content.
    for (;;) {
      if (pos >= source.length) fail(pos, `<${name}> is not closed`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(pos, `</${closing}> closes <${name}>`);
        while (/\s/.test(source[pos] ?? '')) pos++;
        if (source[pos] !== '>') fail(pos, `expected ">" to end </${closing}>`);
        pos++;
        return element;
      }
      if (source.startsWith('<!--', pos)) {
        pos = skipComment(source, pos);
      } else if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail(pos, 'unterminated CDATA section');
        element.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith('<!', pos) || source.startsWith('<?', pos)) {
        fail(pos, 'DOCTYPE and processing instructions are not expected here');
      } else if (source[pos] === '<') {
        element.children.push(parseElement());
      } else {
        const next = source.indexOf('<', pos);
        const end = next < 0 ? source.length : next;
        const raw = source.slice(pos, end);
        if (raw.includes(']]>')) fail(pos, '"]]>" in character data');
        element.text += decode(raw, pos);
        pos = end;
      }
    }
  }

  function readName(): string {
    NAME.lastIndex = pos;
    const match = NAME.exec(source);
    if (!match) fail(pos, 'expected a name');
    pos += match[0].length;
    return match[0];
  }

  function decode(raw: string, offset: number): string {
    return raw.replace(/&([^;]*);?/g, (whole, body: string, index: number) => {
      if (!whole.endsWith(';')) fail(offset + index, 'unescaped "&"');
      if (body in PREDEFINED) return PREDEFINED[body];
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      if (!numeric) fail(offset + index, `unknown entity "&${body};"`);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\u0000';
      if (code > 0x10ffff || INVALID_CHAR.test(char) || (code >= 0xd800 && code <= 0xdfff)) fail(offset + index, `reference to invalid character ${body}`);
      return char;
    });
  }
}

function skipComment(source: string, pos: number): number {
  const end = source.indexOf('-->', pos + 4);
  if (end < 0) fail(pos, 'unterminated comment');
  if (source.slice(pos + 4, end).includes('--')) fail(pos, '"--" inside a comment');
  return end + 3;
}

function fail(offset: number, message: string): never {
  throw new Error(`Not well-formed XML at offset ${offset}: ${message}`);
}

/** Every element of the tree, depth-first, the root first. */
export function allElements(root: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  const visit = (element: XmlElement) => {
    result.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return result;
}

/** All character data under an element: its own text, then each child's, depth-first. */
export function deepText(element: XmlElement): string {
  return element.text + element.children.map(deepText).join('');
}
