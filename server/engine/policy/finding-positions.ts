// Where in the text each finding points: the validators speak JSONPath ("$.Statement[1].Effect"), editors speak
// lines and columns. This maps one to the other with the position-aware JSON tree, so an editor can highlight
// the offending line without parsing JSON itself.
import type { Finding } from '../types';
import { parseJsonText, type JsonNode, type SourcePosition } from './json-ast';

/** One step of a JSONPath: an object key or an array index. */
export type JsonPathSegment = { key: string } | { index: number };

/**
 * Split a JSONPath as the validators write it ("$", "$.a.b[2]", "$['a:b'].c") into segments.
 * Returns undefined when the text is not such a path.
 */
export function parseJsonPath(path: string): JsonPathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      let end = i + 1;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
      if (end === i + 1) return undefined;
      segments.push({ key: path.slice(i + 1, end) });
      i = end;
    } else if (path.startsWith("['", i)) {
      let key = '';
      let j = i + 2;
      while (j < path.length && path[j] !== "'") {
        // Keys are written with \\ and \' escaped (see finding.ts pathKey).
        if (path[j] === '\\' && j + 1 < path.length) j += 1;
        key += path[j];
        j += 1;
      }
      if (!path.startsWith("']", j)) return undefined;
      segments.push({ key });
      i = j + 2;
    } else if (path[i] === '[') {
      const close = path.indexOf(']', i);
      const digits = close < 0 ? '' : path.slice(i + 1, close);
      if (!/^\d+$/.test(digits)) return undefined;
      segments.push({ index: Number(digits) });
      i = close + 1;
    } else {
      return undefined;
    }
  }
  return segments;
}

/**
 * The position of the element a path names: the key of an object member (so the key's line is highlighted), an
 * array item's start, or the deepest element of the path that exists when the rest does not (a missing Effect
 * points at its statement). Duplicate keys resolve to the last one, as JSON.parse would keep.
 */
export function positionOfPath(tree: JsonNode, segments: readonly JsonPathSegment[]): SourcePosition | undefined {
  let node: JsonNode = tree;
  let position = tree.position;
  for (const segment of segments) {
    if ('key' in segment) {
      if (node.kind !== 'object') break;
      const member = node.members.findLast((m) => m.key === segment.key);
      if (!member) break;
      position = member.keyPosition ?? member.value.position ?? position;
      node = member.value;
    } else {
      // The parser names a lone statement object "$.Statement" and lists "[0]" only for arrays: an index into a
      // non-array stays on the element itself.
      if (node.kind !== 'array') continue;
      const item = node.items[segment.index];
      if (!item) break;
      position = item.position ?? position;
      node = item;
    }
  }
  return position;
}

/**
 * Add `line` and `column` to findings about a policy given as JSON text. A text that is not JSON places its
 * document-level findings at the syntax error; findings whose path cannot be placed are returned unchanged.
 */
export function locateFindings(text: string, findings: readonly Finding[]): Finding[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column } = parsed.error.position;
    return findings.map((f) => (f.path === '$' ? { ...f, line, column } : f));
  }
  return findings.map((f) => {
    const segments = parseJsonPath(f.path);
    const position = segments ? positionOfPath(parsed.node, segments) : undefined;
    return position ? { ...f, line: position.line, column: position.column } : f;
  });
}
