// The one text rule (server/schemas/text.ts): names refuse every control character and lone surrogate,
// multi-line text keeps tab and line breaks, and the deep backstop names the path of each bad string.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { escapeControlCharacters, findUnsafeText, findUnsafeTextDeep, refuseUnsafeText, safeText, stripByteOrderMark } from '@/server/schemas/text';

describe('findUnsafeText', () => {
  it.each([
    ['a\u0000b', 'U+0000 (NUL) at character 2'],
    ['\u001b[31mred', 'U+001B (escape) at character 1'],
    ['line\nbreak', 'U+000A (line feed) at character 5'],
    ['del\u007f', 'U+007F (DEL) at character 4'],
    ['c1\u0085', 'U+0085 at character 3'],
    ['lone \ud800 high', 'lone surrogate U+D800 at character 6'],
    ['lone \udc00 low', 'lone surrogate U+DC00 at character 6'],
  ])('refuses %j in a one-line field (%s)', (text, expected) => {
    expect(findUnsafeText(text)).toContain(expected);
  });

  it('accepts names in any script, emoji (surrogate pairs) and punctuation', () => {
    for (const text of ['Prod-EU (ü, 日本, العربية)', 'team 🚀 ops', '${file("/etc/passwd")}', '']) {
      expect(findUnsafeText(text)).toBeNull();
    }
  });

  it('keeps tab, line feed and carriage return in multi-line text, and refuses the rest', () => {
    expect(findUnsafeText('{\n\t"Version": "2012-10-17"\r\n}', 'multi-line')).toBeNull();
    expect(findUnsafeText('{\n\u0000}', 'multi-line')).toContain('U+0000');
  });
});

describe('the zod helpers', () => {
  it('fail with the field path and a readable message', () => {
    const schema = z.object({ name: z.string().trim().superRefine(refuseUnsafeText()).max(10), body: safeText('multi-line') });
    const result = schema.safeParse({ name: ' ok\u0007 ', body: 'a\nb' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['name'], message: 'Text must not contain control characters (U+0007 at character 3).' }),
    ]);
    expect(schema.safeParse({ name: ' pasted\n', body: '' }).success).toBe(true);
  });
});

describe('findUnsafeTextDeep', () => {
  it('walks arrays, objects and keys and names each path', () => {
    const issues = findUnsafeTextDeep({ tags: [{ key: 'ok', value: 'x\u0000' }], ['k\u0001']: 1, doc: 'fine\n' });
    expect(issues.map((issue) => issue.path)).toEqual([['tags', 0, 'value'], ['k\u0001']]);
  });
});

describe('terminal and file helpers', () => {
  it('escapes control characters and lone surrogates, keeping emoji and other scripts', () => {
    expect(escapeControlCharacters('red \u001b[31m 🚀 日本 \ud800\n')).toBe('red \\u001b[31m 🚀 日本 \\ud800\\u000a');
  });
  it('strips one leading byte order mark only', () => {
    expect(stripByteOrderMark('\uFEFF{"a":1}')).toBe('{"a":1}');
    expect(stripByteOrderMark('{"a":"\uFEFF"}')).toBe('{"a":"\uFEFF"}');
  });
});
