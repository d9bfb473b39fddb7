// Plain shape checks for AWS-shaped JSON input. The engine must not depend on zod (it stays framework-free),
// and people importing a real export need the exact JSON path of what is wrong, so every check records one.

/** One problem found in an input document, located by JSONPath (e.g. "$.Accounts[3].ParentId"). */
export interface InputError {
  /** JSONPath of the offending element. */
  path: string;
  /** What is wrong, for people. */
  message: string;
}

/** Collects errors while walking an input document. */
export class InputChecker {
  /** Errors found so far, in document order. */
  readonly errors: InputError[] = [];

  /** Record an error at `path`. */
  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** The value as a plain object, or undefined after recording an error. */
  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    this.fail(path, `expected an object, got ${describe(value)}`);
    return undefined;
  }

  /** The value as an array, or undefined after recording an error. */
  array(value: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    this.fail(path, `expected an array, got ${describe(value)}`);
    return undefined;
  }

  /** An optional array: undefined/null become []. */
  optionalArray(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    return this.array(value, path) ?? [];
  }

  /** A required non-empty string, or undefined after recording an error. */
  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    this.fail(path, value === undefined ? 'is required' : `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  /** An optional string: undefined when absent, an error when present with another type. */
  optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.fail(path, `expected a string, got ${describe(value)}`);
    return undefined;
  }

  /** A 12-digit AWS account id, or undefined after recording an error. */
  accountId(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (!ACCOUNT_ID.test(text)) {
      this.fail(path, `"${text}" is not a 12-digit AWS account id`);
      return undefined;
    }
    return text;
  }
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `the string "${truncate(value)}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
