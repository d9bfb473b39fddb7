// IAM-style glob matching: `*` matches any run of characters (including none), `?` exactly one.
// Compiled once into a RegExp because the same pattern is tested against many requests.
//
// Two pattern notations live here:
// - plain globs, exactly as policy text writes them (`compileGlob`): every `*` and `?` is a wildcard;
// - escaped globs (`compileEscapedGlob`, `matchEscapedGlob`): a backslash makes the next character literal. Policy
//   variables need this: `${*}` and `${?}` stand for a literal `*` / `?`, and a substituted value such as a user name
//   is matched literally, so the substitution result must say which characters are wildcards and which are not.

/** A compiled glob: call it with a candidate string. */
export type GlobMatcher = (candidate: string) => boolean;

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
const STAR = 42; // '*'
const QUESTION = 63; // '?'
const BACKSLASH = 92; // '\'

/** Any single UTF-16 code unit, newline included. */
const ANY_CHAR = '[\\s\\S]';

/** Escape one character for use inside a regular-expression source. */
function escapeRegExpChar(ch: string): string {
  return ch.replace(REGEX_SPECIALS, '\\$&');
}

/** Translate an IAM glob into an anchored regular-expression source (no flags). */
export function globToRegExpSource(pattern: string): string {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += escapeRegExpChar(ch);
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

const NEEDS_LITERAL_ESCAPE = /[\\*?]/g;

/** Escape text so that an escaped glob matches it literally (backslash, `*` and `?` get a backslash). */
export function escapeGlobLiteral(text: string): string {
  // A character scan first: substituted values almost never contain these, and the scan allocates nothing.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === STAR || code === QUESTION || code === BACKSLASH) return text.replace(NEEDS_LITERAL_ESCAPE, '\\$&');
  }
  return text;
}

/** Turn policy text whose `*` and `?` are wildcards into escaped-glob notation (only backslashes need escaping). */
export function escapeGlobText(text: string): string {
  return text.includes('\\') ? text.replace(/\\/g, '\\\\') : text;
}

/**
 * Translate an escaped glob into a regular-expression source fragment (not anchored).
 * `anyChar` is the class one wildcard position may match: ARN segments pass `[^:]` so `*` stays inside its segment.
 */
export function escapedGlobToRegExpSource(pattern: string, anyChar: string = ANY_CHAR): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') source += `${anyChar}*`;
    else if (ch === '?') source += anyChar;
    else if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExpChar(pattern[++i]);
    else source += escapeRegExpChar(ch);
  }
  return source;
}

/** Decode an escaped glob that has no wildcard into the literal text it matches, or undefined when it has one. */
export function escapedGlobLiteralText(pattern: string): string | undefined {
  let text = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' || ch === '?') return undefined;
    if (ch === '\\' && i + 1 < pattern.length) text += pattern[++i];
    else text += ch;
  }
  return text;
}

/** Compile an escaped glob (see the file comment), case-sensitive, with literal fast paths. */
export function compileEscapedGlob(pattern: string): GlobMatcher {
  if (pattern === '*') return () => true;
  const literal = escapedGlobLiteralText(pattern);
  if (literal !== undefined) return (candidate) => candidate === literal;
  const regex = new RegExp(`^${escapedGlobToRegExpSource(pattern)}$`);
  return (candidate) => regex.test(candidate);
}

/**
 * Match an escaped glob without building a RegExp: used per request for patterns that contain policy variables,
 * where the pattern only exists after substitution. Classic two-pointer glob matching that backtracks to the last
 * `*` only, so it runs in O(pattern × candidate) at worst and allocates nothing.
 */
export function matchEscapedGlob(pattern: string, candidate: string): boolean {
  return matchEscapedGlobRange(pattern, candidate, 0, candidate.length);
}

/** `matchEscapedGlob` against candidate[start, end), so callers can match a slice without allocating it. */
export function matchEscapedGlobRange(pattern: string, candidate: string, start: number, end: number): boolean {
  const patternLength = pattern.length;
  let p = 0;
  let c = start;
  let starAt = -1;
  let starCandidate = start;
  while (c < end) {
    if (p < patternLength) {
      const code = pattern.charCodeAt(p);
      if (code === STAR) {
        starAt = p++;
        starCandidate = c;
        continue;
      }
      if (code === QUESTION) {
        p++;
        c++;
        continue;
      }
      let literal = code;
      let width = 1;
      if (code === BACKSLASH && p + 1 < patternLength) {
        literal = pattern.charCodeAt(p + 1);
        width = 2;
      }
      if (literal === candidate.charCodeAt(c)) {
        p += width;
        c++;
        continue;
      }
    }
    if (starAt === -1) return false;
    // Let the last `*` swallow one more character and retry from just after it.
    p = starAt + 1;
    c = ++starCandidate;
  }
  while (p < patternLength && pattern.charCodeAt(p) === STAR) p++;
  return p === patternLength;
}
