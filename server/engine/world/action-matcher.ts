// Action / NotAction matching. Action names compare case-insensitively with * and ? wildcards
// (reference_policies_elements_action.html). Patterns are lower-cased once here and callers pass the request's
// action lower-cased once per request, so each test is a plain comparison or one anchored regex.

import { compileGlob, hasWildcard, type GlobMatcher } from '../match/wildcard';

/** Marker for statements that may match actions of any service (wildcard service part, NotAction, "*"). */
export const ANY_SERVICE = '*';

/** Compile a list of action patterns into one predicate over lower-cased action names. */
export function compileActionList(patterns: readonly string[]): (actionLower: string) => boolean {
  const exact = new Set<string>();
  const globs: GlobMatcher[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower === '*') return () => true;
    if (hasWildcard(lower)) globs.push(compileGlob(lower));
    else exact.add(lower);
  }
  if (globs.length === 0) return (action) => exact.has(action);
  return (action) => {
    if (exact.has(action)) return true;
    for (const glob of globs) if (glob(action)) return true;
    return false;
  };
}

/**
 * The lower-cased service prefixes a statement's Action list can match, or [ANY_SERVICE] when it may match any
 * service. Used to index statements so a request only looks at statements of its own service.
 */
export function servicePrefixesOf(actions: readonly string[] | undefined, notActions: readonly string[] | undefined): string[] {
  if (notActions !== undefined) return [ANY_SERVICE];
  if (actions === undefined) return [];
  const prefixes = new Set<string>();
  for (const action of actions) {
    const colon = action.indexOf(':');
    const service = colon < 0 ? action : action.slice(0, colon);
    if (colon < 0 || hasWildcard(service)) return [ANY_SERVICE];
    prefixes.add(service.toLowerCase());
  }
  return [...prefixes];
}

/** The lower-cased service prefix of an action ("s3" for "S3:GetObject"). */
export function serviceOfAction(actionLower: string): string {
  const colon = actionLower.indexOf(':');
  return colon < 0 ? actionLower : actionLower.slice(0, colon);
}
