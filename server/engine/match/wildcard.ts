// IAM-style glob matching: `*` matches any run of characters (including none), `?` exactly one.
// Compiled once into a RegExp because the same pattern is tested against many requests.

/** A compiled glob: call it with a candidate string. */
export type GlobMatcher = (candidate: string) => boolean;

const REGEX_SPECIALS = /[.+^${}()|[\]\\]/g;

/** Translate an IAM glob into an anchored regular-expression source (no flags). */
export function globToRegExpSource(pattern: string): string {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(REGEX_SPECIALS, '\\$&');
  }
  return `^${source}$`;
}

/** True when the pattern contains a glob character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Compile an IAM glob. Patterns without wildcards compare directly, which is both faster and exact.
 * `caseInsensitive` is for action names and StringLike-style operators that IAM compares ignoring case.
 */
export function compileGlob(pattern: string, caseInsensitive = false): GlobMatcher {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) {
    if (!caseInsensitive) return (candidate) => candidate === pattern;
    const lowered = pattern.toLowerCase();
    return (candidate) => candidate.length === lowered.length && candidate.toLowerCase() === lowered;
  }
  const regex = new RegExp(globToRegExpSource(pattern), caseInsensitive ? 'i' : '');
  return (candidate) => regex.test(candidate);
}
