// Properties of the inheritance merge that must hold for any values, checked with generated lists
// (policy-operators.html: what each operator does, and that a locked value cannot be changed below).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEffectivePolicy } from '@/server/engine/management';
import type { ManagementChainLevel } from '@/server/engine/management';

const tagValue = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const valueList = fc.uniqueArray(tagValue, { minLength: 1, maxLength: 6 });
const operator = fc.constantFrom('@@assign', '@@append', '@@remove');

function chainOf(rootTagValue: Record<string, unknown>, accountTagValue: Record<string, unknown>): ManagementChainLevel[] {
  const policy = (id: string, tagValueNode: Record<string, unknown>) => ({
    id,
    name: id,
    content: JSON.stringify({ tags: { env: { tag_key: 'Env', tag_value: tagValueNode } } }),
  });
  return [
    { targetId: 'r-root', targetName: 'Root', kind: 'root', policies: [policy('p-root', rootTagValue)] },
    { targetId: '111111111111', targetName: 'Account', kind: 'account', policies: [policy('p-acct', accountTagValue)] },
  ];
}

function effectiveTagValue(chain: ManagementChainLevel[]): unknown {
  const result = computeEffectivePolicy('TAG_POLICY', chain);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return (result.effective.tags as { env: { tag_value?: unknown } }).env.tag_value;
}

describe('inheritance merge properties', () => {
  it('@@none at the root keeps the root value whatever the account does', () => {
    fc.assert(
      fc.property(valueList, operator, valueList, (rootValues, childOperator, childValues) => {
        const chain = chainOf(
          { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': rootValues },
          { [childOperator]: childValues },
        );
        expect(effectiveTagValue(chain)).toEqual(rootValues);
      }),
    );
  });

  it('@@assign below replaces the inherited list entirely', () => {
    fc.assert(
      fc.property(valueList, valueList, (rootValues, childValues) => {
        expect(effectiveTagValue(chainOf({ '@@assign': rootValues }, { '@@assign': childValues }))).toEqual(childValues);
      }),
    );
  });

  it('@@append keeps every inherited value first and adds each new value once', () => {
    fc.assert(
      fc.property(valueList, valueList, (rootValues, childValues) => {
        const merged = effectiveTagValue(chainOf({ '@@assign': rootValues }, { '@@append': childValues })) as string[];
        expect(merged.slice(0, rootValues.length)).toEqual(rootValues);
        expect(new Set(merged)).toEqual(new Set([...rootValues, ...childValues]));
        expect(merged.length).toBe(new Set(merged).size);
      }),
    );
  });

  it('@@remove leaves exactly the inherited values not removed, in order (and drops the setting when none is left)', () => {
    fc.assert(
      fc.property(valueList, valueList, (rootValues, removed) => {
        const expected = rootValues.filter((value) => !removed.includes(value));
        const merged = effectiveTagValue(chainOf({ '@@assign': rootValues }, { '@@remove': removed }));
        expect(merged).toEqual(expected.length > 0 ? expected : undefined);
      }),
    );
  });
});
