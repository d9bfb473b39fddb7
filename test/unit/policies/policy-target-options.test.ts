import { describe, expect, it } from 'vitest';
import type { OrgTree } from '@/server/schemas/org';
import { attachableTargets, targetsOfPolicy } from '@/components/policies/policy-target-options';
import { fixtureTree } from '../editor/tree-fixture';

const deny = { id: 'p-deny', name: 'DenyLeave', type: 'SERVICE_CONTROL_POLICY' };
const full = { id: 'p-full', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY' };

/** The fixture tree with FullAWSAccess on the root and DenyLeave on Workloads and on Log Archive. */
function treeWithAttachments(): OrgTree {
  const tree = fixtureTree();
  return {
    ...tree,
    root: tree.root && { ...tree.root, attachedPolicies: [full] },
    orgUnits: tree.orgUnits.map((ou) => (ou.id === 'workloads' ? { ...ou, attachedPolicies: [deny] } : ou)),
    accounts: tree.accounts.map((account) => (account.id === 'log' ? { ...account, attachedPolicies: [deny, full] } : account)),
  };
}

describe('attachableTargets', () => {
  it('lists the root, every OU and every account (the management account too) with their AWS ids, in tree order', () => {
    expect(attachableTargets(fixtureTree()).map((target) => `${target.kind} ${target.awsId} ${target.name}`)).toEqual([
      'root r-ab12 Root',
      'ou ou-ab12-security Security',
      'ou ou-ab12-workload Workloads',
      'ou ou-ab12-prod0001 Prod',
      'account 111111111111 Management',
      'account 222222222222 Log Archive',
      'account 333333333333 Audit',
      'account 444444444444 Payments Prod',
    ]);
  });

  it('is empty while the tree is not loaded', () => {
    expect(attachableTargets(undefined)).toEqual([]);
  });
});

describe('targetsOfPolicy', () => {
  it('lists the nodes the policy is attached to directly, not the nodes under them', () => {
    const tree = treeWithAttachments();
    expect(targetsOfPolicy(tree, 'p-deny')).toEqual([
      { id: 'workloads', awsId: 'ou-ab12-workload', name: 'Workloads', kind: 'ou' },
      { id: 'log', awsId: '222222222222', name: 'Log Archive', kind: 'account' },
    ]);
    expect(targetsOfPolicy(tree, 'p-full').map((target) => target.name)).toEqual(['Root', 'Log Archive']);
  });

  it('is empty for a policy attached nowhere, no policy, or no tree', () => {
    const tree = treeWithAttachments();
    expect(targetsOfPolicy(tree, 'p-unattached')).toEqual([]);
    expect(targetsOfPolicy(tree, undefined)).toEqual([]);
    expect(targetsOfPolicy(undefined, 'p-deny')).toEqual([]);
  });
});
