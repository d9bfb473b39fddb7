// The export module's pure parts: statuses by node, titles, the model's legend and file names.
import { describe, expect, it } from 'vitest';
import { exportFileName, exportModel, exportTitle, statusesByNode } from '@/components/export/export-diagram';
import type { AccountDecision } from '@/components/editor/store/editor-store';
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

  it('carries every status in the legend when cards are coloured, none otherwise', () => {
    const coloured = exportModel(toFlow(tree), { title: 'T', decisions });
    expect(coloured.legend?.map((entry) => entry.status)).toEqual(['allowed', 'explicitDeny', 'implicitDeny', 'conditional']);
    expect(coloured.nodes.find((node) => node.id === 'a2')).toMatchObject({ label: 'Deny <Target>', status: 'explicitDeny' });
    expect(exportModel(toFlow(tree), { title: 'T', decisions: {} }).legend).toBeUndefined();
  });

  it('builds file names from the design name', () => {
    expect(exportFileName('Sample landing zone', 'view', 'png')).toBe('sample-landing-zone-view.png');
    expect(exportFileName('  ***  ', 'tree', 'svg')).toBe('design-whole-tree.svg');
  });
});
