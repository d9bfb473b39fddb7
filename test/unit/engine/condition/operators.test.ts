// Operator name parsing.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
// access-analyzer-reference-policy-checks.html ("Null with if exists" is an error).
import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS, parseConditionOperator } from '@/server/engine/condition';

describe('parseConditionOperator', () => {
  it('splits prefix, base and IfExists suffix', () => {
    const parsed = parseConditionOperator('ForAnyValue:StringNotLikeIfExists');
    expect(parsed?.setOperator).toBe('ForAnyValue');
    expect(parsed?.base.name).toBe('StringNotLike');
    expect(parsed?.base.negated).toBe(true);
    expect(parsed?.ifExists).toBe(true);
  });
  it('knows all 27 base operators', () => {
    expect(BASE_OPERATORS.size).toBe(27);
    for (const base of BASE_OPERATORS.values()) expect(parseConditionOperator(base.name)?.base).toBe(base);
  });
  it('rejects unknown names, prefixes and NullIfExists', () => {
    expect(parseConditionOperator('StringEqual')).toBeUndefined();
    expect(parseConditionOperator('ForEveryValue:StringEquals')).toBeUndefined();
    expect(parseConditionOperator('NullIfExists')).toBeUndefined();
    expect(parseConditionOperator('IfExists')).toBeUndefined();
  });
  it('marks which operators accept policy variables', () => {
    expect(parseConditionOperator('StringLike')?.base.acceptsVariables).toBe(true);
    expect(parseConditionOperator('ArnLike')?.base.acceptsVariables).toBe(true);
    expect(parseConditionOperator('NumericEquals')?.base.acceptsVariables).toBe(false);
    expect(parseConditionOperator('IpAddress')?.base.acceptsVariables).toBe(false);
  });
});
