// Node and edge objects kept across redraws when they draw the same: after a move only the changed cards are new.
import { describe, expect, it } from 'vitest';
import { inPreviousOrder, reuseSame, reuseSameNodes, sameEdge, sameNode } from '@/components/org-graph/stable-nodes';
import { sameCard } from '@/components/org-graph/nodes/same-card';
import { layoutNow } from '@/components/org-graph/layout';
import { toFlow } from '@/components/org-graph/to-flow';
import { moveInTree } from '@/components/editor-base/org-tree-queries';
import type { OrgTree } from '@/server/schemas/org';

const none = { scp: 0, rcp: 0 };
const account = (id: string, parentId: string) => ({ id, accountId: id, name: `a${id}`, email: null, status: 'ACTIVE' as const, parentId, isManagement: false, policyCounts: none, attachedPolicies: [] });
const tree: OrgTree = {
  designId: 'd', organizationId: null, managementAccountId: null, policyCount: 0,
  root: { id: 'r', awsId: 'r-1', name: 'Root', policyCounts: none, attachedPolicies: [] },
  orgUnits: ['a', 'b', 'c'].map((id) => ({ id, awsId: `ou-${id}`, name: id.toUpperCase(), parentId: 'r', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 })),
  accounts: [account('100000000001', 'a'), account('100000000002', 'a'), account('100000000003', 'c')],
};
const laidOut = (source: OrgTree) => {
  const flow = toFlow(source);
  return { nodes: layoutNow(flow.nodes, flow.edges), edges: flow.edges };
};

describe('stable nodes', () => {
  it('keeps every object of an identical redraw, and the list itself', () => {
    const first = laidOut(tree);
    const again = laidOut(tree);
    expect(again.nodes[0]).not.toBe(first.nodes[0]);
    expect(reuseSame(first.nodes, again.nodes, sameNode)).toBe(first.nodes);
    expect(reuseSame(first.edges, again.edges, sameEdge)).toBe(first.edges);
  });

  it('after a move, renews only the cards whose place, counts or data changed', () => {
    const before = laidOut(tree);
    const after = laidOut(moveInTree(tree, '100000000002', 'b'));
    const kept = reuseSame(before.nodes, after.nodes, sameNode);
    const renewed = kept.filter((node) => !before.nodes.includes(node)).map((node) => node.id).sort();
    // The moved account, both parents (their counts), and what the layout moved; the untouched OU C and its
    // account keep their objects when their place did not change.
    expect(renewed).toEqual(expect.arrayContaining(['100000000002', 'a', 'b']));
    for (const node of kept) {
      const old = before.nodes.find((candidate) => candidate.id === node.id)!;
      if (node === old) expect(after.nodes.find((candidate) => candidate.id === node.id)!.position).toEqual(old.position);
    }
    expect(reuseSame(before.edges, after.edges, sameEdge).filter((edge) => !before.edges.includes(edge)).map((edge) => edge.id)).toEqual(['b->100000000002']);
  });

  it('tells apart a changed measurement, flag or data field', () => {
    const [node] = laidOut(tree).nodes;
    expect(sameNode(node, { ...node })).toBe(true);
    expect(sameNode(node, { ...node, measured: { width: 240, height: 80 } })).toBe(false);
    expect(sameNode(node, { ...node, selected: true })).toBe(false);
    expect(sameNode(node, { ...node, data: { ...node.data, collapsed: !(node.data as { collapsed: boolean }).collapsed } })).toBe(false);
    expect(sameNode(node, { ...node, position: { ...node.position } })).toBe(true);
  });

  it('keeps the data of a card that only moved, so its memoised component is not drawn again', () => {
    const before = laidOut(tree);
    const shifted = laidOut(tree).nodes.map((node) => (node.id === '100000000003' ? { ...node, position: { x: node.position.x + 500, y: node.position.y } } : node));
    const kept = reuseSameNodes(before.nodes, shifted);
    const moved = kept.find((node) => node.id === '100000000003')!;
    const old = before.nodes.find((node) => node.id === '100000000003')!;
    expect(moved).not.toBe(old);
    expect(moved.position.x).toBe(old.position.x + 500);
    expect(moved.data).toBe(old.data);
    expect(sameCard(old, moved)).toBe(true);
    // A card whose content changed gets its new data.
    const after = reuseSameNodes(before.nodes, laidOut(moveInTree(tree, '100000000002', 'b')).nodes);
    const parent = after.find((node) => node.id === 'b')!;
    expect(sameCard(before.nodes.find((node) => node.id === 'b')!, parent)).toBe(false);
    expect(reuseSameNodes(before.nodes, laidOut(tree).nodes)).toBe(before.nodes);
  });

  it('keeps the previous order of the cards drawn before, new cards after, removed ones gone', () => {
    const item = (id: string, version = 0) => ({ id, version });
    const previous = [item('r'), item('a'), item('x'), item('b')];
    const next = [item('r', 1), item('b', 1), item('n'), item('a', 1), item('m')];
    expect(inPreviousOrder(previous, next)).toEqual([item('r', 1), item('a', 1), item('b', 1), item('n'), item('m')]);
    expect(inPreviousOrder([], next)).toBe(next);
    // After a move the moved account keeps its place in the list, though toFlow lists it under its new parent.
    const before = laidOut(tree).nodes;
    const after = laidOut(moveInTree(tree, '100000000001', 'c')).nodes;
    expect(after.map((node) => node.id)).not.toEqual(before.map((node) => node.id));
    expect(inPreviousOrder(before, after).map((node) => node.id)).toEqual(before.map((node) => node.id));
  });
});
