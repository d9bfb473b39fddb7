import { describe, expect, it } from 'vitest';
import { columnCountFor, layout } from '@/components/org-graph/layout';
import { toFlow } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };
const tree: OrgTree = {
  designId: 'd1',
  organizationId: null,
  managementAccountId: null,
  policyCount: 0,
  root: { id: 'r-1', awsId: 'r-1', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: [
    { id: 'ou-a', awsId: 'ou-a', name: 'A', parentId: 'r-1', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
    { id: 'ou-b', awsId: 'ou-b', name: 'B', parentId: 'r-1', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 },
  ],
  accounts: [
    { id: '100000000001', accountId: '100000000001', name: 'a1', email: null, status: 'ACTIVE', parentId: 'ou-a', isManagement: false, policyCounts: none, attachedPolicies: [] },
    { id: '100000000002', accountId: '100000000002', name: 'a2', email: null, status: 'ACTIVE', parentId: 'ou-a', isManagement: false, policyCounts: none, attachedPolicies: [] },
    { id: '100000000003', accountId: '100000000003', name: 'b1', email: null, status: 'ACTIVE', parentId: 'ou-b', isManagement: false, policyCounts: none, attachedPolicies: [] },
  ],
};

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('layout', () => {
  it('places every child below its parent, leaving a gap between levels', async () => {
    const { nodes, edges } = toFlow(tree);
    const laidOut = new Map((await layout(nodes, edges, { layerSpacing: 80 })).map((node) => [node.id, node]));
    for (const edge of edges) {
      const parent = laidOut.get(edge.source)!;
      const child = laidOut.get(edge.target)!;
      expect(child.position.y).toBeGreaterThanOrEqual(parent.position.y + parent.height! + 80 - 1);
    }
  });

  it('keeps cards from overlapping', async () => {
    const { nodes, edges } = toFlow(tree);
    const boxes = (await layout(nodes, edges)).map((node) => ({ x: node.position.x, y: node.position.y, w: node.width!, h: node.height! }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    }
  });

  it('centres a parent over child OUs', async () => {
    const { nodes, edges } = toFlow(tree);
    const byId = new Map((await layout(nodes, edges)).map((node) => [node.id, node]));
    const centre = (id: string) => byId.get(id)!.position.x + byId.get(id)!.width! / 2;
    expect(centre('r-1')).toBeCloseTo((centre('ou-a') + centre('ou-b')) / 2, 0);
  });

  it('stands the accounts of an OU in one column right of its spine, in order, a row gap apart', async () => {
    const { nodes, edges } = toFlow(tree);
    const byId = new Map((await layout(nodes, edges, { rowSpacing: 20, columnIndent: 40 })).map((node) => [node.id, node]));
    const ou = byId.get('ou-a')!;
    const [first, second] = [byId.get('100000000001')!, byId.get('100000000002')!];
    expect(first.position.x).toBe(second.position.x);
    expect(second.position.y - (first.position.y + first.height!)).toBeCloseTo(20, 0);
    // The column (spine and cards) is centred under its OU.
    expect(first.position.x - 40 + (40 + first.width!) / 2).toBeCloseTo(ou.position.x + ou.width! / 2, 0);
  });

  it('spreads many accounts over columns of equal height, beside the child OUs, without overlaps', async () => {
    const many: OrgTree = {
      ...tree,
      accounts: [
        ...tree.accounts,
        ...Array.from({ length: 30 }, (_, index) => ({ ...tree.accounts[0], id: `r${index}`, accountId: String(200000000000 + index), name: `r${index}`, parentId: 'r-1' })),
      ],
    };
    const { nodes, edges } = toFlow(many);
    const laidOut = await layout(nodes, edges);
    const byId = new Map(laidOut.map((node) => [node.id, node]));
    const columns = new Set(Array.from({ length: 30 }, (_, index) => byId.get(`r${index}`)!.position.x));
    expect(columns.size).toBe(columnCountFor(30));
    expect(columnCountFor(30)).toBeGreaterThan(1);
    // Columns come after the OUs, on the OUs' row.
    expect(byId.get('r0')!.position.x).toBeGreaterThan(byId.get('ou-b')!.position.x);
    expect(byId.get('r0')!.position.y).toBe(byId.get('ou-a')!.position.y);
    const boxes = laidOut.map((node) => ({ x: node.position.x, y: node.position.y, w: node.width!, h: node.height! }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    }
  });

  it('leaves hidden nodes where they are and lays out the rest without them', async () => {
    const { nodes, edges } = toFlow(tree);
    const withHidden = nodes.map((node) => (node.id === 'ou-b' || node.id === '100000000003' ? { ...node, hidden: true, position: { x: -5, y: -7 } } : node));
    const laidOut = await layout(withHidden, edges);
    const hidden = laidOut.filter((node) => node.hidden);
    expect(hidden.map((node) => node.position)).toEqual([{ x: -5, y: -7 }, { x: -5, y: -7 }]);
    expect(laidOut.find((node) => node.id === 'ou-a')!.position.y).toBeGreaterThan(0);
  });

  it('names a node that has no size', async () => {
    await expect(layout([{ id: 'n1', position: { x: 0, y: 0 }, data: {} }], [])).rejects.toThrow(/Node n1 has no size/);
  });
});
