// ARN matching for Resource / NotResource and the Arn* operators.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html (wildcards in
// resource ARNs, policy variables in the resource part), reference_policies_elements_condition_operators.html
// ("each of the six colon-delimited components of the ARN is checked separately"), reference-arns.html (format;
// the resource part may contain colons) and reference_policies_variables.html (variables in Resource).
// Property tests compare compileArnPattern with the split-based reference in reference-glob.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, compileResourcePattern, parseArn } from '@/server/engine/match/arn';
import type { ContextEntry, RequestContext } from '@/server/engine/types';
import { referenceArn } from './reference-glob';

const contextOf = (entries: Record<string, string>): RequestContext =>
  new Map<string, ContextEntry>(
    Object.entries(entries).map(([key, value]) => [key.toLowerCase(), { key, values: [value], type: 'string' }]),
  );

describe('parseArn', () => {
  it('splits at the first five colons only', () => {
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:app:*')).toEqual({
      partition: 'aws', service: 'logs', region: 'us-east-1', account: '111122223333', resource: 'log-group:app:*',
    });
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/key' });
  });
  it('rejects non-ARNs', () => {
    expect(parseArn('*')).toBeUndefined();
    expect(parseArn('arn:aws:s3::bucket')).toBeUndefined();
    expect(parseArn('ARN:aws:s3:::bucket')).toBeUndefined();
  });
});

describe('compileArnPattern', () => {
  it('an S3 bucket pattern and its object pattern', () => {
    expect(compileArnPattern('arn:aws:s3:::doc-bucket')('arn:aws:s3:::doc-bucket')).toBe(true);
    expect(compileArnPattern('arn:aws:s3:::doc-bucket')('arn:aws:s3:::doc-bucket/a')).toBe(false);
    expect(compileArnPattern('arn:aws:s3:::doc-bucket/*')('arn:aws:s3:::doc-bucket/a/b/c.txt')).toBe(true);
    expect(compileArnPattern('arn:aws:s3:::doc-bucket/*')('arn:aws:s3:::doc-bucket')).toBe(false);
  });
  it('* in the resource part spans / and :', () => {
    expect(compileArnPattern('arn:aws:logs:*:*:log-group:*')('arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:x')).toBe(true);
  });
  it('* in the first five segments stays inside its segment', () => {
    expect(compileArnPattern('arn:aws:iam::*:role/admin')('arn:aws:iam::111122223333:role/admin')).toBe(true);
    expect(compileArnPattern('arn:aws:*:role/admin')('arn:aws:iam::111122223333:role/admin')).toBe(false);
    expect(compileArnPattern('arn:*:*:*:*:*')('arn:aws:iam::111122223333:role/admin')).toBe(true);
    // The account `*` must not swallow "1:2": the resource part is then "2:role/x".
    expect(compileArnPattern('arn:aws:iam::*:role/x')('arn:aws:iam::1:2:role/x')).toBe(false);
    expect(compileArnPattern('arn:aws:iam::?:role/x')('arn:aws:iam:::role/x')).toBe(false);
  });
  it('is case-sensitive', () => {
    expect(compileArnPattern('arn:aws:iam::111122223333:role/Admin')('arn:aws:iam::111122223333:role/admin')).toBe(false);
  });
  it('"*" matches anything; a non-ARN candidate never matches an ARN pattern', () => {
    expect(compileArnPattern('*')('*')).toBe(true);
    expect(compileArnPattern('*')('arn:aws:s3:::b')).toBe(true);
    expect(compileArnPattern('arn:aws:s3:::*')('*')).toBe(false);
    expect(compileArnPattern('arn:*')('arn:aws:s3:::b')).toBe(false); // fewer than six parts: AWS "Missing ARN field"
  });
  it('agrees with the reference matcher', () => {
    const chars = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const body = fc.array(chars, { maxLength: 12 }).map((list) => list.join(''));
    const candidateBody = fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 12 }).map((list) => list.join(''));
    const colons = fc.array(fc.constantFrom('a', ':', '*', '?', ':*', '*:'), { minLength: 4, maxLength: 8 }).map((list) => list.join(''));
    const patterns = fc.oneof(
      body.map((b) => `arn:${b}`),
      fc.tuple(colons, body).map(([c, b]) => `arn:${c}:${b}`),
      body,
    );
    const segment = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 2 }).map((list) => list.join(''));
    const colonRich = fc.tuple(fc.array(segment, { minLength: 4, maxLength: 7 }), candidateBody)
      .map(([segments, rest]) => `arn:${segments.join(':')}:${rest}`);
    const candidates = fc.oneof(candidateBody.map((b) => `arn:${b}`), colonRich, candidateBody);
    fc.assert(
      fc.property(patterns, candidates, (p, c) => {
        expect(compileArnPattern(p)(c)).toBe(referenceArn(p, c));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('compileResourcePattern (policy variables)', () => {
  const alice = contextOf({ 'aws:username': 'alice', 'aws:PrincipalAccount': '111122223333', 'aws:userid': 'AROA1:alice' });
  it('substitutes variables in any segment, per request', () => {
    const home = compileResourcePattern('arn:aws:s3:::bucket/home/${aws:username}/*', '2012-10-17');
    expect(home('arn:aws:s3:::bucket/home/alice/file', alice)).toBe(true);
    expect(home('arn:aws:s3:::bucket/home/bob/file', alice)).toBe(false);
    const ownAccount = compileResourcePattern('arn:aws:iam::${aws:PrincipalAccount}:role/*', '2012-10-17');
    expect(ownAccount('arn:aws:iam::111122223333:role/x', alice)).toBe(true);
    expect(ownAccount('arn:aws:iam::999999999999:role/x', alice)).toBe(false);
  });
  it('a value containing a colon fits the resource part but no earlier segment', () => {
    expect(compileResourcePattern('arn:aws:s3:::b/${aws:userid}/*', '2012-10-17')('arn:aws:s3:::b/AROA1:alice/x', alice)).toBe(true);
    expect(compileResourcePattern('arn:aws:iam::${aws:userid}:role/x', '2012-10-17')('arn:aws:iam::AROA1:alice:role/x', alice)).toBe(false);
  });
  it('a variable without a value matches nothing; a default fills in', () => {
    const empty: RequestContext = new Map();
    expect(compileResourcePattern('arn:aws:s3:::b/${aws:username}/*', '2012-10-17')('arn:aws:s3:::b/x/y', empty)).toBe(false);
    expect(compileResourcePattern("arn:aws:s3:::b/${aws:username, 'shared'}/*", '2012-10-17')('arn:aws:s3:::b/shared/y', empty)).toBe(true);
  });
  it('substituted values and ${*} are literal, not wildcards', () => {
    const starUser = contextOf({ 'aws:username': '*' });
    const pattern = compileResourcePattern('arn:aws:s3:::b/${aws:username}', '2012-10-17');
    expect(pattern('arn:aws:s3:::b/anything', starUser)).toBe(false);
    expect(pattern('arn:aws:s3:::b/*', starUser)).toBe(true);
    const literalStar = compileResourcePattern('arn:aws:s3:::b/${*}', '2012-10-17');
    expect(literalStar('arn:aws:s3:::b/*', starUser)).toBe(true);
    expect(literalStar('arn:aws:s3:::b/x', starUser)).toBe(false);
  });
  it('without Version 2012-10-17, ${...} is literal text', () => {
    const pattern = compileResourcePattern('arn:aws:s3:::b/${aws:username}', '2008-10-17');
    expect(pattern('arn:aws:s3:::b/alice', alice)).toBe(false);
    expect(pattern('arn:aws:s3:::b/${aws:username}', alice)).toBe(true);
    expect(compileResourcePattern('arn:aws:s3:::b/${aws:username}')('arn:aws:s3:::b/alice', alice)).toBe(false);
  });
  it('agrees with compileArnPattern on the substituted pattern (values without wildcards)', () => {
    const value = fc.array(fc.constantFrom('a', 'b', '/', '-'), { maxLength: 5 }).map((list) => list.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '/', '*', '?'), { maxLength: 6 }).map((list) => list.join(''));
    const candidate = fc.array(fc.constantFrom('a', 'b', '/', '-'), { maxLength: 12 }).map((list) => list.join(''));
    fc.assert(
      fc.property(text, text, value, candidate, fc.boolean(), (before, after, name, body, inAccount) => {
        const ctx = contextOf({ 'aws:username': name });
        const template = inAccount
          ? `arn:aws:iam::${before}\${aws:username}${after}:${after}`
          : `arn:aws:s3:::${before}\${aws:username}${after}`;
        const substituted = template.replace('${aws:username}', name);
        const arn = inAccount ? `arn:aws:iam::${body}:${body}` : `arn:aws:s3:::${body}`;
        expect(compileResourcePattern(template, '2012-10-17')(arn, ctx)).toBe(compileArnPattern(substituted)(arn));
      }),
      { numRuns: 3000 },
    );
  });
});
