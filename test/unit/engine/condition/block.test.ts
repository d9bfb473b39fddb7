// Condition blocks: clauses AND together; the per-clause form for the trace; robustness on arbitrary input.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
// (multiple condition operators and multiple keys AND; values of one key OR).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS, compileConditionBlock, compileConditionClauses } from '@/server/engine/condition';
import type { ConditionClause } from '@/server/engine/types';
import { contextOf, EMPTY } from './context';

const clauses: ConditionClause[] = [
  { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] },
  { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
  { operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '192.0.2.0/24'] },
];

describe('compileConditionBlock', () => {
  it('an empty block always holds', () => {
    expect(compileConditionBlock([], {})(EMPTY)).toBe(true);
  });
  it('ANDs the clauses', () => {
    const block = compileConditionBlock(clauses, { policyVersion: '2012-10-17' });
    const all = { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:SecureTransport': 'true', 'aws:SourceIp': '192.0.2.10' };
    expect(block(contextOf(all))).toBe(true);
    expect(block(contextOf({ ...all, 'aws:SecureTransport': 'false' }))).toBe(false);
    expect(block(contextOf({ ...all, 'aws:SourceIp': '198.51.100.1' }))).toBe(false);
    expect(block(EMPTY)).toBe(false);
    expect(compileConditionBlock(clauses.slice(0, 2), {})(contextOf(all))).toBe(true);
    expect(compileConditionBlock(clauses.slice(0, 2), {})(contextOf({ ...all, 'aws:PrincipalOrgID': 'o-other' }))).toBe(false);
  });
  it('one unknown operator makes the whole block false', () => {
    const block = compileConditionBlock([...clauses, { operator: 'StringSortOf', key: 'k', values: ['v'] }], {});
    expect(block(contextOf({ 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.1.1.1', k: 'v' }))).toBe(false);
  });
  it('the same compiled block answers different requests independently', () => {
    const block = compileConditionBlock([{ operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'] }], { policyVersion: '2012-10-17' });
    expect(block(contextOf({ 'aws:username': 'a', 's3:prefix': 'home/a/x' }))).toBe(true);
    expect(block(contextOf({ 'aws:username': 'b', 's3:prefix': 'home/a/x' }))).toBe(false);
    expect(block(contextOf({ 'aws:username': 'a', 's3:prefix': 'home/a/y' }))).toBe(true);
  });
});

describe('compileConditionClauses (for the trace)', () => {
  it('reports each clause separately, with its parsed operator', () => {
    const compiled = compileConditionClauses(
      [...clauses, { operator: 'NoSuchOperator', key: 'k', values: [] }],
      { policyVersion: '2012-10-17' },
    );
    const ctx = contextOf({ 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:SecureTransport': 'false', 'aws:SourceIp': '10.2.3.4' });
    expect(compiled.map((clause) => clause.holds(ctx))).toEqual([true, false, true, false]);
    expect(compiled.map((clause) => clause.operator?.base.name)).toEqual(['StringEquals', 'Bool', 'IpAddress', undefined]);
    expect(compiled[1].clause).toBe(clauses[1]);
  });
});

describe('robustness', () => {
  const operatorNames = [...BASE_OPERATORS.values()].map((base) => base.name);
  const operator = fc.oneof(
    fc.tuple(fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'), fc.constantFrom(...operatorNames), fc.constantFrom('', 'IfExists'))
      .map(([prefix, base, suffix]) => prefix + base + suffix),
    fc.string(),
  );
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('${aws:username}', "${x, 'd'}", '${*}', '10.0.0.0/8', '::1', '2026-01-01', '5', 'true', 'arn:aws:s3:::b/*', '${'));
  it('never throws and always answers a boolean, for any operator, key and values', () => {
    fc.assert(
      fc.property(operator, fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), fc.constantFrom('2012-10-17', '2008-10-17', undefined),
        (op, policyValues, requestValues, policyVersion) => {
          const holds = compileConditionBlock([{ operator: op, key: 'k', values: policyValues }], { policyVersion });
          const answers = [holds(EMPTY), holds(contextOf({ k: requestValues, 'aws:username': 'u' }))];
          for (const answer of answers) expect(typeof answer).toBe('boolean');
        }),
      { numRuns: 2000 },
    );
  });
  it('negated operators answer the opposite of their positive form on single values', () => {
    const pairs: [string, string][] = [
      ['StringEquals', 'StringNotEquals'], ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
      ['StringLike', 'StringNotLike'], ['NumericEquals', 'NumericNotEquals'], ['DateEquals', 'DateNotEquals'],
      ['IpAddress', 'NotIpAddress'], ['ArnLike', 'ArnNotLike'], ['ArnEquals', 'ArnNotEquals'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.array(text, { maxLength: 3 }), text, ([positive, negative], policyValues, requestValue) => {
        const ctx = contextOf({ k: requestValue, 'aws:username': 'u' });
        const yes = compileConditionBlock([{ operator: positive, key: 'k', values: policyValues }], { policyVersion: '2012-10-17' })(ctx);
        const no = compileConditionBlock([{ operator: negative, key: 'k', values: policyValues }], { policyVersion: '2012-10-17' })(ctx);
        expect(no).toBe(!yes);
      }),
      { numRuns: 2000 },
    );
  });
});
