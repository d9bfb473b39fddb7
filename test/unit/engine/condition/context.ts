// Test helpers: build a RequestContext and evaluate one clause against it.
import { compileConditionBlock } from '@/server/engine/condition';
import type { ContextEntry, ContextValueType, RequestContext } from '@/server/engine/types';

/** Build a request context from `key -> value(s)`; arrays become list-typed (multivalued) entries. */
export function contextOf(
  entries: Record<string, string | string[]>,
  types: Record<string, ContextValueType> = {},
): RequestContext {
  const map = new Map<string, ContextEntry>();
  for (const [key, value] of Object.entries(entries)) {
    const values = Array.isArray(value) ? value : [value];
    const type = types[key] ?? (Array.isArray(value) ? 'stringList' : 'string');
    map.set(key.toLowerCase(), { key, values, type });
  }
  return map;
}

/** Evaluate a single clause `{ operator: { key: values } }` against a context. */
export function holds(
  operator: string,
  key: string,
  values: string | string[],
  ctx: RequestContext,
  policyVersion = '2012-10-17',
): boolean {
  const list = Array.isArray(values) ? values : [values];
  return compileConditionBlock([{ operator, key, values: list }], { policyVersion })(ctx);
}

/** The empty context: every key is absent. */
export const EMPTY: RequestContext = new Map();
