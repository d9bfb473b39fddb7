// ForAllValues / ForAnyValue over multivalued keys, and plain operators against them.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// (ForAllValues: true when every request value matches a policy value, and when the key is absent; ForAnyValue:
// true when at least one request value matches, false when the key is absent) and
// reference_policies_condition_examples-multi-valued-context-keys.html (a Null check guards against missing keys
// "or context keys with empty values").
import { describe, expect, it } from 'vitest';
import { compileConditionBlock } from '@/server/engine/condition';
import { contextOf, EMPTY, holds } from './context';

const tags = (...keys: string[]) => contextOf({ 'aws:TagKeys': keys });

describe('ForAllValues', () => {
  it('every request value must match some policy value (request set is a subset)', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], tags('env'))).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], tags('env', 'team'))).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], tags('env', 'cost'))).toBe(false);
    expect(holds('ForAllValues:StringLike', 'aws:TagKeys', ['key1*'], tags('key1-a', 'key1-b'))).toBe(true);
  });
  it('is true over an absent key and over an empty set', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], EMPTY)).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], tags())).toBe(true);
  });
  it('a Null "false" check closes the absent-key gap', () => {
    const guarded = compileConditionBlock([
      { operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env'] },
      { operator: 'Null', key: 'aws:TagKeys', values: ['false'] },
    ], {});
    expect(guarded(EMPTY)).toBe(false);
    expect(guarded(tags())).toBe(false);
    expect(guarded(tags('env'))).toBe(true);
  });
  it('with a negated operator: no request value may match any policy value', () => {
    expect(holds('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], tags('env', 'team'))).toBe(true);
    expect(holds('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], tags('env', 'secret'))).toBe(false);
    expect(holds('ForAllValues:StringNotLike', 'aws:TagKeys', ['aws:*'], EMPTY)).toBe(true);
  });
  it('case rules of the base operator apply per value', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['env'], tags('Env'))).toBe(false);
    expect(holds('ForAllValues:StringEqualsIgnoreCase', 'aws:TagKeys', ['env'], tags('Env', 'ENV'))).toBe(true);
  });
});

describe('ForAnyValue', () => {
  it('at least one request value must match (the sets intersect)', () => {
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], tags('cost', 'team'))).toBe(true);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], tags('cost', 'owner'))).toBe(false);
  });
  it('is false over an absent key and over an empty set, even when negated', () => {
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['env'], EMPTY)).toBe(false);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['env'], tags())).toBe(false);
    expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], EMPTY)).toBe(false);
  });
  it('with a negated operator: some request value matches none of the policy values', () => {
    expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], tags('env', 'team'))).toBe(true);
    expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env', 'team'], tags('env', 'team'))).toBe(false);
  });
  it('IfExists makes an absent key true', () => {
    expect(holds('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['env*'], EMPTY)).toBe(true);
    expect(holds('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['env*'], tags('team'))).toBe(false);
  });
  it('works with ARN operators over aws:PrincipalOrgPaths-style lists', () => {
    const paths = contextOf({ 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] });
    expect(holds('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'], paths)).toBe(true);
  });
  it('set operator names compare case-insensitively', () => {
    expect(holds('foranyvalue:stringequals', 'aws:TagKeys', ['env'], tags('env'))).toBe(true);
  });
});

describe('set operators over single-valued keys: a set of one', () => {
  it('evaluates the single value as a one-element set', () => {
    const region = contextOf({ 'aws:RequestedRegion': 'eu-west-1' });
    expect(holds('ForAnyValue:StringEquals', 'aws:RequestedRegion', ['eu-west-1'], region)).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:RequestedRegion', ['us-east-1'], region)).toBe(false);
  });
});

describe('plain operators against multivalued keys (documented choice: see condition/compile.ts)', () => {
  it('one value in a list-typed key compares like a single value', () => {
    expect(holds('StringEquals', 'aws:CalledVia', 'athena.amazonaws.com', contextOf({ 'aws:CalledVia': ['athena.amazonaws.com'] }))).toBe(true);
  });
  it('several values: the clause is false, negated or not', () => {
    const chain = contextOf({ 'aws:CalledVia': ['athena.amazonaws.com', 'glue.amazonaws.com'] });
    expect(holds('StringEquals', 'aws:CalledVia', 'athena.amazonaws.com', chain)).toBe(false);
    expect(holds('StringNotEquals', 'aws:CalledVia', 'kms.amazonaws.com', chain)).toBe(false);
    expect(holds('ForAnyValue:StringEquals', 'aws:CalledVia', 'athena.amazonaws.com', chain)).toBe(true);
  });
  it('an empty list counts as absent', () => {
    expect(holds('StringNotEquals', 'aws:CalledVia', 'x', contextOf({ 'aws:CalledVia': [] }))).toBe(true);
    expect(holds('StringEquals', 'aws:CalledVia', 'x', contextOf({ 'aws:CalledVia': [] }))).toBe(false);
  });
});

describe('set operators with non-string families', () => {
  it('ForAnyValue:IpAddress and ForAllValues:NumericLessThan compare each request value', () => {
    const ips = contextOf({ 'custom:ips': ['198.51.100.1', '10.0.0.5'] }, { 'custom:ips': 'ipList' });
    expect(holds('ForAnyValue:IpAddress', 'custom:ips', '10.0.0.0/8', ips)).toBe(true);
    expect(holds('ForAllValues:IpAddress', 'custom:ips', '10.0.0.0/8', ips)).toBe(false);
    expect(holds('ForAllValues:NotIpAddress', 'custom:ips', '172.16.0.0/12', ips)).toBe(true);
    const sizes = contextOf({ 'custom:sizes': ['1', '7', '3'] }, { 'custom:sizes': 'numericList' });
    expect(holds('ForAllValues:NumericLessThan', 'custom:sizes', '8', sizes)).toBe(true);
    expect(holds('ForAllValues:NumericLessThan', 'custom:sizes', '7', sizes)).toBe(false);
    expect(holds('ForAnyValue:NumericGreaterThanEquals', 'custom:sizes', '7', sizes)).toBe(true);
  });
  it('ForAnyValue:ArnLike over a list of ARNs', () => {
    const arns = contextOf({ 'custom:arns': ['arn:aws:s3:::a', 'arn:aws:s3:::b/x'] });
    expect(holds('ForAnyValue:ArnLike', 'custom:arns', 'arn:aws:s3:::b/*', arns)).toBe(true);
    expect(holds('ForAllValues:ArnLike', 'custom:arns', 'arn:aws:s3:::b/*', arns)).toBe(false);
  });
});
