// Policy variables in conditions and in substitution.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (variables exist from
// Version 2012-10-17; key names are case-insensitive; "not present" values fail to match; defaults
// `${key, 'default'}`; the special characters ${*} ${?} ${$}; in Condition values only with string and ARN
// operators) and reference_policies_condition-single-vs-multi-valued-context-keys.html (multivalued keys cannot be
// used as policy variables).
import { describe, expect, it } from 'vitest';
import { compileTemplate, hasPolicyVariables, parseTemplate, substituteVariables } from '@/server/engine/condition';
import { contextOf, EMPTY, holds } from './context';

const user = contextOf({
  'aws:username': 'alice',
  'aws:PrincipalTag/team': 'data',
  'aws:userid': 'AROAEXAMPLE:alice@example.com',
});

describe('substituteVariables', () => {
  it('replaces keys case-insensitively', () => {
    expect(substituteVariables('home/${aws:username}/', user)).toBe('home/alice/');
    expect(substituteVariables('home/${AWS:UserName}/', user)).toBe('home/alice/');
    expect(substituteVariables('${aws:PrincipalTag/team}-${aws:username}', user)).toBe('data-alice');
  });
  it('returns undefined when a variable has no value and no default', () => {
    expect(substituteVariables('home/${aws:username}/', EMPTY)).toBeUndefined();
  });
  it('uses the default when the key is absent, and only then', () => {
    expect(substituteVariables("${aws:PrincipalTag/project, 'shared'}", user)).toBe('shared');
    expect(substituteVariables("${aws:PrincipalTag/team, 'shared'}", user)).toBe('data');
    expect(substituteVariables("${aws:PrincipalTag/project,'a b, c'}", user)).toBe('a b, c');
    expect(substituteVariables("${aws:PrincipalTag/project, ''}", user)).toBe('');
  });
  it('turns the specials into literal characters', () => {
    expect(substituteVariables('${*}${?}${$}', EMPTY)).toBe('*?$');
    expect(substituteVariables('cost${$}${aws:username}', user)).toBe('cost$alice');
  });
  it('multivalued keys have no value as variables; the default applies', () => {
    const lists = contextOf({ 'aws:TagKeys': ['a'], 'aws:CalledVia': ['x', 'y'] });
    expect(substituteVariables('${aws:TagKeys}', lists)).toBeUndefined();
    expect(substituteVariables("${aws:CalledVia, 'none'}", lists)).toBe('none');
  });
  it('keeps malformed syntax as text', () => {
    expect(substituteVariables('${aws:username', user)).toBe('${aws:username');
    expect(substituteVariables('a${}b', user)).toBe('a${}b');
    expect(substituteVariables("${aws:username, default}", user)).toBe('${aws:username, default}');
    expect(substituteVariables('$aws:username', user)).toBe('$aws:username');
  });
  it('substitutes once: a value that looks like a variable stays text', () => {
    const tricky = contextOf({ 'aws:username': '${aws:userid}' });
    expect(substituteVariables('${aws:username}', tricky)).toBe('${aws:userid}');
  });
});

describe('hasPolicyVariables and templates', () => {
  it('detects variables and specials, not plain dollars', () => {
    expect(hasPolicyVariables('arn:aws:s3:::b/${aws:username}/*')).toBe(true);
    expect(hasPolicyVariables('price${$}')).toBe(true);
    expect(hasPolicyVariables('arn:aws:s3:::b/*')).toBe(false);
    expect(hasPolicyVariables('cost $5 {x}')).toBe(false);
    expect(hasPolicyVariables('${unterminated')).toBe(false);
  });
  it('parses into text, literal and variable parts', () => {
    expect(parseTemplate("a${*}${aws:x, 'd'}b")).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'literal', text: '*' },
      { kind: 'variable', name: 'aws:x', key: 'aws:x', defaultValue: 'd' },
      { kind: 'text', text: 'b' },
    ]);
  });
  it('templates without keys are constant; glob form escapes substituted values and specials', () => {
    const constant = compileTemplate('a${*}*');
    expect(constant.dynamic).toBe(false);
    expect(constant.constantText).toBe('a**');
    expect(constant.constantGlob).toBe('a\\**');
    const dynamic = compileTemplate('home/${aws:username}/*');
    expect(dynamic.toGlob(contextOf({ 'aws:username': 'a*b' }))).toBe('home/a\\*b/*');
  });
});

describe('variables in condition values', () => {
  it('StringEquals / StringLike substitute per request', () => {
    const ctx = contextOf({ 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' });
    expect(holds('StringLike', 's3:prefix', 'home/${aws:username}/*', ctx)).toBe(true);
    expect(holds('StringLike', 's3:prefix', 'home/${aws:username}/*', contextOf({ 'aws:username': 'bob', 's3:prefix': 'home/alice/docs' }))).toBe(false);
    expect(holds('StringEquals', 'aws:PrincipalTag/owner', '${aws:username}', contextOf({ 'aws:username': 'alice', 'aws:PrincipalTag/owner': 'alice' }))).toBe(true);
    expect(holds('StringEqualsIgnoreCase', 'k', '${aws:username}', contextOf({ 'aws:username': 'Alice', k: 'ALICE' }))).toBe(true);
  });
  it('a substituted value is literal in StringLike, and so is ${*}', () => {
    const star = contextOf({ 'aws:username': '*', k: 'anything' });
    expect(holds('StringLike', 'k', '${aws:username}', star)).toBe(false);
    expect(holds('StringLike', 'k', 'a${*}', contextOf({ k: 'a*' }))).toBe(true);
    expect(holds('StringLike', 'k', 'a${*}', contextOf({ k: 'ab' }))).toBe(false);
    expect(holds('StringLike', 'k', 'a${?}*', contextOf({ k: 'a?xyz' }))).toBe(true);
    expect(holds('StringLike', 'k', 'a${?}*', contextOf({ k: 'abxyz' }))).toBe(false);
  });
  it('a variable without a value matches nothing: positive false, negated true', () => {
    const ctx = contextOf({ k: 'alice' });
    expect(holds('StringEquals', 'k', '${aws:username}', ctx)).toBe(false);
    expect(holds('StringNotEquals', 'k', '${aws:username}', ctx)).toBe(true);
    expect(holds('StringEquals', 'k', ["${aws:username, 'alice'}"], ctx)).toBe(true);
  });
  it('Version 2008-10-17 or no Version: ${...} is literal text', () => {
    const ctx = contextOf({ 'aws:username': 'alice', k: '${aws:username}' });
    expect(holds('StringEquals', 'k', '${aws:username}', ctx, '2008-10-17')).toBe(true);
    expect(holds('StringEquals', 'k', '${aws:username}', ctx, '')).toBe(true);
    expect(holds('StringEquals', 'k', '${aws:username}', ctx, '2012-10-17')).toBe(false);
    expect(holds('StringLike', 'k', '${*}', contextOf({ k: 'x' }), '2008-10-17')).toBe(false);
  });
  it('Bool substitutes variables; numeric, date and IP operators do not', () => {
    const ctx = contextOf({ flag: 'true', expected: 'TRUE', n: '5', limit: '5', ip: '10.0.0.1', cidr: '10.0.0.0/8' });
    expect(holds('Bool', 'flag', '${expected}', ctx)).toBe(true);
    expect(holds('NumericEquals', 'n', '${limit}', ctx)).toBe(false);
    expect(holds('IpAddress', 'ip', '${cidr}', ctx)).toBe(false);
  });
  it('set operators substitute too', () => {
    const ctx = contextOf({ 'aws:username': 'alice', 'aws:TagKeys': ['alice-owned', 'alice-cost'] });
    expect(holds('ForAllValues:StringLike', 'aws:TagKeys', '${aws:username}-*', ctx)).toBe(true);
  });
});
