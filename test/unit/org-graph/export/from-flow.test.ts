import { describe, expect, it } from 'vitest';
import { fromFlow } from '@/components/org-graph/export/from-flow';
import { toDrawio } from '@/components/org-graph/export/to-drawio';
import { toMermaid } from '@/components/org-graph/export/to-mermaid';
import { toSvg } from '@/components/org-graph/export/to-svg';
import { NODE_SIZE, toFlow, type OrgFlowNode } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';
import { HOSTILE_NAMES } from './sample-diagram';
import { parseXml } from './strict-xml';

const none = { scp: 0, rcp: 0 };

function tree(): OrgTree {
  return {
    designId: 'd1',
    organizationId: 'o-abc123defg',
    managementAccountId: '111111111111',
    policyCount: 3,
    root: { id: 'root-row', awsId: 'r-ab12', name: 'Root', policyCounts: { scp: 1, rcp: 1 }, attachedPolicies: [] },
    orgUnits: [
      { id: 'ou-row-1', awsId: 'ou-ab12-workload', name: HOSTILE_NAMES.ou, parentId: 'root-row', policyCounts: { scp: 2, rcp: 0 }, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'ou-row-2', awsId: 'ou-ab12-sandbox1', name: 'Sandbox', parentId: 'root-row', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    ],
    accounts: [
      { id: 'acct-row-m', accountId: '111111111111', name: 'Management', email: null, status: 'ACTIVE', parentId: 'root-row', isManagement: true, policyCounts: none, attachedPolicies: [] },
      { id: 'acct-row-1', accountId: '222222222222', name: HOSTILE_NAMES.account, email: null, status: 'ACTIVE', parentId: 'ou-row-1', isManagement: false, policyCounts: none, attachedPolicies: [] },
      { id: 'acct-row-2', accountId: '333333333333', name: 'Old sandbox', email: null, status: 'SUSPENDED', parentId: 'ou-row-2', isManagement: false, policyCounts: none, attachedPolicies: [] },
    ],
  };
}

/** The canvas after layout: positions set, some nodes measured by the browser. */
function laidOut(): { nodes: OrgFlowNode[]; edges: ReturnType<typeof toFlow>['edges'] } {
  const flow = toFlow(tree());
  const nodes = flow.nodes.map((node, i) => ({ ...node, position: { x: i * 250, y: node.type === 'root' ? 0 : 150 } }) as OrgFlowNode);
  nodes[1] = { ...nodes[1], measured: { width: 230, height: 80 } } as OrgFlowNode;
  return { nodes, edges: flow.edges };
}

describe('fromFlow', () => {
  it('takes kind, name, AWS id, badges, management mark and geometry from the canvas nodes', () => {
    const { nodes, edges } = laidOut();
    const model = fromFlow(nodes, edges, { title: 'Sample' });
    expect(model.title).toBe('Sample');
    expect(model.nodes.map((node) => [node.kind, node.label, node.sublabel])).toEqual([
      ['root', 'Root', 'r-ab12'],
      ['ou', HOSTILE_NAMES.ou, 'ou-ab12-workload'],
      ['ou', 'Sandbox', 'ou-ab12-sandbox1'],
      ['account', 'Management', '111111111111'],
      ['account', HOSTILE_NAMES.account, '222222222222'],
      ['account', 'Old sandbox', '333333333333'],
    ]);
    expect(model.nodes[0]).toMatchObject({ x: 0, y: 0, ...NODE_SIZE.root, badges: ['SCP 1', 'RCP 1'] });
    expect(model.nodes[1]).toMatchObject({ x: 250, y: 150, width: 230, height: 80, badges: ['SCP 2'] });
    expect(model.nodes[3].isManagement).toBe(true);
    expect(model.nodes[4].isManagement).toBeUndefined();
    expect(model.nodes[5].badges).toEqual(['suspended']);
    expect(model.edges).toEqual(edges.map(({ id, source, target }) => ({ id, source, target })));
  });

  it('applies the effective-view statuses by node id and leaves other nodes neutral', () => {
    const { nodes, edges } = laidOut();
    const model = fromFlow(nodes, edges, { statuses: { 'acct-row-1': 'explicitDeny', 'acct-row-2': 'allowed' } });
    expect(model.nodes.map((node) => node.status)).toEqual([undefined, undefined, undefined, undefined, 'explicitDeny', 'allowed']);
    expect(model.legend).toBeUndefined();
  });

  it('exports only what is visible: hidden nodes and the edges touching them are left out', () => {
    const { nodes, edges } = laidOut();
    const collapsed = nodes.map((node) => (node.id === 'acct-row-1' || node.id === 'acct-row-2' ? { ...node, hidden: true } : node));
    const model = fromFlow(collapsed, edges);
    expect(model.nodes.map((node) => node.id)).toEqual(['root-row', 'ou-row-1', 'ou-row-2', 'acct-row-m']);
    expect(model.edges.map((edge) => edge.target)).toEqual(['ou-row-1', 'ou-row-2', 'acct-row-m']);
  });

  it('feeds every exporter: SVG and draw.io parse, Mermaid has a line per node', () => {
    const { nodes, edges } = laidOut();
    const model = fromFlow(nodes, edges, { statuses: { 'acct-row-1': 'conditional' } });
    expect(parseXml(toSvg(model, { theme: 'dark' })).name).toBe('svg');
    expect(parseXml(toDrawio(model)).name).toBe('mxfile');
    expect(toMermaid(model).split('\n').filter((line) => /^ {2}n\d+\["/.test(line))).toHaveLength(nodes.length);
  });
});
