// Small helpers shared by the parser and the validator: building findings and JSONPath strings.
import type { Finding, FindingSeverity } from '../types';

/** Build a finding; the argument order mirrors how people read one: what, how bad, why, where. */
export function finding(code: string, severity: FindingSeverity, message: string, path: string): Finding {
  return { code, severity, message, path };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Append an object key to a JSONPath, using bracket notation when the key is not a plain identifier. */
export function pathKey(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return `${parent}.${key}`;
  return `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** Append an array index to a JSONPath. */
export function pathIndex(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** True when any finding makes AWS reject the document. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
