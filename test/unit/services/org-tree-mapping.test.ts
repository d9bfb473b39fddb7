// toOrgTree: the repository's tree DTO → the API's org tree (pure mapping, no database).
import { describe, expect, it } from 'vitest';
import type { OrgTreeDto } from '@/server/db/dto';
import { toOrgTree } from '@/server/services/org-service';

const when = new Date('2026-01-01T00:00:00Z');

function treeDto(): OrgTreeDto {
  return {
    design: { id: 'd1', name: 'D', description: '', revision: 4, createdAt: when, updatedAt: when },
    organization: { id: 'org1', awsId: 'o-abcdefghij', featureSet: 'ALL', managementAccountId: 'acc-mgmt' },
    root: { id: 'root1', awsId: 'r-ab12', name: 'Root', policyTypes: [], tags: [] },
    ous: [{ id: 'ou1', awsId: 'ou-ab12-11111111', name: 'Prod', parentId: 'root1', parentOuId: null, layout: null, tags: [], enabledControlCount: 2 }],
    accounts: [
      { id: 'acc-mgmt', accountId: '111111111111', name: 'Management', email: null, joinedMethod: 'CREATED', status: 'ACTIVE', parentId: 'root1', isManagementAccount: true, tags: [] },
      { id: 'acc-prod', accountId: '222222222222', name: 'Prod app', email: 'p@example.com', joinedMethod: 'INVITED', status: 'SUSPENDED', parentId: 'ou1', isManagementAccount: false, tags: [] },
      // A partner's account known from an import: outside the organization, so not in the tree.
      { id: 'acc-partner', accountId: '999999999999', name: 'Partner', email: null, joinedMethod: 'INVITED', status: 'ACTIVE', parentId: null, isManagementAccount: false, tags: [] },
    ],
    policies: [
      { id: 'p-full', awsId: 'p-FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', name: 'FullAWSAccess', description: '', awsManaged: true, contentLength: 10 },
      { id: 'p-deny', awsId: 'p-deny0001', type: 'SERVICE_CONTROL_POLICY', name: 'Deny', description: '', awsManaged: false, contentLength: 10 },
      { id: 'p-rcp', awsId: 'p-RCPFullAWSAccess', type: 'RESOURCE_CONTROL_POLICY', name: 'RCPFullAWSAccess', description: '', awsManaged: true, contentLength: 10 },
      { id: 'p-tag', awsId: 'p-tag00001', type: 'TAG_POLICY', name: 'Tags', description: '', awsManaged: false, contentLength: 10 },
    ],
    attachments: [
      { id: 'a1', policyId: 'p-full', targetKind: 'root', targetId: 'root1' },
      { id: 'a2', policyId: 'p-rcp', targetKind: 'root', targetId: 'root1' },
      { id: 'a3', policyId: 'p-full', targetKind: 'ou', targetId: 'ou1' },
      { id: 'a4', policyId: 'p-deny', targetKind: 'ou', targetId: 'ou1' },
      { id: 'a5', policyId: 'p-tag', targetKind: 'ou', targetId: 'ou1' },
      { id: 'a6', policyId: 'p-full', targetKind: 'account', targetId: 'acc-mgmt' },
    ],
  };
}

describe('toOrgTree', () => {
  it('names the organization and management account by their AWS ids', () => {
    const tree = toOrgTree(treeDto());
    expect(tree).toMatchObject({ designId: 'd1', organizationId: 'o-abcdefghij', managementAccountId: '111111111111', policyCount: 4 });
    expect(tree.root).toEqual({
      id: 'root1', awsId: 'r-ab12', name: 'Root', policyCounts: { scp: 1, rcp: 1 },
      attachedPolicies: [
        { id: 'p-rcp', name: 'RCPFullAWSAccess', type: 'RESOURCE_CONTROL_POLICY' },
        { id: 'p-full', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY' },
      ],
    });
  });

  it('counts only SCP and RCP attachments per node (a tag policy grants nothing and is not counted)', () => {
    const tree = toOrgTree(treeDto());
    expect(tree.orgUnits).toEqual([{
      id: 'ou1', awsId: 'ou-ab12-11111111', name: 'Prod', parentId: 'root1', policyCounts: { scp: 2, rcp: 0 }, enabledControlCount: 2,
      // Every type is listed for the badges' tooltips, by type then name.
      attachedPolicies: [
        { id: 'p-deny', name: 'Deny', type: 'SERVICE_CONTROL_POLICY' },
        { id: 'p-full', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY' },
        { id: 'p-tag', name: 'Tags', type: 'TAG_POLICY' },
      ],
    }]);
    expect(tree.accounts.find((a) => a.id === 'acc-prod')?.policyCounts).toEqual({ scp: 0, rcp: 0 });
  });

  it('keeps member accounts with status and management flag, and leaves accounts outside the organization out', () => {
    const tree = toOrgTree(treeDto());
    expect(tree.accounts.map((a) => [a.accountId, a.status, a.isManagement, a.parentId])).toEqual([
      ['111111111111', 'ACTIVE', true, 'root1'],
      ['222222222222', 'SUSPENDED', false, 'ou1'],
    ]);
  });

  it('maps a design without an organization to an empty tree', () => {
    const tree = toOrgTree({ ...treeDto(), organization: null, root: null, ous: [], accounts: [], policies: [], attachments: [] });
    expect(tree).toEqual({ designId: 'd1', organizationId: null, managementAccountId: null, policyCount: 0, root: null, orgUnits: [], accounts: [] });
  });
});
