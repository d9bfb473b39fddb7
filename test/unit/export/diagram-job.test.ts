// The export worker's job (components/export/diagram-job.ts): plain data in, the file out, drawing exactly what
// the page drew before the work moved into the worker, after a structured clone (what postMessage does).
import { describe, expect, it } from 'vitest';
import { writeDiagram, type DiagramJob } from '@/components/export/diagram-job';
import { exportModel, laidOutExportFlow } from '@/components/export/export-diagram';
import { toSvg } from '@/components/org-graph/export';
import type { OrgTree } from '@/server/schemas/org';
import type { ResourceShareView } from '@/server/schemas/ram';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd', organizationId: 'o-abc123defg', managementAccountId: '100000000000', policyCount: 0,
  root: { id: 'r', awsId: 'r-ab12', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: Array.from({ length: 12 }, (_, index) => ({ id: `ou${index}`, awsId: `ou-ab12-${String(index).padStart(8, '0')}`, name: `OU ${index}`, parentId: 'r', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 })),
  accounts: Array.from({ length: 120 }, (_, index) => {
    const id = String(100000000000 + index);
    return { id, accountId: id, name: `Account <${index}>`, email: null, status: 'ACTIVE' as const, parentId: `ou${index % 12}`, isManagement: index === 0, policyCounts: none, attachedPolicies: [] };
  }),
};
const job = (overrides: Partial<DiagramJob> = {}): DiagramJob => ({ format: 'svg', tree, scope: 'tree', collapsed: [], title: 'Big <LZ>', decisions: {}, ...overrides });

describe('diagram export job', () => {
  it('writes the SVG the page used to write, from a structured clone of the job', async () => {
    const blob = await writeDiagram(structuredClone(job()));
    expect(blob.type).toBe('image/svg+xml');
    const flow = await laidOutExportFlow(tree, 'tree', new Set());
    expect(await blob.text()).toBe(toSvg(exportModel(flow, { title: 'Big <LZ>', decisions: {} })));
    expect(await blob.text()).toContain('Account &lt;119&gt;');
  });

  it('writes a PDF, draw.io and Mermaid with their media types', async () => {
    const pdf = await writeDiagram(job({ format: 'pdf' }));
    expect(pdf.type).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const drawio = await writeDiagram(job({ format: 'drawio' }));
    expect(drawio.type).toBe('application/vnd.jgraph.mxfile');
    expect(await drawio.text()).toContain('<mxfile');
    expect((await writeDiagram(job({ format: 'mermaid' }))).type).toBe('text/vnd.mermaid');
  });

  it('keeps folded subtrees folded in the current view and exports one OU\'s subtree', async () => {
    const folded = await (await writeDiagram(job({ scope: 'view', collapsed: ['ou3'] }))).text();
    expect(folded).toContain('Account &lt;2&gt;');
    expect(folded).not.toContain('Account &lt;3&gt;');
    const subtree = await (await writeDiagram(job({ scope: { subtree: 'ou3' } }))).text();
    expect(subtree).toContain('Account &lt;15&gt;');
    expect(subtree).not.toContain('Account &lt;2&gt;');
  });

  it('refuses an OU that is no longer in the design, saying so', async () => {
    await expect(writeDiagram(job({ scope: { subtree: 'gone' } }))).rejects.toThrow('That OU is no longer in the design: nothing to export.');
  });

  it('draws RAM share edges over the tree when given the shares', async () => {
    const principal = { principal: '100000000005', principalType: 'ACCOUNT' as const, status: 'ASSOCIATED' as const, external: false, invitationArn: null, invitationStatus: null, statusMessage: null };
    const share: ResourceShareView = {
      id: 's', arn: 'arn:aws:ram:us-east-1:100000000001:resource-share/s', name: 'subnets', region: 'us-east-1', owningAccountId: '100000000001', owningAccountName: 'Account <1>',
      allowExternalPrincipals: false, status: 'ACTIVE', tags: [], createdAt: new Date(0), resources: [], permissions: [], principals: [principal],
      recipients: [{ accountId: '100000000005', accountName: null, via: '100000000005', viaKind: 'ACCOUNT', external: false }], hasExternalPrincipals: false,
    };
    const svg = await (await writeDiagram(structuredClone(job({ shares: { shares: [share], stops: [] } })))).text();
    expect(svg).toContain('data-share-edges="true"');
    expect(svg).toContain('RAM subnets');
    expect(await (await writeDiagram(job())).text()).not.toContain('data-share-edges="true"');
  });
});
