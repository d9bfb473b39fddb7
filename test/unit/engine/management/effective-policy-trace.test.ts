// The "came from" record the UI shows: the history of each setting, who locked what, and readable messages.
// Scenario from inheritance-examples.html example 4 (policies E and F).
import { describe, expect, it } from 'vitest';
import { computeEffectivePolicy } from '@/server/engine/management';
import type { ManagementChainLevel, ManagementPolicyType } from '@/server/engine/management';

const policyE = {
  tags: {
    project: {
      tag_key: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'Project' },
      tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['Maintenance', 'Escalations'] },
    },
  },
};
const policyF = { tags: { project: { tag_key: { '@@assign': 'PROJECT' }, tag_value: { '@@append': ['Escalations - research'] } } } };

const chain: ManagementChainLevel[] = [
  { targetId: 'r-ab12', targetName: 'Root', kind: 'root', policies: [{ id: 'p-E', name: 'Org tag keys', content: JSON.stringify(policyE) }] },
  { targetId: 'ou-ab12-research', targetName: 'Research', kind: 'ou', policies: [{ id: 'p-F', name: 'Research tags', content: JSON.stringify(policyF) }] },
  { targetId: '333333333333', targetName: 'research-dev', kind: 'account', policies: [] },
];

describe('effective policy trace', () => {
  it('records every applied operation of a setting in order, with its level', () => {
    const result = computeEffectivePolicy('TAG_POLICY', chain);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const tagValue = result.contributions.find((entry) => entry.path === '$.tags.project.tag_value');
    expect(tagValue?.history.map((step) => [step.origin.policyId, step.origin.level, step.operator])).toEqual([
      ['p-E', 0, '@@assign'],
      ['p-F', 1, '@@append'],
    ]);
    expect(tagValue?.from).toMatchObject({ policyId: 'p-F', targetId: 'ou-ab12-research', kind: 'ou' });
    // The blocked @@assign of F is not part of tag_key's history.
    const tagKey = result.contributions.find((entry) => entry.path === '$.tags.project.tag_key');
    expect(tagKey?.history.map((step) => step.origin.policyId)).toEqual(['p-E']);
  });

  it('explains an ignored operation with the policy that blocked it', () => {
    const result = computeEffectivePolicy('TAG_POLICY', chain);
    if (!result.ok) throw new Error('expected success');
    expect(result.ignored).toHaveLength(1);
    const [ignored] = result.ignored;
    expect(ignored.blockedBy.map((origin) => origin.policyId)).toEqual(['p-E']);
    expect(ignored.message).toContain('Research tags');
    expect(ignored.message).toContain('Org tag keys');
    expect(ignored.message).toContain('no operator (@@none)');
  });

  it('lists the restrictions in force with the policies that set them', () => {
    const result = computeEffectivePolicy('TAG_POLICY', chain);
    if (!result.ok) throw new Error('expected success');
    expect(result.restrictions).toEqual([
      { path: '$.tags.project.tag_key', allowed: [], setBy: [expect.objectContaining({ policyId: 'p-E' })] },
      { path: '$.tags.project.tag_value', allowed: ['@@append'], setBy: [expect.objectContaining({ policyId: 'p-E' })] },
    ]);
  });

  it('does not invent a last valid policy when the caller gave none', () => {
    const broken: ManagementChainLevel[] = [
      { targetId: 'r-ab12', targetName: 'Root', kind: 'root', policies: [{ id: 'p-x', name: 'x', content: '{' }] },
      { targetId: '333333333333', targetName: 'a', kind: 'account', policies: [] },
    ];
    const result = computeEffectivePolicy('TAG_POLICY', broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.lastValid).toBeUndefined();
    expect(result.errors[0]).toMatchObject({ code: 'MALFORMED_POLICY_DOCUMENT', policyId: 'p-x', targetId: 'r-ab12' });
  });

  it('refuses a type it does not merge, naming it', () => {
    const result = computeEffectivePolicy('SERVICE_CONTROL_POLICY' as ManagementPolicyType, chain);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-input' });
    if (!result.ok) expect(result.errors[0].message).toContain('SERVICE_CONTROL_POLICY');
  });

  it('does not share mutable state between the result and the input documents', () => {
    const first = computeEffectivePolicy('TAG_POLICY', chain);
    if (!first.ok) throw new Error('expected success');
    ((first.effective.tags as Record<string, { tag_value: string[] }>).project.tag_value).push('mutated');
    const second = computeEffectivePolicy('TAG_POLICY', chain);
    if (!second.ok) throw new Error('expected success');
    expect((second.effective.tags as Record<string, { tag_value: string[] }>).project.tag_value).not.toContain('mutated');
  });
});
