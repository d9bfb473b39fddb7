// Text that the product can store and show safely: one rule for every string a client or a file sends.
// This module imports nothing, so that the CLI can check and print text without loading zod; ./text.ts adds the
// zod refinements built on it.
//
// PostgreSQL cannot store U+0000 in text, nor a lone UTF-16 surrogate (it is not valid UTF-8): both used to
// reach the database and come back as a 500 carrying the driver's message. Other control characters are stored
// but make names lie on screen and in terminals (a carriage return rewrites the line, an escape sequence
// recolours it). So: names and other one-line fields refuse every control character; multi-line fields (policy
// documents, descriptions) accept tab, line feed and carriage return and refuse the rest.

/** Whether line breaks and tabs are allowed (policy documents, descriptions) or not (names, ids, tag keys). */
export type TextKind = 'single-line' | 'multi-line';

const ALLOWED_IN_MULTI_LINE = new Set([0x09, 0x0a, 0x0d]);

/** True for C0 controls, DEL and C1 controls (Unicode general category Cc). */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** "U+000A (line feed)" — how a message names a character nobody can see. */
function describeCodeUnit(code: number): string {
  const names: Record<number, string> = { 0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape', 0x7f: 'DEL' };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${hex} (${names[code]})` : hex;
}

/**
 * Why `text` cannot be accepted as `kind`, or null when it can: the first control character or lone surrogate,
 * with its 1-based position, e.g. "must not contain control characters (U+0000 (NUL) at character 4)".
 */
export function findUnsafeText(text: string, kind: TextKind = 'single-line'): string | null {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return `must be valid Unicode (a lone surrogate U+${code.toString(16).toUpperCase()} at character ${index + 1})`;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return `must be valid Unicode (a lone surrogate U+${code.toString(16).toUpperCase()} at character ${index + 1})`;
    }
    if (isControl(code) && !(kind === 'multi-line' && ALLOWED_IN_MULTI_LINE.has(code))) {
      return `must not contain control characters (${describeCodeUnit(code)} at character ${index + 1})`;
    }
  }
  return null;
}

/** The text without a leading UTF-8 byte order mark (Windows editors write one; JSON.parse refuses it). */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The text with every control character and lone surrogate written as a visible escape (\u001b, \ud800), for
 * printing names in a terminal: an escape sequence in a design name must not recolour or rewrite the screen.
 */
export function escapeControlCharacters(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const high = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(index + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      out += text[index] + text[index + 1];
      index++;
    } else if (isControl(code) || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += text[index];
    }
  }
  return out;
}

/** One unsafe string found inside a structured value, with the path to it (object keys are checked too). */
export interface UnsafeTextIssue {
  /** Path segments from the root of the value, e.g. ["tags", 0, "key"]. */
  path: (string | number)[];
  message: string;
}

/**
 * Every string in `value` (nested arrays and plain objects, keys included) checked as multi-line text: the
 * backstop for inputs whose schema does not use safeText, so that nothing a database or a terminal cannot
 * hold gets past the API. Stops after `limit` issues.
 */
export function findUnsafeTextDeep(value: unknown, limit = 20): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const visit = (current: unknown, path: (string | number)[]): void => {
    if (issues.length >= limit) return;
    if (typeof current === 'string') {
      const problem = findUnsafeText(current, 'multi-line');
      if (problem) issues.push({ path, message: `Text ${problem}.` });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => visit(item, [...path, index]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const keyProblem = findUnsafeText(key, 'single-line');
        if (keyProblem) issues.push({ path: [...path, key], message: `Key ${keyProblem}.` });
        visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
  return issues;
}
