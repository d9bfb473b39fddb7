// Diagram exports with RAM share edges (the export menu's "Include RAM share edges"): the same overlay as the canvas
// (components/ram/share-flow.ts) through fromFlow into SVG, draw.io and Mermaid, drawn apart from the tree.
import { describe, expect, it } from 'vitest';
import { fromFlow, toDrawio, toMermaid, toSvg } from '@/components/org-graph/export';
import { layout } from '@/components/org-graph/layout';
import { toFlow } from '@/components/org-graph/to-flow';
import { shareOverlay } from '@/components/ram/share-flow';
import type { OrgTree } from '@/server/schemas/org';
import type { ResourceShareView } from '@/server/schemas/ram';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd1', organizationId: 'o-abc123defg', managementAccountId: '111111111111', policyCount: 0,
  root: { id: 'root-row', awsId: 'r-ab12', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: [{ id: 'wl-row', awsId: 'ou-ab12-workload', name: 'Workloads', parentId: 'root-row', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 }],
  accounts: [
    { id: 'net-row', accountId: '222222222222', name: 'Network', email: null, status: 'ACTIVE', parentId: 'root-row', isManagement: false, policyCounts: none, attachedPolicies: [] },
    { id: 'pay-row', accountId: '444444444444', name: 'Payments', email: null, status: 'ACTIVE', parentId: 'wl-row', isManagement: false, policyCounts: none, attachedPolicies: [] },
  ],
};
const principal = (p: string, principalType: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT', external: boolean) => ({
  principal: p, principalType, status: external ? 'ASSOCIATING' as const : 'ASSOCIATED' as const, external,
  invitationArn: null, invitationStatus: external ? 'PENDING' as const : null, statusMessage: null,
});
const share = (name: string, p: ResourceShareView['principals'][number], recipients: string[]): ResourceShareView => ({
  id: name, arn: `arn:aws:ram:us-east-1:222222222222:resource-share/${name}`, name, region: 'us-east-1', owningAccountId: '222222222222', owningAccountName: 'Network',
  allowExternalPrincipals: true, status: 'ACTIVE', tags: [], createdAt: new Date(0), resources: [], permissions: [], principals: [p],
  recipients: recipients.map((accountId) => ({ accountId, accountName: null, via: p.principal, viaKind: p.principalType, external: false })), hasExternalPrincipals: p.external,
});

async function model() {
  const flow = toFlow(tree);
  const nodes = await layout(flow.nodes, flow.edges);
  const shares = [
    share('subnets', principal('arn:aws:organizations::111111111111:ou/o-abc123defg/ou-ab12-workload', 'ORGANIZATIONAL_UNIT', false), ['444444444444']),
    share('lists <partner>', principal('999988887777', 'ACCOUNT', true), []),
  ];
  const overlay = shareOverlay(tree, nodes, shares, [{ shareArn: shares[0].arn, recipients: [{ accountId: '444444444444', stop: 'some', stopped: [], conditional: [], external: false }] }]);
  return fromFlow([...nodes, ...overlay.nodes], [...flow.edges, ...overlay.edges], { title: 'RAM' });
}

describe('diagram exports with share edges', () => {
  it('carry share edges with their marks and the external account as its own kind', async () => {
    const diagram = await model();
    expect(diagram.nodes.find((node) => node.kind === 'external')).toMatchObject({ sublabel: '999988887777', badges: ['RAM lists <partner>'] });
    expect(diagram.edges.filter((edge) => edge.kind === 'share').map((edge) => [edge.label, edge.marks])).toEqual([
      ['RAM subnets · SCPs stop 1/1', ['stopped']],
      ['RAM lists <partner> · external · invitation pending', ['external', 'pending']],
    ]);
    expect(diagram.edges.filter((edge) => edge.kind === undefined)).toHaveLength(3);
  });

  it('draw them apart from the tree in SVG, draw.io and Mermaid, names escaped', async () => {
    const diagram = await model();
    const svg = toSvg(diagram);
    expect(svg).toContain('data-share-edges="true"');
    expect(svg.match(/<path d="M[^"]*C[^"]*" stroke="#(b42318|c2410c)" stroke-dasharray/g)).toHaveLength(2);
    expect(svg).toContain('RAM lists &lt;partner&gt; · external · invitation pending');
    expect(svg).toContain('2 AWS RAM share edges (1 to accounts outside the organization)');
    const drawio = toDrawio(diagram);
    expect(drawio.match(/style="curved=1;[^"]*dashed=1/g)).toHaveLength(2);
    expect(drawio).toContain('value="RAM lists &lt;partner&gt; · external · invitation pending"');
    const mermaid = toMermaid(diagram);
    expect(mermaid).toMatch(/n\d+ -\. "RAM subnets · SCPs stop 1\/1" \.-> n\d+/);
    expect(mermaid).toContain('RAM lists #lt;partner#gt; · external · invitation pending');
    expect(mermaid).toMatch(/linkStyle 3 stroke:#b42318,stroke-width:2px/);
    expect(mermaid).toMatch(/classDef external /);
  });

  it('leave the tree-only export as it was', async () => {
    const flow = toFlow(tree);
    const nodes = await layout(flow.nodes, flow.edges);
    const plain = fromFlow(nodes, flow.edges);
    expect(toSvg(plain)).not.toContain('data-share-edges');
    expect(toMermaid(plain)).not.toContain('-.');
  });
});
