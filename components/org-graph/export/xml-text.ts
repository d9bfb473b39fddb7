// Escaping for text that goes into XML (SVG and draw.io files). Names come from users and from imported AWS
// data, so they may hold markup characters and even characters XML 1.0 cannot carry at all.

// Characters XML 1.0 forbids even as references (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) and
// unpaired surrogates: a file containing them does not parse.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML character data or a quoted attribute; characters XML cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/**
 * Escapes text for an attribute value whose line breaks must survive: XML parsers turn a literal newline in an
 * attribute into a space, so newlines, carriage returns and tabs are written as character references.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Formats a coordinate compactly: at most two decimals, no trailing zeros, never "-0". */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
