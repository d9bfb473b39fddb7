import { describe, expect, it } from 'vitest';
import { NODE_SIZE, toFlow, type OrgFlowNode } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };

/** A small Control Tower shaped tree: root → Security (Log Archive, Audit), Workloads → Prod (one account). */
function sampleTree(): OrgTree {
  return {
    designId: 'd1',
    organizationId: 'o-abc123defg',
    managementAccountId: '111111111111',
    policyCount: 3,
    root: { id: 'r-ab12', awsId: 'r-ab12', name: 'Root', policyCounts: { scp: 1, rcp: 1 }, attachedPolicies: [] },
    orgUnits: [
      { id: 'ou-ab12-workload', awsId: 'ou-ab12-workload', name: 'Workloads', parentId: 'r-ab12', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'ou-ab12-prod0001', awsId: 'ou-ab12-prod0001', name: 'Prod', parentId: 'ou-ab12-workload', policyCounts: { scp: 2, rcp: 0 }, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'ou-ab12-security', awsId: 'ou-ab12-security', name: 'Security', parentId: 'r-ab12', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    ],
    accounts: [
      { id: '111111111111', accountId: '111111111111', name: 'Management', email: null, status: 'ACTIVE', parentId: 'r-ab12', isManagement: true, policyCounts: none, attachedPolicies: [] },
      { id: '222222222222', accountId: '222222222222', name: 'Log Archive', email: 'log@example.com', status: 'ACTIVE', parentId: 'ou-ab12-security', isManagement: false, policyCounts: none, attachedPolicies: [] },
      { id: '333333333333', accountId: '333333333333', name: 'Audit', email: null, status: 'ACTIVE', parentId: 'ou-ab12-security', isManagement: false, policyCounts: none, attachedPolicies: [] },
      { id: '444444444444', accountId: '444444444444', name: 'Payments Prod', email: null, status: 'ACTIVE', parentId: 'ou-ab12-prod0001', isManagement: false, policyCounts: none, attachedPolicies: [] },
    ],
  };
}

const label = (node: OrgFlowNode) =>
  node.type === 'root' ? `root:${node.data.root.name}` : node.type === 'ou' ? `ou:${node.data.ou.name}@${node.data.depth}` : node.type === 'account' ? `account:${node.data.account.name}` : `external:${node.data.accountId}`;

describe('toFlow', () => {
  it('draws one node per root, OU and account, breadth-first, OUs before accounts under each parent', () => {
    const { nodes } = toFlow(sampleTree());
    expect(nodes.map(label)).toEqual([
      'root:Root',
      'ou:Workloads@1',
      'ou:Security@1',
      'account:Management',
      'ou:Prod@2',
      'account:Log Archive',
      'account:Audit',
      'account:Payments Prod',
    ]);
  });

  it('links each child to its parent with one edge', () => {
    const { edges } = toFlow(sampleTree());
    expect(edges.map((edge) => `${edge.source}->${edge.target}`).sort()).toEqual(
      [
        'r-ab12->ou-ab12-workload',
        'r-ab12->ou-ab12-security',
        'r-ab12->111111111111',
        'ou-ab12-workload->ou-ab12-prod0001',
        'ou-ab12-security->222222222222',
        'ou-ab12-security->333333333333',
        'ou-ab12-prod0001->444444444444',
      ].sort(),
    );
    expect(new Set(edges.map((edge) => edge.id)).size).toBe(edges.length);
  });

  it('puts every account, and only accounts, in its parent\'s columns', () => {
    const { edges } = toFlow(sampleTree());
    const stacked = edges.filter((edge) => edge.data?.stacked).map((edge) => `${edge.source}->${edge.target}`).sort();
    expect(stacked).toEqual(
      ['r-ab12->111111111111', 'ou-ab12-security->222222222222', 'ou-ab12-security->333333333333', 'ou-ab12-prod0001->444444444444'].sort(),
    );
    for (const edge of edges) {
      expect([edge.type, edge.sourceHandle, edge.targetHandle]).toEqual(edge.data?.stacked ? ['column', 'children', 'side'] : ['smoothstep', 'children', 'parent']);
    }
  });

  it('carries the domain data the cards show: management flag, policy counts, organization id', () => {
    const { nodes } = toFlow(sampleTree());
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const management = byId.get('111111111111');
    expect(management?.type === 'account' && management.data.account.isManagement).toBe(true);
    const prod = byId.get('ou-ab12-prod0001');
    expect(prod?.type === 'ou' && prod.data.ou.policyCounts).toEqual({ scp: 2, rcp: 0 });
    const root = byId.get('r-ab12');
    expect(root?.type === 'root' && root.data.organizationId).toBe('o-abc123defg');
  });

  it('gives every node the fixed size of its type, which the layout relies on', () => {
    for (const node of toFlow(sampleTree()).nodes) {
      expect({ width: node.width, height: node.height }).toEqual(NODE_SIZE[node.type]);
    }
  });

  it('declares each card\'s handles where React Flow measures them, so that only cards in view are drawn at first', () => {
    const flow = toFlow(sampleTree());
    const byId = new Map(flow.nodes.map((node) => [node.id, node]));
    // Every edge's ends are declared handles of the right kind, centred on the side they sit on (6 px squares:
    // the browser measured x = width / 2 - 3 on top and bottom, y = height / 2 - 3 on the sides).
    for (const edge of flow.edges) {
      const source = byId.get(edge.source)!.handles?.find((handle) => handle.id === edge.sourceHandle);
      const target = byId.get(edge.target)!.handles?.find((handle) => handle.id === edge.targetHandle);
      expect(source).toMatchObject({ type: 'source', position: 'bottom' });
      expect(target?.type).toBe('target');
    }
    const account = flow.nodes.find((node) => node.type === 'account')!;
    expect(account.handles?.find((handle) => handle.id === 'side')).toEqual({ id: 'side', type: 'target', position: 'left', x: -3, y: 41, width: 6, height: 6 });
    const root = flow.nodes.find((node) => node.type === 'root')!;
    expect(root.handles?.find((handle) => handle.id === 'children')).toEqual({ id: 'children', type: 'source', position: 'bottom', x: 117, y: 69, width: 6, height: 6 });
    const ou = flow.nodes.find((node) => node.type === 'ou')!;
    expect(ou.handles?.find((handle) => handle.id === 'parent')).toMatchObject({ x: 107, y: -3 });
  });

  it('returns an empty graph when the design has no organization yet', () => {
    expect(toFlow({ ...sampleTree(), root: null, orgUnits: [], accounts: [] })).toEqual({ nodes: [], edges: [] });
  });

  it('refuses a tree whose nodes cannot be reached from the root, naming them', () => {
    const tree = sampleTree();
    tree.accounts.push({ id: '999999999999', accountId: '999999999999', name: 'Lost', email: null, status: 'ACTIVE', parentId: 'ou-missing', isManagement: false, policyCounts: none, attachedPolicies: [] });
    expect(() => toFlow(tree)).toThrow(/999999999999 cannot be reached from root r-ab12/);
  });

  it('refuses a parent cycle instead of looping forever', () => {
    const tree = sampleTree();
    tree.orgUnits.push(
      { id: 'ou-a', awsId: 'ou-a', name: 'A', parentId: 'ou-b', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
      { id: 'ou-b', awsId: 'ou-b', name: 'B', parentId: 'ou-a', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    );
    expect(() => toFlow(tree)).toThrow(/ou-a, ou-b cannot be reached/);
  });
});

describe('toFlow with folded subtrees and decisions', () => {
  it('leaves out everything under a folded node and says how much it hides', () => {
    const { nodes, edges } = toFlow(sampleTree(), { collapsed: new Set(['ou-ab12-workload']) });
    expect(nodes.map((node) => node.id)).not.toContain('ou-ab12-prod0001');
    expect(nodes.map((node) => node.id)).not.toContain('444444444444');
    expect(edges.every((edge) => edge.source !== 'ou-ab12-workload')).toBe(true);
    const workloads = nodes.find((node) => node.id === 'ou-ab12-workload');
    expect(workloads?.type === 'ou' && workloads.data).toMatchObject({
      collapsed: true,
      subtree: { childOus: 1, childAccounts: 0, ous: 1, accounts: 1 },
    });
    expect(workloads?.ariaLabel).toBe('Organizational unit Workloads, level 1, folded: 1 OU · 1 account hidden');
  });

  it('counts the whole subtree on the root and never marks a childless node folded', () => {
    const { nodes } = toFlow(sampleTree(), { collapsed: new Set(['ou-ab12-prod0001', '444444444444']) });
    const root = nodes[0];
    expect(root.type === 'root' && root.data.subtree).toEqual({ childOus: 2, childAccounts: 1, ous: 3, accounts: 4 });
    const prod = nodes.find((node) => node.id === 'ou-ab12-prod0001');
    expect(prod?.type === 'ou' && prod.data.collapsed).toBe(true);
    const security = nodes.find((node) => node.id === 'ou-ab12-security');
    expect(security?.type === 'ou' && security.data.collapsed).toBe(false);
  });

  it('puts each account decision on its card and in its accessible name', () => {
    const { nodes } = toFlow(sampleTree(), {
      decisions: { '222222222222': { decision: 'explicitDeny', summary: 'Denied by DenyAll at ou-ab12-security' } },
    });
    const log = nodes.find((node) => node.id === '222222222222');
    expect(log?.type === 'account' && log.data.decision?.decision).toBe('explicitDeny');
    expect(log?.ariaLabel).toBe('Account Log Archive (222222222222): Explicit deny');
    const audit = nodes.find((node) => node.id === '333333333333');
    expect(audit?.type === 'account' && audit.data.decision).toBeUndefined();
  });

  it('never lets the root be dragged', () => {
    expect(toFlow(sampleTree()).nodes[0]).toMatchObject({ type: 'root', draggable: false });
  });
});
