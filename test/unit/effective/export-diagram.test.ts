// The export module's pure parts: statuses by node, titles, the model's legend and file names.
import { describe, expect, it } from 'vitest';
import { CANVAS_LAYOUT_MAX_WIDTH, exportFileName, exportModel, exportTitle, laidOutExportFlow, statusesByNode } from '@/components/export/export-diagram';
import type { AccountDecision } from '@/components/editor-base/editor-store';
import { toFlow } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';

const counts = { scp: 1, rcp: 0 };
const tree: OrgTree = {
  designId: 'd', organizationId: 'o-abcdefghij', managementAccountId: '111111111111', policyCount: 2,
  root: { id: 'root', awsId: 'r-ab12', name: 'Root', policyCounts: counts, attachedPolicies: [] },
  orgUnits: [{ id: 'ou1', awsId: 'ou-ab12-11111111', name: 'Restricted', parentId: 'root', policyCounts: { scp: 2, rcp: 0 }, attachedPolicies: [], enabledControlCount: 0 }],
  accounts: [
    { id: 'a1', accountId: '111111111111', name: 'Management', email: null, status: 'ACTIVE', parentId: 'root', isManagement: true, policyCounts: counts, attachedPolicies: [] },
    { id: 'a2', accountId: '222222222222', name: 'Deny <Target>', email: null, status: 'ACTIVE', parentId: 'ou1', isManagement: false, policyCounts: counts, attachedPolicies: [] },
  ],
};

const request = (accountId: string) => ({ principalArn: `arn:aws:iam::${accountId}:root`, action: 's3:DeleteBucket', resource: '*', context: [] });
const decisions: Record<string, AccountDecision> = {
  '111111111111': { decision: 'allowed', summary: 'Allowed', request: request('111111111111') },
  '222222222222': { decision: 'explicitDeny', summary: 'Denied', request: request('222222222222') },
};

describe('export-diagram', () => {
  it('maps decisions by account id to statuses by node id, leaving containers neutral', () => {
    expect(statusesByNode(toFlow(tree), decisions)).toEqual({ a1: 'allowed', a2: 'explicitDeny' });
    expect(statusesByNode(toFlow(tree), {})).toEqual({});
  });

  it('names the request in the title: one principal, or the principal of each account', () => {
    expect(exportTitle('LZ', {})).toBe('LZ');
    expect(exportTitle('LZ', decisions)).toBe('LZ: the root user of each account → s3:DeleteBucket on *');
    const role = (id: string) => ({ decision: 'allowed' as const, summary: '', request: { ...request(id), principalArn: `arn:aws:iam::${id}:role/Admin` } });
    expect(exportTitle('LZ', { a: role('111111111111'), b: role('222222222222') })).toBe('LZ: role/Admin in each account → s3:DeleteBucket on *');
    expect(exportTitle('LZ', { a: role('111111111111') })).toBe('LZ: arn:aws:iam::111111111111:role/Admin → s3:DeleteBucket on *');
  });

  it('carries every status in the legend when cards are coloured, none otherwise; the cards\' key always', () => {
    const coloured = exportModel(toFlow(tree), { title: 'T', decisions });
    expect(coloured.legend?.map((entry) => entry.status)).toEqual(['allowed', 'explicitDeny', 'implicitDeny', 'conditional']);
    expect(coloured.nodes.find((node) => node.id === 'a2')).toMatchObject({ label: 'Deny <Target>', status: 'explicitDeny' });
    const plain = exportModel(toFlow(tree), { title: 'T', decisions: {} });
    expect(plain.legend).toBeUndefined();
    expect(plain.key).toBe(true);
  });

  it('builds file names from the design name', () => {
    expect(exportFileName('Sample landing zone', 'view', 'png')).toBe('sample-landing-zone-view.png');
    expect(exportFileName('  ***  ', 'tree', 'svg')).toBe('design-whole-tree.svg');
    expect(exportFileName('LZ', { subtree: 'ou1' }, 'pdf', 'Restricted Workloads')).toBe('lz-subtree-restricted-workloads.pdf');
  });

  it('exports an OU\'s subtree unfolded, even where the view folds it, and refuses an OU that is gone', async () => {
    const flow = await laidOutExportFlow(tree, { subtree: 'ou1' }, new Set(['ou1']));
    expect(flow.nodes.map((node) => node.id).sort()).toEqual(['a2', 'ou1']);
    expect(flow.edges.map((edge) => edge.id)).toEqual(['ou1->a2']);
    await expect(laidOutExportFlow(tree, { subtree: 'gone' }, new Set())).rejects.toThrow('no longer in the design');
  });

  it('makes cards taller for their policy names and prints them when asked', async () => {
    const withPolicies: OrgTree = {
      ...tree,
      accounts: tree.accounts.map((account) => account.id === 'a2'
        ? { ...account, attachedPolicies: [{ id: 'p1', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY' }, { id: 'p2', name: 'CostCenter', type: 'TAG_POLICY' }] }
        : account),
    };
    const flow = await laidOutExportFlow(withPolicies, 'tree', new Set(), { policyNames: true });
    expect(flow.nodes.find((node) => node.id === 'a2')?.height).toBe(88 + 2 * 14 + 4);
    expect(flow.nodes.find((node) => node.id === 'a1')?.height).toBe(88);
    const model = exportModel(flow, { title: 'T', decisions: {}, policyNames: true });
    expect(model.nodes.find((node) => node.id === 'a2')?.policyLines).toEqual(['SCP FullAWSAccess', 'Tag CostCenter']);
    // The drawn card is as tall as the laid-out one: its policy lines stay inside it.
    expect(model.nodes.find((node) => node.id === 'a2')?.height).toBe(88 + 2 * 14 + 4);
    expect(exportModel(flow, { title: 'T', decisions: {} }).nodes.find((node) => node.id === 'a2')?.policyLines).toBeUndefined();
  });

  it('keeps the canvas layout for a narrow tree and folds a wide one into the compact sheet with routed edges', async () => {
    const narrow = await laidOutExportFlow(tree, 'tree', new Set());
    expect(narrow.routes).toBeUndefined();
    const wide: OrgTree = {
      ...tree,
      orgUnits: Array.from({ length: 40 }, (_, index) => ({ ...tree.orgUnits[0], id: `ou${index}`, awsId: `ou-ab12-${String(index).padStart(8, '0')}`, name: `OU ${index}` })),
      accounts: tree.accounts.slice(0, 1),
    };
    const folded = await laidOutExportFlow(wide, 'tree', new Set());
    expect(folded.routes?.size).toBe(folded.edges.length);
    expect(Math.max(...folded.nodes.map((node) => node.position.x + (node.width ?? 0)))).toBeLessThanOrEqual(CANVAS_LAYOUT_MAX_WIDTH);
    expect(exportModel(folded, { title: 'T', decisions: {} }).edges.every((edge) => (edge.points?.length ?? 0) >= 2)).toBe(true);
  });
});
