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
import {
  compileGlob,
  escapedGlobLiteralText,
  escapedGlobToRegExpSource,
  escapeGlobText,
  matchEscapedGlob,
  matchEscapedGlobRange,
} from './wildcard';
import {
  compileTemplateParts,
  parseTemplate,
  variablesEnabled,
  type TemplatePart,
} from '../variables';

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

const SEGMENT_CHAR = '[^:]';
const matchNothing = () => false;

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
  let source = '^';
  for (let i = 0; i < 5; i++) source += `${escapedGlobToRegExpSource(segments[i], SEGMENT_CHAR)}:`;
  source += `${escapedGlobToRegExpSource(segments[5])}$`;
  const regex = new RegExp(source);
  return (arn) => regex.test(arn);
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
  if (!variablesEnabled(policyVersion) || !pattern.includes('${')) {
    const matcher = compileArnPattern(pattern);
    return (arn) => matcher(arn);
  }
  const parts = parseTemplate(pattern);
  if (parts.every((part) => part.kind === 'text')) {
    const matcher = compileArnPattern(pattern);
    return (arn) => matcher(arn);
  }
  const first = parts[0];
  const isArnPattern = first.kind === 'text' && first.text.startsWith('arn:');
  if (!isArnPattern) {
    // Whole-string glob, as compileArnPattern does for non-ARN patterns.
    const toGlob = compileTemplateParts(pattern, parts).toGlob;
    return (arn, ctx) => {
      const glob = toGlob(ctx);
      return glob !== undefined && matchEscapedGlob(glob, arn);
    };
  }
  const segments = splitTemplateIntoSegments(parts);
  if (segments.length < 6) return matchNothing;
  const compiled = segments.map((segment, i) => compileTemplateParts(`segment ${i}`, segment));
  if (!compiled.some((segment) => segment.dynamic)) {
    // Only specials such as ${*}: the pattern is fixed, compile it once.
    const matcher = compileEscapedArnSegments(compiled.map((segment) => segment.constantGlob as string));
    return (arn) => matcher(arn);
  }
  const substitute = compiled.slice(1).map((segment) => segment.toGlob);
  return (arn, ctx) => {
    if (!arn.startsWith('arn:')) return false;
    // Walk the candidate's first five colons without slicing it; segment i is arn[start, colon).
    let start = 4;
    for (let i = 0; i < 5; i++) {
      const end = i === 4 ? arn.length : arn.indexOf(':', start);
      if (end === -1) return false;
      const glob = substitute[i](ctx);
      // A substituted value containing ":" cannot match inside one of the first five segments.
      if (glob === undefined || !matchEscapedGlobRange(glob, arn, start, end)) return false;
      start = end + 1;
    }
    return true;
  };
}
