// A small org tree for the editor's pure helpers: root → Security (2 accounts), Workloads → Prod (1 account),
// and the management account under the root.
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };

/** Builds the fixture tree; `extraAccountsUnder` adds generated accounts under one parent. */
export function fixtureTree(extraAccountsUnder?: { parentId: string; count: number }): OrgTree {
  const extra = extraAccountsUnder
    ? Array.from({ length: extraAccountsUnder.count }, (_, index) => {
        const id = String(500000000000 + index);
        return { id, accountId: id, name: `Generated ${index}`, email: null, status: 'ACTIVE' as const, parentId: extraAccountsUnder.parentId, isManagement: false, policyCounts: none, attachedPolicies: [] };
      })
    : [];
  return {
    designId: 'd1',
    organizationId: 'o-abc123defg',
    managementAccountId: '111111111111',
    policyCount: 1,
    root: { id: 'root', awsId: 'r-ab12', name: 'Root', policyCounts: { scp: 1, rcp: 0 }, attachedPolicies: [] },
    orgUnits: [
      { id: 'security', awsId: 'ou-ab12-security', name: 'Security', parentId: 'root', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'workloads', awsId: 'ou-ab12-workload', name: 'Workloads', parentId: 'root', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'prod', awsId: 'ou-ab12-prod0001', name: 'Prod', parentId: 'workloads', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    ],
    accounts: [
      { id: 'mgmt', accountId: '111111111111', name: 'Management', email: null, status: 'ACTIVE', parentId: 'root', isManagement: true, policyCounts: none, attachedPolicies: [] },
      { id: 'log', accountId: '222222222222', name: 'Log Archive', email: null, status: 'ACTIVE', parentId: 'security', isManagement: false, policyCounts: none, attachedPolicies: [] },
      { id: 'audit', accountId: '333333333333', name: 'Audit', email: null, status: 'ACTIVE', parentId: 'security', isManagement: false, policyCounts: none, attachedPolicies: [] },
      { id: 'pay', accountId: '444444444444', name: 'Payments Prod', email: null, status: 'ACTIVE', parentId: 'prod', isManagement: false, policyCounts: none, attachedPolicies: [] },
      ...extra,
    ],
  };
}
