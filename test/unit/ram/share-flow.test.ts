import { describe, expect, it } from 'vitest';
import { toFlow } from '@/components/org-graph/to-flow';
import { externalNodeId, shareEdgeId, shareEdgeOf, shareOverlay } from '@/components/ram/share-flow';
import type { OrgTree } from '@/server/schemas/org';
import type { ResourceShareView, ShareScpStops } from '@/server/schemas/ram';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd1',
  organizationId: 'o-abc123defg',
  managementAccountId: '111111111111',
  policyCount: 0,
  root: { id: 'root-row', awsId: 'r-ab12', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: [
    { id: 'wl-row', awsId: 'ou-ab12-workload', name: 'Workloads', parentId: 'root-row', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    { id: 'prod-row', awsId: 'ou-ab12-prod0001', name: 'Prod', parentId: 'wl-row', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
  ],
  accounts: [
    { id: 'mgmt-row', accountId: '111111111111', name: 'Management', email: null, status: 'ACTIVE', parentId: 'root-row', isManagement: true, policyCounts: none, attachedPolicies: [] },
    { id: 'net-row', accountId: '222222222222', name: 'Network', email: null, status: 'ACTIVE', parentId: 'root-row', isManagement: false, policyCounts: none, attachedPolicies: [] },
    { id: 'pay-row', accountId: '444444444444', name: 'Payments', email: null, status: 'ACTIVE', parentId: 'prod-row', isManagement: false, policyCounts: none, attachedPolicies: [] },
  ],
};

const principal = (p: string, principalType: ResourceShareView['principals'][number]['principalType'], extra: Partial<ResourceShareView['principals'][number]> = {}) => ({
  principal: p, principalType, status: 'ASSOCIATED' as const, external: false, invitationArn: null, invitationStatus: null, statusMessage: null, ...extra,
});
const share = (name: string, principals: ResourceShareView['principals'], recipients: string[]): ResourceShareView => ({
  id: name, arn: `arn:aws:ram:us-east-1:222222222222:resource-share/${name}`, name, region: 'us-east-1', owningAccountId: '222222222222', owningAccountName: 'Network',
  allowExternalPrincipals: true, status: 'ACTIVE', tags: [], createdAt: new Date(0), resources: [], permissions: [], principals,
  recipients: recipients.map((accountId) => ({ accountId, accountName: null, via: principals[0].principal, viaKind: principals[0].principalType, external: false })),
  hasExternalPrincipals: principals.some((p) => p.external),
});

const OU_ARN = 'arn:aws:organizations::111111111111:ou/o-abc123defg/ou-ab12-workload';
const subnets = share('subnets', [principal(OU_ARN, 'ORGANIZATIONAL_UNIT')], ['444444444444']);
const partner = share('lists', [principal('999988887777', 'ACCOUNT', { external: true, status: 'ASSOCIATING', invitationStatus: 'PENDING' })], []);
const stops: ShareScpStops['shares'] = [{ shareArn: subnets.arn, recipients: [{ accountId: '444444444444', stop: 'all', stopped: [], conditional: [], external: false }] }];

describe('shareOverlay', () => {
  it('draws owner → OU and owner → external account, marked as the API says, beside the tree', () => {
    const { nodes } = toFlow(tree);
    const overlay = shareOverlay(tree, nodes, [subnets, partner], stops);
    expect(overlay.edges.map((edge) => [edge.source, edge.target, edge.type, edge.className])).toEqual([
      ['net-row', 'wl-row', 'ramShare', 'ram-edge ram-edge--stop-all'],
      ['net-row', externalNodeId('999988887777'), 'ramShare', 'ram-edge ram-edge--stop-none ram-edge--external ram-edge--pending'],
    ]);
    expect(overlay.edges[0].label).toBe('RAM subnets · SCP stops it');
    expect(overlay.edges[1].label).toBe('RAM lists · external · invitation pending');
    expect(overlay.nodes).toHaveLength(1);
    expect(overlay.nodes[0]).toMatchObject({ type: 'externalAccount', data: { accountId: '999988887777', shares: ['lists'] } });
    // Right of every card of the tree: it never reads as part of the tree.
    const right = Math.max(...nodes.map((node) => node.position.x + (node.width ?? 0)));
    expect(overlay.nodes[0].position.x).toBeGreaterThan(right);
  });

  it('ends at the nearest drawn ancestor when the principal sits in a folded subtree', () => {
    const { nodes } = toFlow(tree, { collapsed: new Set(['wl-row']) });
    const viaAccount = share('direct', [principal('444444444444', 'ACCOUNT')], ['444444444444']);
    const overlay = shareOverlay(tree, nodes, [viaAccount]);
    expect(overlay.edges.map((edge) => edge.target)).toEqual(['wl-row']);
    expect(overlay.edges[0].className).toBe('ram-edge ram-edge--stop-none');
  });

  it('round-trips its edge ids', () => {
    const id = shareEdgeId(subnets.arn, OU_ARN);
    expect(shareEdgeOf(id)).toEqual({ shareArn: subnets.arn, principal: OU_ARN });
    expect(shareEdgeOf('access:111111111111->222222222222')).toBeNull();
  });
});
