import { describe, expect, it } from 'vitest';
import { columnCountFor, LAYER_GAP, layout, orgLayout } from '@/components/org-graph/layout';
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

describe('layout with wrapped rows', () => {
  // Twelve OUs under the root, each with two accounts, and four accounts on the root: a row far wider than 1,400.
  const wide: OrgTree = {
    ...tree,
    orgUnits: Array.from({ length: 12 }, (_, index) => ({ ...tree.orgUnits[0], id: `ou-${index}`, awsId: `ou-${index}`, name: `OU ${index}` })),
    accounts: [
      ...Array.from({ length: 24 }, (_, index) => ({ ...tree.accounts[0], id: `a${index}`, accountId: String(300000000000 + index), name: `a${index}`, parentId: `ou-${index % 12}` })),
      ...Array.from({ length: 4 }, (_, index) => ({ ...tree.accounts[0], id: `m${index}`, accountId: String(400000000000 + index), name: `m${index}`, parentId: 'r-1' })),
    ],
  };
  const maxRowWidth = 1400;
  const laidOut = () => {
    const { nodes, edges } = toFlow(wide);
    const result = orgLayout(nodes, edges, { maxRowWidth });
    const box = (id: string) => {
      const node = nodes.find((entry) => entry.id === id)!;
      const position = result.positions.get(id)!;
      return { x: position.x, y: position.y, w: node.width!, h: node.height! };
    };
    return { nodes, edges, result, box };
  };

  it('keeps the tree within the row width, without overlaps, every child below its parent', () => {
    const { nodes, edges, box } = laidOut();
    const boxes = nodes.map((node) => box(node.id));
    expect(Math.max(...boxes.map((entry) => entry.x + entry.w)) - Math.min(...boxes.map((entry) => entry.x))).toBeLessThanOrEqual(maxRowWidth);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    }
    for (const edge of edges) expect(box(edge.target).y).toBeGreaterThanOrEqual(box(edge.source).y + box(edge.source).h + LAYER_GAP - 1);
    // Several rows of first-level OUs, in the order given (left to right, then top to bottom).
    const firstLevel = wide.orgUnits.map((ou) => box(ou.id));
    expect(new Set(firstLevel.map((entry) => entry.y)).size).toBeGreaterThan(1);
    for (let index = 1; index < firstLevel.length; index++) {
      const [before, after] = [firstLevel[index - 1], firstLevel[index]];
      expect(after.y > before.y || (after.y === before.y && after.x > before.x)).toBe(true);
    }
  });

  it('bends the edges into later rows down a trunk left of every card of the rows, to a bus above their row', () => {
    const { edges, result, box } = laidOut();
    const root = box('r-1');
    const source = { x: root.x + root.w / 2, y: root.y + root.h };
    const firstRowY = Math.min(...wide.orgUnits.map((ou) => box(ou.id).y));
    const rootChildren = edges.filter((edge) => edge.source === 'r-1').map((edge) => edge.target);
    const bent = rootChildren.filter((id) => result.bends.has(id));
    expect(bent.length).toBeGreaterThan(0);
    // Children in the first row are reached by the plain bus, without a bend.
    for (const id of rootChildren) expect(result.bends.has(id)).toBe(box(id).y > firstRowY);
    const trunkX = source.x + result.bends.get(bent[0])!.trunkDx;
    for (const id of bent) {
      const bend = result.bends.get(id)!;
      expect(source.x + bend.trunkDx).toBe(trunkX);
      // The row's bus runs in the gap just above the row, below everything of the rows above it.
      const busY = source.y + bend.busDy;
      expect(busY).toBeLessThanOrEqual(box(id).y - LAYER_GAP / 2);
      expect(wide.orgUnits.some((ou) => box(ou.id).y === busY + LAYER_GAP / 2) || result.bends.get(id) === undefined).toBe(true);
      for (const other of result.positions.keys()) if (box(other).y < busY) expect(box(other).y + box(other).h).toBeLessThan(busY);
    }
    // The trunk runs in the gutter left of every card under the root (nothing of the subtrees reaches it).
    for (const id of result.positions.keys()) if (id !== 'r-1') expect(box(id).x).toBeGreaterThan(trunkX);
  });

  it('leaves a row that fits as one row, without bends', () => {
    const { nodes, edges } = toFlow(tree);
    const result = orgLayout(nodes, edges, { maxRowWidth });
    expect(result.bends.size).toBe(0);
    expect(result.positions.get('ou-a')!.y).toBe(result.positions.get('ou-b')!.y);
  });
});
