import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNodeFromValue, parseJsonText, type JsonNode } from '@/server/engine/policy/json-ast';

/** Turn a tree back into a plain value (duplicates: last wins, as JSON.parse does). */
function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': return Object.fromEntries(node.members.map((m) => [m.key, toValue(m.value)]));
    case 'array': return node.items.map(toValue);
    case 'null': return null;
    default: return node.value;
  }
}

describe('parseJsonText', () => {
  it('agrees with JSON.parse on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parseJsonText(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(toValue(parsed.node)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects whatever JSON.parse rejects', () => {
    for (const text of ['', '{', '{"a":1,}', '[1,]', "{'a':1}", '{"a" 1}', 'tru', '01', '"\\x"', '{"a":1}}', 'NaN', '"a\nb"']) {
      const parsed = parseJsonText(text);
      expect(parsed.ok, text).toBe(false);
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  it('keeps duplicate keys in document order with their positions', () => {
    const parsed = parseJsonText('{\n  "Effect": "Allow",\n  "Effect": "Deny"\n}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.node.kind !== 'object') throw new Error('expected an object');
    expect(parsed.node.members.map((m) => m.key)).toEqual(['Effect', 'Effect']);
    expect(parsed.node.members[1].keyPosition).toMatchObject({ line: 3, column: 3 });
  });

  it('reports the line and column of a syntax error', () => {
    const parsed = parseJsonText('{\n  "Version": "2012-10-17",\n  "Statement": [}\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.position).toMatchObject({ line: 3, column: 17 });
    expect(parsed.error.message).toMatch(/Unexpected '}'/);
  });

  it('decodes escapes, including \\u sequences, and skips a byte-order mark', () => {
    const parsed = parseJsonText('\uFEFF{"k": "a\\u0041\\n\\"\\/"}');
    expect(parsed.ok && toValue(parsed.node)).toEqual({ k: 'aA\n"/' });
  });

  it('keeps the raw text of numbers so "10.0" stays "10.0"', () => {
    const parsed = parseJsonText('[10.0, -1e3]');
    if (!parsed.ok || parsed.node.kind !== 'array') throw new Error('expected an array');
    expect(parsed.node.items.map((i) => (i.kind === 'number' ? i.raw : ''))).toEqual(['10.0', '-1e3']);
  });

  it('stops pathological nesting with an error instead of a stack overflow', () => {
    const parsed = parseJsonText('['.repeat(10_000));
    expect(parsed.ok).toBe(false);
  });
});

describe('jsonNodeFromValue', () => {
  it('round-trips plain objects', () => {
    const value = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', N: 1, B: true, Z: null }] };
    expect(toValue(jsonNodeFromValue(value))).toEqual(value);
  });

  it('drops undefined properties as JSON.stringify does', () => {
    expect(toValue(jsonNodeFromValue({ Sid: undefined, Effect: 'Deny' }))).toEqual({ Effect: 'Deny' });
  });
});
