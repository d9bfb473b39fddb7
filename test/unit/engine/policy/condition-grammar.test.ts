import { describe, expect, it } from 'vitest';
import { BASE_CONDITION_OPERATORS, parseConditionOperator, suggestConditionOperator } from '@/server/engine/policy/condition-operators';
import { describeInvalidConditionValue, isIamDate, isIpOrCidr } from '@/server/engine/policy/condition-values';

describe('parseConditionOperator', () => {
  it('accepts every base operator, with IfExists (except Null) and both set prefixes', () => {
    for (const base of Object.keys(BASE_CONDITION_OPERATORS)) {
      expect(parseConditionOperator(base)?.base).toBe(base);
      expect(parseConditionOperator(`ForAllValues:${base}`)?.setOperator).toBe('ForAllValues');
      expect(parseConditionOperator(`ForAnyValue:${base}`)?.setOperator).toBe('ForAnyValue');
      expect(parseConditionOperator(`${base}IfExists`)?.ifExists).toBe(base !== 'Null' ? true : undefined);
    }
    expect(Object.keys(BASE_CONDITION_OPERATORS)).toHaveLength(27);
  });

  it('splits the parts and marks negated operators', () => {
    expect(parseConditionOperator('ForAnyValue:StringNotLikeIfExists')).toEqual({
      setOperator: 'ForAnyValue', base: 'StringNotLike', ifExists: true, valueType: 'string', negated: true,
    });
    expect(parseConditionOperator('NotIpAddress')?.negated).toBe(true);
    expect(parseConditionOperator('ArnLike')).toMatchObject({ valueType: 'arn', negated: false });
  });

  it('rejects misspellings, wrong case, unknown prefixes and prototype names', () => {
    for (const op of ['stringequals', 'StringEqual', 'ForAll:StringEquals', 'StringEqualsIfexists', 'constructor', 'toString', '', 'A:B:StringEquals']) {
      expect(parseConditionOperator(op), op).toBeUndefined();
    }
  });

  it('suggests the canonical spelling for case mistakes only', () => {
    expect(suggestConditionOperator('stringequals')).toBe('StringEquals');
    expect(suggestConditionOperator('foranyvalue:stringlikeifexists')).toBe('ForAnyValue:StringLikeIfExists');
    expect(suggestConditionOperator('StringEqualz')).toBeUndefined();
    expect(suggestConditionOperator('StringEquals')).toBeUndefined();
  });
});

describe('condition value types', () => {
  it.each([
    ['numeric', '10', true], ['numeric', '-1.5', true], ['numeric', 'abc', false], ['numeric', '', false],
    ['date', '2026-01-31', true], ['date', '2026-01-31T12:00:00Z', true], ['date', '2026-01-31T12:00:00.123+02:00', true],
    ['date', '1735689600', true], ['date', 'notadate', false], ['date', '2026-02-30', false], ['date', '2026-13-01', false],
    ['boolean', 'true', true], ['boolean', 'FALSE', true], ['boolean', 'yes', false],
    ['null', 'true', true], ['null', '1', false],
    ['ip', '10.0.0.0/8', true], ['ip', '192.0.2.1', true], ['ip', '10.0.0.0/33', false], ['ip', '256.0.0.1', false],
    ['ip', '2001:db8::/32', true], ['ip', '::1', true], ['ip', '::ffff:192.0.2.1', true], ['ip', '2001:db8::/129', false],
    ['ip', '1:2:3:4:5:6:7:8:9', false], ['ip', 'example.com', false],
    ['binary', 'QmluYXJ5', true], ['binary', 'not base64!', false],
    ['string', 'anything', true], ['arn', 'arn:aws:iam::*:role/x', true],
    ['numeric', '${aws:MultiFactorAuthAge}', true],
  ] as const)('%s %s -> %s', (type, value, ok) => {
    expect(describeInvalidConditionValue(type, value) === undefined).toBe(ok);
  });

  it('exposes the date and IP predicates', () => {
    expect(isIamDate('2024-02-29')).toBe(true);
    expect(isIamDate('2023-02-29')).toBe(false);
    expect(isIpOrCidr('0.0.0.0/0')).toBe(true);
  });
});
