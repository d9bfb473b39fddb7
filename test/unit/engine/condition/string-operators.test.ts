// String condition operators.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("String condition operators"; the "Important" note on keys absent from the request context) and
// reference_policies_condition-logic-multiple-context-keys-or-values.html (values OR; negated operators NOR).
import { describe, expect, it } from 'vitest';
import { contextOf, EMPTY, holds } from './context';

const team = contextOf({ 'aws:PrincipalTag/team': 'Platform' });

describe('StringEquals / StringNotEquals (case-sensitive exact match)', () => {
  it('matches the exact value, case-sensitively', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/team', 'Platform', team)).toBe(true);
    expect(holds('StringEquals', 'aws:PrincipalTag/team', 'platform', team)).toBe(false);
  });
  it('ORs multiple policy values', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/team', ['Data', 'Platform'], team)).toBe(true);
    expect(holds('StringEquals', 'aws:PrincipalTag/team', ['Data', 'Security'], team)).toBe(false);
  });
  it('treats * and ? literally', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/team', 'Plat*', team)).toBe(false);
    expect(holds('StringEquals', 'k', 'a*', contextOf({ k: 'a*' }))).toBe(true);
  });
  it('negated: true only when the value matches none of the policy values (NOR)', () => {
    expect(holds('StringNotEquals', 'aws:PrincipalTag/team', ['Data', 'Security'], team)).toBe(true);
    expect(holds('StringNotEquals', 'aws:PrincipalTag/team', ['Data', 'Platform'], team)).toBe(false);
    expect(holds('StringNotEquals', 'aws:PrincipalTag/team', 'platform', team)).toBe(true);
  });
  it('absent key: positive false, negated true', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/team', 'Platform', EMPTY)).toBe(false);
    expect(holds('StringNotEquals', 'aws:PrincipalTag/team', 'Platform', EMPTY)).toBe(true);
  });
  it('matches key names case-insensitively', () => {
    expect(holds('StringEquals', 'AWS:PRINCIPALTAG/TEAM', 'Platform', team)).toBe(true);
  });
  it('an empty policy value list matches nothing', () => {
    expect(holds('StringEquals', 'aws:PrincipalTag/team', [], team)).toBe(false);
    expect(holds('StringNotEquals', 'aws:PrincipalTag/team', [], team)).toBe(true);
  });
});

describe('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase', () => {
  it('ignores case on both sides', () => {
    expect(holds('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'PLATFORM', team)).toBe(true);
    expect(holds('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'platforms', team)).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'pLaTfOrM', team)).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'data', team)).toBe(true);
  });
  it('absent key: positive false, negated true', () => {
    expect(holds('StringEqualsIgnoreCase', 'k', 'x', EMPTY)).toBe(false);
    expect(holds('StringNotEqualsIgnoreCase', 'k', 'x', EMPTY)).toBe(true);
  });
});

describe('StringLike / StringNotLike (case-sensitive glob with * and ?)', () => {
  const prefix = contextOf({ 's3:prefix': 'home/alice/notes.txt' });
  it('* matches any run including / and empty; ? exactly one character', () => {
    expect(holds('StringLike', 's3:prefix', 'home/*', prefix)).toBe(true);
    expect(holds('StringLike', 's3:prefix', 'home/alice/notes.txt*', prefix)).toBe(true);
    expect(holds('StringLike', 's3:prefix', 'home/alic?/*', prefix)).toBe(true);
    expect(holds('StringLike', 's3:prefix', 'home/alic??/*', prefix)).toBe(false);
    expect(holds('StringLike', 's3:prefix', 'HOME/*', prefix)).toBe(false);
  });
  it('needs a wildcard for partial matches', () => {
    expect(holds('StringLike', 's3:prefix', 'home/', prefix)).toBe(false);
  });
  it('negated', () => {
    expect(holds('StringNotLike', 's3:prefix', ['public/*', 'tmp/*'], prefix)).toBe(true);
    expect(holds('StringNotLike', 's3:prefix', ['public/*', 'home/*'], prefix)).toBe(false);
    expect(holds('StringNotLike', 's3:prefix', 'x*', EMPTY)).toBe(true);
    expect(holds('StringLike', 's3:prefix', '*', EMPTY)).toBe(false);
  });
  it('regex metacharacters in the pattern are literal', () => {
    expect(holds('StringLike', 'k', 'a.b(c)*', contextOf({ k: 'a.b(c)d' }))).toBe(true);
    expect(holds('StringLike', 'k', 'a.b*', contextOf({ k: 'axb' }))).toBe(false);
  });
});

describe('IfExists (operators page, "...IfExists condition operators")', () => {
  it('is true when the key is absent, otherwise compares', () => {
    expect(holds('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro', EMPTY)).toBe(true);
    const ctx = contextOf({ 'ec2:InstanceType': 'm5.large' });
    expect(holds('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro', ctx)).toBe(false);
    expect(holds('StringLikeIfExists', 'ec2:InstanceType', 'm5.*', ctx)).toBe(true);
    expect(holds('StringNotEqualsIfExists', 'ec2:InstanceType', 'm5.large', ctx)).toBe(false);
    expect(holds('StringNotEqualsIfExists', 'ec2:InstanceType', 'm5.large', EMPTY)).toBe(true);
  });
  it('operator names compare case-insensitively', () => {
    expect(holds('stringequalsifexists', 'k', 'v', EMPTY)).toBe(true);
  });
});

describe('unknown operators', () => {
  it('compile to false and never throw', () => {
    expect(holds('StringEqualz', 'k', 'v', contextOf({ k: 'v' }))).toBe(false);
    expect(holds('ForSomeValues:StringEquals', 'k', 'v', contextOf({ k: 'v' }))).toBe(false);
    expect(holds('', 'k', 'v', contextOf({ k: 'v' }))).toBe(false);
  });
});
