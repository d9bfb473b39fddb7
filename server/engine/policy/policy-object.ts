// A policy document read as plain JSON, for the quick readings (trust-policy shapes and targets, identity sketches) that
// look at a few fields and fall back to the full parser (parse.ts) or to "may allow" whenever the plain reading is not
// enough. Nothing here is checked: a caller decides what an unexpected element means for it.
import type { PolicySource } from '../types';

/** A policy document as it is written. */
export interface PolicyObject {
  /** The Statement element: an array, one statement, or absent. */
  Statement?: unknown;
  [element: string]: unknown;
}

/** The document as a JSON object (policy text parsed, an already parsed document as is); undefined when it is not one. */
export function policyObject(document: PolicySource): PolicyObject | undefined {
  let parsed: unknown = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null ? parsed as PolicyObject : undefined;
}
