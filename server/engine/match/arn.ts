// ARN matching for the Resource / NotResource elements and the Arn* condition operators.
// Spec: IAM User Guide, reference_policies_elements_resource.html (wildcards in ARNs) and
// reference_policies_elements_condition_operators.html ("ARN condition operators": "Each of the six
// colon-delimited components of the ARN is checked separately and each can include multi-character match
// wildcards (*) or single-character match wildcards (?)"), reference_identifiers.html (ARN format).
//
// arn:partition:service:region:account-id:resource — the resource part may itself contain colons
// (arn:aws:logs:us-east-1:111122223333:log-group:name:*), so only the first five colons delimit.
// The first five segments are matched separately: a `*` there never crosses a colon. In the resource part a `*`
// spans `/` and `:` alike. Matching is case-sensitive. The pattern "*" matches anything, ARN or not; any other
// pattern that does not start with "arn:" is matched as a whole-string glob (AWS rejects such Resource values at
// validation, "Invalid ARN prefix"); an ARN pattern with fewer than six parts matches nothing (AWS: "Missing ARN
// field"). A candidate that is not an ARN never matches an ARN pattern.

import type { RequestContext } from '../types';
import { findChunk, makeChunk, matchChunks, parseGlob, type GlobChunks } from './glob-chunks';
import { compileGlob, escapedGlobLiteralText, escapeGlobText } from './wildcard';
import { compileTemplateParts, parseTemplate, resolveVariable, variablesEnabled, type TemplatePart } from '../variables';

/** The parts of an ARN after the "arn:" prefix. */
export interface ArnParts {
  /** "aws", "aws-cn", "aws-us-gov", ... */
  partition: string;
  /** Service namespace, e.g. "s3". */
  service: string;
  /** Region; empty for global services such as IAM and S3. */
  region: string;
  /** 12-digit account id; empty for S3 buckets. */
  account: string;
  /** Resource part; may contain `/` and `:`. */
  resource: string;
}

/** Split an ARN into its parts; undefined when the string is not an ARN (no "arn:" prefix or fewer than six parts). */
export function parseArn(arn: string): ArnParts | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const c1 = arn.indexOf(':', 4);
  if (c1 === -1) return undefined;
  const c2 = arn.indexOf(':', c1 + 1);
  if (c2 === -1) return undefined;
  const c3 = arn.indexOf(':', c2 + 1);
  if (c3 === -1) return undefined;
  const c4 = arn.indexOf(':', c3 + 1);
  if (c4 === -1) return undefined;
  return {
    partition: arn.slice(4, c1),
    service: arn.slice(c1 + 1, c2),
    region: arn.slice(c2 + 1, c3),
    account: arn.slice(c3 + 1, c4),
    resource: arn.slice(c4 + 1),
  };
}

/** A compiled ARN pattern: call it with a candidate ARN. */
export type ArnMatcher = (arn: string) => boolean;

/** A compiled Resource pattern that may contain policy variables, resolved from the request context. */
export type ResourceMatcher = (arn: string, ctx: RequestContext) => boolean;

const matchNothing = () => false;
const ANY_RUN = 0;

/** Split escaped-glob text at its first five colons (unescaped colons only; a colon is never escaped). */
function splitArnText(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon === -1) return parts.concat(text.slice(start));
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Build the matcher for six escaped-glob segments (segment 0 is always "arn"). */
function compileEscapedArnSegments(segments: string[]): ArnMatcher {
  const literals = segments.map(escapedGlobLiteralText);
  if (literals.every((literal) => literal !== undefined)) {
    const exact = literals.join(':');
    return (arn) => arn === exact;
  }
  const resource = segments[5];
  if (literals.slice(0, 5).every((literal) => literal !== undefined) && resource.endsWith('*') && !resource.endsWith('\\*')) {
    // The common "arn:aws:s3:::bucket/*" shape: fixed first five segments and a resource part that is literal text
    // followed by one trailing `*` (which spans anything, colons included) is exactly a prefix test.
    const resourcePrefix = escapedGlobLiteralText(resource.slice(0, -1));
    if (resourcePrefix !== undefined) {
      const prefix = `${literals.slice(0, 5).join(':')}:${resourcePrefix}`;
      return (arn) => arn.startsWith(prefix);
    }
  }
  // The leading literal segments (at least "arn") are one prefix test, colons included, so the candidate's colons
  // line up with the pattern's. The rest are matched in place between the candidate's next colons, so a `*` in the
  // first five segments never crosses a colon and one in the resource part spans anything.
  let literalSegments = 1;
  while (literalSegments < 5 && literals[literalSegments] !== undefined) literalSegments++;
  const prefix = `${literals.slice(0, literalSegments).join(':')}:`;
  // ANY_RUN marks a segment that is a bare `*` (any colon-free run): finding its end is all there is to do.
  const rest: (GlobChunks | typeof ANY_RUN)[] = segments.slice(literalSegments, 5).map((segment) => (segment === '*' ? ANY_RUN : parseGlob(segment, true)));
  const resourceChunks = parseGlob(resource, true);
  return (arn) => {
    if (!arn.startsWith(prefix)) return false;
    let start = prefix.length;
    for (let i = 0; i < rest.length; i++) {
      const end = arn.indexOf(':', start);
      if (end === -1) return false;
      const chunks = rest[i];
      if (chunks !== ANY_RUN && !matchChunks(chunks, arn, start, end)) return false;
      start = end + 1;
    }
    return matchChunks(resourceChunks, arn, start, arn.length);
  };
}

/**
 * Compile a Resource/NotResource pattern or an ArnLike/ArnEquals value (policy text, no variable substitution):
 * segment-aware, case-sensitive, `*` and `?` wildcards.
 */
export function compileArnPattern(pattern: string): ArnMatcher {
  if (pattern === '*') return () => true;
  if (!pattern.startsWith('arn:')) return compileGlob(pattern);
  const segments = splitArnText(escapeGlobText(pattern));
  if (segments.length < 6) return matchNothing;
  return compileEscapedArnSegments(segments);
}

/** Group template parts into the six ARN segments, splitting text parts at their first five colons overall. */
function splitTemplateIntoSegments(parts: TemplatePart[]): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'text') {
      segments[segments.length - 1].push(part);
      continue;
    }
    let rest = part.text;
    while (segments.length < 6) {
      const colon = rest.indexOf(':');
      if (colon === -1) break;
      if (colon > 0) segments[segments.length - 1].push({ kind: 'text', text: rest.slice(0, colon) });
      segments.push([]);
      rest = rest.slice(colon + 1);
    }
    if (rest !== '') segments[segments.length - 1].push({ kind: 'text', text: rest });
  }
  return segments;
}

/**
 * Compile a Resource/NotResource pattern of a policy with the given Version. Policy variables (2012-10-17 only) are
 * substituted per request; a variable without a value makes the pattern match nothing. Patterns without variables
 * are compiled once and ignore the context.
 */
export function compileResourcePattern(pattern: string, policyVersion?: string): ResourceMatcher {
  if (!variablesEnabled(policyVersion) || !pattern.includes('${')) return compileArnPattern(pattern);
  const parts = parseTemplate(pattern);
  if (parts.every((part) => part.kind === 'text')) return compileArnPattern(pattern);
  const first = parts[0];
  const isArnPattern = first.kind === 'text' && first.text.startsWith('arn:');
  if (!isArnPattern) {
    // Whole-string glob, as compileArnPattern does for non-ARN patterns.
    const whole = compileVariableSegments([parts]);
    return (arn, ctx) => whole.resolve(ctx) && whole.segments[0].matches(arn, 0, arn.length, whole.values);
  }
  const segmentParts = splitTemplateIntoSegments(parts);
  if (segmentParts.length < 6) return matchNothing;
  if (!segmentParts.some((segment) => segment.some((part) => part.kind === 'variable'))) {
    // Only specials such as ${*}: the pattern is fixed, compile it once.
    const fixed = segmentParts.map((segment, i) => compileTemplateParts(`segment ${i}`, segment).constantGlob as string);
    return compileEscapedArnSegments(fixed);
  }
  // Segment 0 is "arn", checked by the prefix test.
  const compiled = compileVariableSegments(segmentParts.slice(1));
  const { segments, values } = compiled;
  return (arn, ctx) => {
    if (!arn.startsWith('arn:') || !compiled.resolve(ctx)) return false;
    // Walk the candidate's first five colons without slicing it; segment i is arn[start, colon). The candidate
    // ranges of the first four contain no colon, so a substituted value containing ":" cannot match there.
    let start = 4;
    for (let i = 0; i < 5; i++) {
      const end = i === 4 ? arn.length : arn.indexOf(':', start);
      if (end === -1 || !segments[i].matches(arn, start, end, values)) return false;
      start = end + 1;
    }
    return true;
  };
}

// Matching a pattern that contains policy variables without building the substituted pattern or a RegExp per
// request: each segment is compiled once into star-separated chunks of fixed-length tokens (literal text, `?`, a
// variable's value); per request the variable values are looked up once into a scratch array and the chunks are
// matched against the candidate in place. Substituted values and specials are literal: only policy text carries
// wildcards, so no escaping is needed.

/** One token of a chunk: literal text, ANY_ONE (a `?`), or the index of a variable in the values array. */
type ChunkToken = string | number;
const ANY_ONE = -1;

/** A segment as star-separated chunks: chunks[0] is anchored at the start, the last one at the end. */
class VariableSegment {
  constructor(private readonly chunks: readonly (readonly ChunkToken[])[]) {}

  /** True when candidate[start, end) matches the segment, with variable values from `values`. */
  matches(candidate: string, start: number, end: number, values: readonly string[]): boolean {
    const chunks = this.chunks;
    const last = chunks.length - 1;
    const afterFirst = matchChunkAt(chunks[0], candidate, start, end, values);
    if (afterFirst === -1) return false;
    if (last === 0) return afterFirst === end;
    // The last chunk has a fixed length, so it can only sit at the end.
    const lastStart = end - chunkLength(chunks[last], values);
    if (lastStart < afterFirst || matchChunkAt(chunks[last], candidate, lastStart, end, values) !== end) return false;
    // Fixed-length chunks between stars: taking each at its leftmost fit never loses a match (glob-chunks.ts).
    let position = afterFirst;
    for (let i = 1; i < last; i++) {
      const chunk = chunks[i];
      const length = chunkLength(chunk, values);
      const found = findTokenChunk(chunk, length, candidate, position, lastStart, values);
      if (found === -1) return false;
      position = found + length;
    }
    return true;
  }
}

/** Below this many character comparisons, scanning the tokens in place beats substituting the chunk. */
const IN_PLACE_SEARCH_BUDGET = 512;

/**
 * The leftmost position in [from, limit - length] where the chunk fits, or -1. Small searches compare the tokens in
 * place (no allocation); larger ones substitute the values into a GlobChunk and use the linear-time search, so an
 * adversarial pattern cannot make this quadratic.
 */
function findTokenChunk(
  chunk: readonly ChunkToken[],
  length: number,
  candidate: string,
  from: number,
  limit: number,
  values: readonly string[],
): number {
  if (limit - length < from) return -1;
  if ((limit - length - from + 1) * length <= IN_PLACE_SEARCH_BUDGET) {
    for (let at = from; at + length <= limit; at++) if (matchChunkAt(chunk, candidate, at, limit, values) !== -1) return at;
    return -1;
  }
  let text = '';
  const anyPositions: number[] = [];
  for (const token of chunk) {
    if (token === ANY_ONE) {
      anyPositions.push(text.length);
      text += '?';
    } else text += typeof token === 'string' ? token : values[token];
  }
  return findChunk(makeChunk(text, anyPositions), candidate, from, limit);
}

/** Length of a chunk once its variables have values. */
function chunkLength(chunk: readonly ChunkToken[], values: readonly string[]): number {
  let length = 0;
  for (let i = 0; i < chunk.length; i++) {
    const token = chunk[i];
    length += typeof token === 'string' ? token.length : token === ANY_ONE ? 1 : values[token].length;
  }
  return length;
}

/** Match a chunk at candidate[position, ...) without passing `end`; the position after it, or -1. */
function matchChunkAt(chunk: readonly ChunkToken[], candidate: string, position: number, end: number, values: readonly string[]): number {
  for (let i = 0; i < chunk.length; i++) {
    const token = chunk[i];
    if (token === ANY_ONE) {
      if (position >= end) return -1;
      position++;
      continue;
    }
    const text = typeof token === 'string' ? token : values[token];
    const length = text.length;
    if (position + length > end) return -1;
    // A character loop rather than startsWith(text, position), which V8 does not inline and which measured several
    // times slower on these short tokens.
    for (let k = 0; k < length; k++) if (candidate.charCodeAt(position + k) !== text.charCodeAt(k)) return -1;
    position += length;
  }
  return position;
}

/** Segments sharing one table of variables, resolved once per request into `values`. */
interface CompiledVariableSegments {
  segments: readonly VariableSegment[];
  /** Scratch space for the current request's variable values (matching never re-enters itself). */
  values: string[];
  /** Look every variable up; false when one has no value and no default (the pattern then matches nothing). */
  resolve(ctx: RequestContext): boolean;
}

function compileVariableSegments(segmentParts: readonly TemplatePart[][]): CompiledVariableSegments {
  const variables: { key: string; defaultValue?: string }[] = [];
  const segments = segmentParts.map((parts) => {
    const chunks: ChunkToken[][] = [[]];
    const append = (token: ChunkToken) => {
      const chunk = chunks[chunks.length - 1];
      const previous = chunk.length - 1;
      // Adjacent literal text merges into one token, so a literal run costs one startsWith.
      if (typeof token === 'string' && previous >= 0 && typeof chunk[previous] === 'string') chunk[previous] += token;
      else chunk.push(token);
    };
    for (const part of parts) {
      if (part.kind === 'variable') {
        variables.push({ key: part.key, defaultValue: part.defaultValue });
        append(variables.length - 1);
      } else if (part.kind === 'literal') {
        append(part.text);
      } else {
        // Policy text: `*` and `?` are wildcards, every other character (backslash included) is literal.
        let literalStart = 0;
        for (let i = 0; i < part.text.length; i++) {
          const ch = part.text[i];
          if (ch !== '*' && ch !== '?') continue;
          if (i > literalStart) append(part.text.slice(literalStart, i));
          if (ch === '*') chunks.push([]);
          else append(ANY_ONE);
          literalStart = i + 1;
        }
        if (literalStart < part.text.length) append(part.text.slice(literalStart));
      }
    }
    return new VariableSegment(chunks);
  });
  const values: string[] = variables.map(() => '');
  return {
    segments,
    values,
    resolve(ctx) {
      for (let i = 0; i < variables.length; i++) {
        const value = resolveVariable(variables[i], ctx);
        if (value === undefined) return false;
        values[i] = value;
      }
      return true;
    },
  };
}
