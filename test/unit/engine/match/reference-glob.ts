// Deliberately simple reference matchers for the property tests: recursive backtracking over characters,
// written for obviousness, not speed. Only ever used on short strings.

/** One pattern token: a wildcard (`*` or `?`) or a literal character. */
export type GlobToken = { wildcard: '*' | '?' } | { literal: string };

/** Tokenize a plain glob: every `*` and `?` is a wildcard. */
export function tokenizePlain(pattern: string): GlobToken[] {
  return [...pattern].map((ch) => (ch === '*' || ch === '?' ? { wildcard: ch } : { literal: ch }));
}

/** Tokenize an escaped glob: a backslash makes the next character literal. */
export function tokenizeEscaped(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\' && i + 1 < chars.length) tokens.push({ literal: chars[++i] });
    else if (ch === '*' || ch === '?') tokens.push({ wildcard: ch });
    else tokens.push({ literal: ch });
  }
  return tokens;
}

/** Recursive backtracking match of tokens against a candidate. */
export function referenceMatch(tokens: readonly GlobToken[], candidate: string): boolean {
  if (tokens.length === 0) return candidate === '';
  const [head, ...rest] = tokens;
  if ('wildcard' in head && head.wildcard === '*') {
    return referenceMatch(rest, candidate) || (candidate !== '' && referenceMatch(tokens, candidate.slice(1)));
  }
  if (candidate === '') return false;
  if ('wildcard' in head) return referenceMatch(rest, candidate.slice(1));
  return head.literal === candidate[0] && referenceMatch(rest, candidate.slice(1));
}

/** Reference glob on plain IAM patterns. */
export function referenceGlob(pattern: string, candidate: string): boolean {
  return referenceMatch(tokenizePlain(pattern), candidate);
}

/** Split at the first five colons: [arn, partition, service, region, account, resource]; undefined if fewer. */
function splitSix(text: string): string[] | undefined {
  const pieces = text.split(':');
  if (pieces.length < 6) return undefined;
  return [...pieces.slice(0, 5), pieces.slice(5).join(':')];
}

/** Reference ARN matcher: "*" matches all; non-ARN patterns glob the whole string; otherwise segment by segment. */
export function referenceArn(pattern: string, candidate: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.startsWith('arn:')) return referenceGlob(pattern, candidate);
  const patternParts = splitSix(pattern);
  const candidateParts = candidate.startsWith('arn:') ? splitSix(candidate) : undefined;
  if (patternParts === undefined || candidateParts === undefined) return false;
  return patternParts.every((part, i) => referenceGlob(part, candidateParts[i]));
}
