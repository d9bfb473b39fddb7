// IAM-style glob matching: `*` matches any run of characters (including none), `?` exactly one.
// Compiled once into star-separated chunks (glob-chunks.ts) because the same pattern is tested against many
// requests; matching runs in linear time whatever the pattern (policy text is user input, and a backtracking RegExp
// built from it could take seconds per match).
//
// Two pattern notations live here:
// - plain globs, exactly as policy text writes them (`compileGlob`): every `*` and `?` is a wildcard;
// - escaped globs (`compileEscapedGlob`, `matchEscapedGlob`): a backslash makes the next character literal. Policy
//   variables need this: `${*}` and `${?}` stand for a literal `*` / `?`, and a substituted value such as a user name
//   is matched literally, so the substitution result must say which characters are wildcards and which are not.

import { matchChunks, parseGlob } from './glob-chunks';

/** A compiled glob: call it with a candidate string. */
export type GlobMatcher = (candidate: string) => boolean;

const STAR = 42; // '*'
const QUESTION = 63; // '?'
const BACKSLASH = 92; // '\'

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
  if (!caseInsensitive) {
    const chunks = parseGlob(pattern, false);
    return (candidate) => matchChunks(chunks, candidate, 0, candidate.length);
  }
  // Action names are ASCII; lower-casing both sides is what IAM's case-insensitive comparison means for them.
  const chunks = parseGlob(pattern.toLowerCase(), false);
  return (candidate) => {
    const lowered = candidate.toLowerCase();
    return matchChunks(chunks, lowered, 0, lowered.length);
  };
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
  const chunks = parseGlob(pattern, true);
  return (candidate) => matchChunks(chunks, candidate, 0, candidate.length);
}

/**
 * Match an escaped glob once: used per request for patterns that contain policy variables, where the pattern only
 * exists after substitution. Parsing is one pass over the pattern, and matching is linear.
 */
export function matchEscapedGlob(pattern: string, candidate: string): boolean {
  return matchChunks(parseGlob(pattern, true), candidate, 0, candidate.length);
}
