// The export sheet's compact layout: every card placed once, none overlapping, every edge routed orthogonally from
// its parent's card into its child's side, and a big organization folded into a sheet of about √2 : 1 instead of
// the canvas's one long row.
import { describe, expect, it } from 'vitest';
import { compactLayout } from '@/components/org-graph/compact-layout';
import { layoutNow } from '@/components/org-graph/layout';
import { toFlow } from '@/components/org-graph/to-flow';
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };

/** A root with `ous` OUs (every fifth one nested in the one before) and `perOu` accounts in each. */
function treeOf(ous: number, perOu: number): OrgTree {
  const orgUnits = Array.from({ length: ous }, (_, index) => ({
    id: `ou-${index}`, awsId: `ou-${index}`, name: `OU ${index}`, parentId: index % 5 === 4 ? `ou-${index - 1}` : 'r-1',
    policyCounts: none, attachedPolicies: [], enabledControlCount: 0,
  }));
  const accounts = orgUnits.flatMap((ou, index) => Array.from({ length: perOu + (index % 3) * 4 }, (_, serial) => {
    const id = String(100000000000 + index * 1000 + serial);
    return { id, accountId: id, name: `a${id}`, email: null, status: 'ACTIVE' as const, parentId: ou.id, isManagement: false, policyCounts: none, attachedPolicies: [] };
  }));
  return { designId: 'd', organizationId: null, managementAccountId: null, policyCount: 0, root: { id: 'r-1', awsId: 'r-1', name: 'Root', policyCounts: none, attachedPolicies: [] }, orgUnits, accounts };
}

describe('compactLayout', () => {
  const { nodes, edges } = toFlow(treeOf(60, 8));
  const sheet = compactLayout(nodes, edges);
  const box = (id: string) => {
    const node = nodes.find((candidate) => candidate.id === id)!;
    const at = sheet.positions.get(id)!;
    return { x: at.x, y: at.y, width: node.width!, height: node.height! };
  };

  it('places every card once, inside the sheet, with no two overlapping', () => {
    expect(sheet.positions.size).toBe(nodes.length);
    const boxes = nodes.map((node) => box(node.id));
    const outside = boxes.filter((a) => a.x < 0 || a.y < 0 || a.x + a.width > sheet.width + 0.001 || a.y + a.height > sheet.height + 0.001);
    expect(outside).toEqual([]);
    let overlapping = 0;
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlapping += 1;
    }
    expect(overlapping).toBe(0);
  });

  it('routes every edge with right angles from the parent card\'s bottom into the child card\'s left side', () => {
    expect(sheet.routes.size).toBe(edges.length);
    for (const edge of edges) {
      const route = sheet.routes.get(edge.id)!;
      const parent = box(edge.source);
      const child = box(edge.target);
      expect(route[0].y).toBe(parent.y + parent.height);
      expect(route[0].x).toBeGreaterThan(parent.x);
      expect(route[0].x).toBeLessThan(parent.x + parent.width);
      const end = route.at(-1)!;
      expect(end).toEqual({ x: child.x, y: child.y + child.height / 2 });
      for (let index = 1; index < route.length; index++) {
        expect(route[index].x === route[index - 1].x || route[index].y === route[index - 1].y).toBe(true);
      }
    }
  });

  it('folds a wide organization into a sheet of about √2 : 1, far narrower than the canvas layout', () => {
    const big = toFlow(treeOf(300, 12));
    const folded = compactLayout(big.nodes, big.edges);
    const canvasWidth = Math.max(...layoutNow(big.nodes, big.edges).map((node) => node.position.x + node.width!));
    expect(folded.width / folded.height).toBeGreaterThan(Math.SQRT2 / 1.6);
    expect(folded.width / folded.height).toBeLessThan(Math.SQRT2 * 1.6);
    expect(folded.width).toBeLessThan(canvasWidth / 5);
    // Not much more paper than the cards need: the sheet is at most three times their area with gaps.
    const cards = big.nodes.reduce((sum, node) => sum + (node.width! + 28) * (node.height! + 14), 0);
    expect(folded.width * folded.height).toBeLessThan(3 * cards);
  });
});
