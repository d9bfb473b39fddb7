// Where each statement of a policy sits in its text, as 1-based inclusive line ranges, so the trace panel can
// highlight the statement that decided. Positions come from the engine's position-aware JSON parser; the end of a
// statement is found by scanning to the brace that closes it (the parser records where values start only).
import 'server-only';

import { parseJsonText, type JsonNode } from '../../engine/policy/json-ast';

/** A statement's place in the policy text. */
export interface StatementLines {
  /** Zero-based statement index, as traces name it. */
  index: number;
  /** First line (1-based). */
  startLine: number;
  /** Last line (1-based, inclusive). */
  endLine: number;
}

/**
 * The line range of every statement of a policy document given as JSON text. Text that is not JSON, or has no
 * Statement element, yields no ranges (the panel then shows the text without a highlight).
 */
export function statementLineRanges(text: string): StatementLines[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok || parsed.node.kind !== 'object') return [];
  const statement = parsed.node.members.find((member) => member.key === 'Statement')?.value;
  if (!statement) return [];
  const items: JsonNode[] = statement.kind === 'array' ? statement.items : [statement];
  const ranges: StatementLines[] = [];
  items.forEach((item, index) => {
    if (!item.position) return;
    const endOffset = valueEndOffset(text, item.position.offset);
    ranges.push({ index, startLine: item.position.line, endLine: lineOf(text, endOffset) });
  });
  return ranges;
}

/** Offset of the last character of the JSON value starting at `start` (its closing brace or bracket, or quote). */
function valueEndOffset(text: string, start: number): number {
  const opening = text[start];
  if (opening !== '{' && opening !== '[') return start;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/** The 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
