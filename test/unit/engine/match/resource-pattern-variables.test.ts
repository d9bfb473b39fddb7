// compileResourcePattern with policy variables matches segment by segment without building the substituted pattern.
// These property tests compare it with a straightforward reference: substitute every variable into a token list
// (policy text keeps its `*` / `?` wildcards; values, defaults and ${*} ${?} ${$} are literal), split the tokens at
// the first five colons written in the policy text, and match each segment by recursive backtracking.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (substitution, defaults,
// specials, missing values) and reference_policies_elements_resource.html (segment-wise ARN wildcards).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, compileResourcePattern } from '@/server/engine/match/arn';
import type { ContextEntry, RequestContext } from '@/server/engine/types';
import { parseTemplate } from '@/server/engine/variables';
import { referenceMatch, type GlobToken } from './reference-glob';

const VERSION = '2012-10-17';

/** A context where each present variable has one string value (lower-cased keys, as the engine looks them up). */
function contextOf(entries: Record<string, string | undefined>): RequestContext {
  const map = new Map<string, ContextEntry>();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) map.set(key.toLowerCase(), { key, values: [value], type: 'string' });
  }
  return map;
}

/** Token list of the template for this request, or undefined when a variable has no value and no default. */
function substitutedTokens(template: string, ctx: RequestContext): { tokens: GlobToken[]; textColon: boolean[] } | undefined {
  const tokens: GlobToken[] = [];
  // Which tokens are colons written in policy text (only those delimit ARN segments).
  const textColon: boolean[] = [];
  for (const part of parseTemplate(template)) {
    if (part.kind === 'text') {
      for (const ch of part.text) {
        tokens.push(ch === '*' || ch === '?' ? { wildcard: ch } : { literal: ch });
        textColon.push(ch === ':');
      }
      continue;
    }
    let value: string | undefined;
    if (part.kind === 'variable') {
      const entry = ctx.get(part.key);
      value = entry !== undefined && entry.values.length === 1 && !entry.type.endsWith('List') ? entry.values[0] : part.defaultValue;
    } else {
      value = part.text;
    }
    if (value === undefined) return undefined;
    for (const ch of value) {
      tokens.push({ literal: ch });
      textColon.push(false);
    }
  }
  return { tokens, textColon };
}

/** The reference: substitute, split at the policy text's first five colons, match each segment. */
function referenceResource(template: string, ctx: RequestContext, candidate: string): boolean {
  if (template === '*') return true;
  const substituted = substitutedTokens(template, ctx);
  if (substituted === undefined) return false;
  const { tokens, textColon } = substituted;
  if (!template.startsWith('arn:')) return referenceMatch(tokens, candidate);
  const segments: GlobToken[][] = [[]];
  tokens.forEach((token, i) => {
    if (textColon[i] && segments.length < 6) segments.push([]);
    else segments[segments.length - 1].push(token);
  });
  if (segments.length < 6 || !candidate.startsWith('arn:')) return false;
  const pieces = candidate.split(':');
  if (pieces.length < 6) return false;
  const candidateSegments = [...pieces.slice(0, 5), pieces.slice(5).join(':')];
  return segments.every((segment, i) => referenceMatch(segment, candidateSegments[i]));
}

const VARIABLES = ['${aws:username}', '${aws:userid}', "${aws:username, 'dflt'}", '${aws:PrincipalTag/team}', '${*}', '${?}', '${$}'];

describe('compileResourcePattern with variables agrees with substitute-then-match', () => {
  const textChar = fc.constantFrom('a', 'b', '/', '*', '?', ':', '\\', '-');
  const text = fc.array(textChar, { maxLength: 5 }).map((list) => list.join(''));
  const piece = fc.oneof(text, fc.constantFrom(...VARIABLES));
  const body = fc.array(piece, { minLength: 1, maxLength: 5 }).map((list) => list.join(''));
  const value = fc.option(fc.array(fc.constantFrom('a', 'b', '/', '*', '?', ':', '\\'), { maxLength: 4 }).map((list) => list.join('')), { nil: undefined });
  const template = fc.oneof(
    body.map((b) => `arn:aws:s3:::${b}`),
    fc.tuple(body, body).map(([account, resource]) => `arn:aws:iam::${account}:${resource}`),
    fc.tuple(body, body).map(([region, resource]) => `arn:aws:logs:${region}:111122223333:${resource}`),
    body,
  );
  const candidateChar = fc.constantFrom('a', 'b', '/', '*', '?', ':', '\\', '-', 'd', 'f', 'l', 't');
  const candidateBody = fc.array(candidateChar, { maxLength: 12 }).map((list) => list.join(''));
  const candidate = fc.oneof(
    candidateBody.map((b) => `arn:aws:s3:::${b}`),
    candidateBody.map((b) => `arn:aws:iam::${b}`),
    candidateBody.map((b) => `arn:aws:logs:${b}`),
    candidateBody,
  );

  it('on random templates, values (with wildcards, colons and backslashes) and candidates', () => {
    fc.assert(
      fc.property(template, value, value, value, candidate, (pattern, username, userid, team, arn) => {
        const ctx = contextOf({ 'aws:username': username, 'aws:userid': userid, 'aws:PrincipalTag/team': team });
        expect(compileResourcePattern(pattern, VERSION)(arn, ctx)).toBe(referenceResource(pattern, ctx, arn));
      }),
      { numRuns: 20000 },
    );
  });

  it('on candidates built from the substituted pattern (so that many of them match)', () => {
    fc.assert(
      fc.property(template, value, value, candidateBody, (pattern, username, team, filler) => {
        const ctx = contextOf({ 'aws:username': username, 'aws:PrincipalTag/team': team });
        // Replace variables by their values and wildcards by filler: a candidate that usually matches.
        const arn = pattern
          .replace(/\$\{aws:username(, 'dflt')?\}/g, (_, withDefault: string | undefined) => username ?? (withDefault ? 'dflt' : ''))
          .replace(/\$\{aws:PrincipalTag\/team\}/g, team ?? '')
          .replace(/\$\{([*?$])\}/g, '$1')
          .replace(/[*?]/g, () => filler.slice(0, 2));
        expect(compileResourcePattern(pattern, VERSION)(arn, ctx)).toBe(referenceResource(pattern, ctx, arn));
      }),
      { numRuns: 20000 },
    );
  });

  it('matches the bucket-prefix shape exactly as the segment-wise pattern does', () => {
    const prefixed = compileArnPattern('arn:aws:s3:::data-lake/*');
    expect(prefixed('arn:aws:s3:::data-lake/a:b/c')).toBe(true);
    expect(prefixed('arn:aws:s3:::data-lake/')).toBe(true);
    expect(prefixed('arn:aws:s3:::data-lake')).toBe(false);
    expect(prefixed('arn:aws:s3::x:data-lake/a')).toBe(false);
    expect(compileArnPattern('arn:aws:s3:::a\\*')('arn:aws:s3:::a\\xyz')).toBe(true);
    expect(compileArnPattern('arn:aws:s3:::a\\*')('arn:aws:s3:::a*')).toBe(false);
  });

  it('a variable with a multivalued entry counts as missing, so its default applies', () => {
    const ctx: RequestContext = new Map([['aws:username', { key: 'aws:username', values: ['a', 'b'], type: 'stringList' }]]);
    expect(compileResourcePattern("arn:aws:s3:::b/${aws:username, 'x'}/*", VERSION)('arn:aws:s3:::b/x/1', ctx)).toBe(true);
    expect(compileResourcePattern('arn:aws:s3:::b/${aws:username}/*', VERSION)('arn:aws:s3:::b/a/1', ctx)).toBe(false);
  });
});
