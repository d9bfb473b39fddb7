// A tiny JSON parser that keeps what JSON.parse throws away: where each value sits in the text and every key of
// an object, duplicates included. AWS rejects policies with duplicate keys ("two Statement elements") even though
// JSON.parse silently keeps the last one, so the validator needs the full picture.

/** A position in the source text: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

/** One key of a JSON object with its value, in document order (duplicates kept). */
export interface JsonMember {
  /** The key, unescaped. */
  key: string;
  /** Where the key starts; absent when the value came from a plain object rather than text. */
  keyPosition?: SourcePosition;
  /** The value. */
  value: JsonNode;
}

/** A parsed JSON value that remembers where it came from. */
export type JsonNode =
  | { kind: 'object'; members: JsonMember[]; position?: SourcePosition }
  | { kind: 'array'; items: JsonNode[]; position?: SourcePosition }
  | { kind: 'string'; value: string; position?: SourcePosition }
  | { kind: 'number'; value: number; raw: string; position?: SourcePosition }
  | { kind: 'boolean'; value: boolean; position?: SourcePosition }
  | { kind: 'null'; position?: SourcePosition };

/** Why the text is not JSON, and where. */
export interface JsonSyntaxError {
  /** What is wrong, for people. */
  message: string;
  /** Where the parser stopped. */
  position: SourcePosition;
}

/** The outcome of parsing JSON text: a tree, or the first syntax error. */
export type JsonParseResult = { ok: true; node: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Nesting limit: policies are shallow; this only stops pathological input from exhausting the stack. */
const MAX_DEPTH = 256;

class JsonSyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse JSON text (RFC 8259) into a position-aware tree. Never throws. */
export function parseJsonText(text: string): JsonParseResult {
  const lineStarts = computeLineStarts(text);
  const positionAt = (offset: number): SourcePosition => toPosition(lineStarts, offset);
  let index = 0;

  const fail = (message: string, at = index): never => {
    throw new JsonSyntaxFailure(message, at);
  };
  const describe = (at: number): string => (at >= text.length ? 'end of input' : `'${text[at]}'`);

  const skipWhitespace = (): void => {
    while (index < text.length) {
      const ch = text.charCodeAt(index);
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) index += 1;
      else break;
    }
  };

  const parseString = (): string => {
    const start = index;
    index += 1; // opening quote
    let result = '';
    let chunkStart = index;
    while (true) {
      if (index >= text.length) fail('Unterminated string', start);
      const ch = text.charCodeAt(index);
      if (ch === 0x22) {
        result += text.slice(chunkStart, index);
        index += 1;
        return result;
      }
      if (ch < 0x20) fail('Control character in string: escape it (\\n, \\t, \\u00XX)');
      if (ch === 0x5c) {
        result += text.slice(chunkStart, index);
        const escape = text[index + 1];
        switch (escape) {
          case '"': result += '"'; break;
          case '\\': result += '\\'; break;
          case '/': result += '/'; break;
          case 'b': result += '\b'; break;
          case 'f': result += '\f'; break;
          case 'n': result += '\n'; break;
          case 'r': result += '\r'; break;
          case 't': result += '\t'; break;
          case 'u': {
            const hex = text.slice(index + 2, index + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\u escape: expected four hex digits');
            result += String.fromCharCode(parseInt(hex, 16));
            index += 4;
            break;
          }
          default:
            fail(`Invalid escape sequence '\\${escape ?? ''}'`);
        }
        index += 2;
        chunkStart = index;
        continue;
      }
      index += 1;
    }
  };

  const parseNumber = (): JsonNode => {
    const start = index;
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
    if (!match) fail(`Unexpected ${describe(index)}: expected a JSON value`);
    const raw = match![0];
    index += raw.length;
    return { kind: 'number', value: Number(raw), raw, position: positionAt(start) };
  };

  const parseLiteral = (word: 'true' | 'false' | 'null'): JsonNode => {
    const start = index;
    if (text.startsWith(word, index)) {
      index += word.length;
      const position = positionAt(start);
      if (word === 'null') return { kind: 'null', position };
      return { kind: 'boolean', value: word === 'true', position };
    }
    return fail(`Unexpected ${describe(index)}: expected a JSON value`);
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`Nesting deeper than ${MAX_DEPTH} levels`);
    skipWhitespace();
    const ch = text[index];
    const start = index;
    if (ch === '{') {
      index += 1;
      const members: JsonMember[] = [];
      skipWhitespace();
      if (text[index] === '}') {
        index += 1;
        return { kind: 'object', members, position: positionAt(start) };
      }
      while (true) {
        skipWhitespace();
        if (text[index] !== '"') fail(`Unexpected ${describe(index)}: expected a double-quoted key`);
        const keyStart = index;
        const key = parseString();
        skipWhitespace();
        if (text[index] !== ':') fail(`Unexpected ${describe(index)}: expected ':' after key "${key}"`);
        index += 1;
        const value = parseValue(depth + 1);
        members.push({ key, keyPosition: positionAt(keyStart), value });
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === '}') {
          index += 1;
          return { kind: 'object', members, position: positionAt(start) };
        }
        fail(`Unexpected ${describe(index)}: expected ',' or '}'`);
      }
    }
    if (ch === '[') {
      index += 1;
      const items: JsonNode[] = [];
      skipWhitespace();
      if (text[index] === ']') {
        index += 1;
        return { kind: 'array', items, position: positionAt(start) };
      }
      while (true) {
        items.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        if (text[index] === ']') {
          index += 1;
          return { kind: 'array', items, position: positionAt(start) };
        }
        fail(`Unexpected ${describe(index)}: expected ',' or ']'`);
      }
    }
    if (ch === '"') {
      const value = parseString();
      return { kind: 'string', value, position: positionAt(start) };
    }
    if (ch === 't') return parseLiteral('true');
    if (ch === 'f') return parseLiteral('false');
    if (ch === 'n') return parseLiteral('null');
    return parseNumber();
  };

  try {
    // A byte-order mark is not JSON, but editors on Windows write one; AWS's console strips it, so do we.
    if (text.charCodeAt(0) === 0xfeff) index = 1;
    const node = parseValue(0);
    skipWhitespace();
    if (index < text.length) fail(`Unexpected ${describe(index)} after the end of the JSON value`);
    return { ok: true, node };
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) {
      return { ok: false, error: { message: error.message, position: positionAt(error.offset) } };
    }
    throw error;
  }
}

/** Convert an already-parsed plain value (from JSON.parse or a database column) into a tree without positions. */
export function jsonNodeFromValue(value: unknown): JsonNode {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value, raw: String(value) };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(jsonNodeFromValue) };
  if (typeof value === 'object') {
    return {
      kind: 'object',
      // Like JSON.stringify, properties whose value is undefined are absent, not null.
      members: Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .map(([key, member]) => ({ key, value: jsonNodeFromValue(member) })),
    };
  }
  // Functions, symbols and bigints cannot come from JSON; treat them as the null AWS would never see.
  return { kind: 'null' };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) === 0x0a) starts.push(i + 1);
  }
  return starts;
}

function toPosition(lineStarts: number[], offset: number): SourcePosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1, offset };
}
