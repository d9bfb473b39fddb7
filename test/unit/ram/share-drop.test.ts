// The drop cue and the server decide with the same rules (server/schemas/ram-share-rules.ts):
// getting-started-sharing.html (an OU or the organization needs sharing with AWS Organizations enabled) and
// API_AssociateResourceShare.html (the owning account is not a principal of its own share).
import { describe, expect, it } from 'vitest';
import { principalOfCard, shareDropOf } from '@/components/ram/share-drop';
import { sharePrincipalRefusal } from '@/server/schemas/ram-share-rules';
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd1', organizationId: 'o-abc123defg', managementAccountId: '111111111111', policyCount: 0,
  root: { id: 'root-row', awsId: 'r-ab12', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: [{ id: 'wl-row', awsId: 'ou-ab12-workload', name: 'Workloads', parentId: 'root-row', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 }],
  accounts: [{ id: 'net-row', accountId: '222222222222', name: 'Network', email: null, status: 'ACTIVE', parentId: 'root-row', isManagement: false, policyCounts: none, attachedPolicies: [] }],
};
const share = { arn: 'arn:aws:ram:us-east-1:222222222222:resource-share/x', name: 'subnets', owningAccountId: '222222222222' };

describe('share drops', () => {
  it('turns the OU, root and account cards into the principals RAM reads', () => {
    expect(principalOfCard(tree, 'wl-row')).toEqual({ principal: 'arn:aws:organizations::111111111111:ou/o-abc123defg/ou-ab12-workload', kind: 'ORGANIZATIONAL_UNIT' });
    expect(principalOfCard(tree, 'root-row')?.principal).toBe('arn:aws:organizations::111111111111:organization/o-abc123defg');
    expect(principalOfCard(tree, 'net-row')?.principal).toBe('222222222222');
    expect(principalOfCard(tree, 'nothing')).toBeNull();
  });

  it('refuses an OU while sharing with AWS Organizations is off, and the owner itself, as RAM does', () => {
    expect(shareDropOf(tree, 'wl-row', share, false)?.refusal).toMatch(/^OperationNotPermittedException: Sharing with AWS Organizations is not enabled/);
    expect(shareDropOf(tree, 'wl-row', share, true)?.refusal).toBeNull();
    expect(shareDropOf(tree, 'root-row', share, false)?.refusal).toMatch(/^OperationNotPermittedException/);
    expect(shareDropOf(tree, 'net-row', share, true)?.refusal).toMatch(/^InvalidParameterException: Account 222222222222 owns the resource share/);
  });

  it('lets accounts through whatever the sharing setting (they get an invitation instead)', () => {
    expect(sharePrincipalRefusal({ kind: 'ACCOUNT', accountId: '333333333333', owner: '222222222222', sharingEnabled: false })).toBeNull();
  });
});
