// Domain → graph: a pure function from the API's org tree to React Flow nodes and edges (no React, no I/O).
import type { Edge, Node, SmoothStepPathOptions } from '@xyflow/react';
import type { OrgAccountNode, OrgRoot, OrgTree, OrgUnitNode } from '@/server/schemas/org';
import type { StackableEdgeData } from './layout';

/** Fixed card sizes per node type: the layout needs them before the browser has measured anything. */
export const NODE_SIZE = {
  root: { width: 240, height: 72 },
  ou: { width: 220, height: 72 },
  account: { width: 220, height: 88 },
} as const;

/** The organization root as a graph node. */
export type RootFlowNode = Node<{ root: OrgRoot; organizationId: string | null }, 'root'>;
/** An OU as a graph node; depth 1 is directly under the root (AWS allows five levels). */
export type OuFlowNode = Node<{ ou: OrgUnitNode; depth: number }, 'ou'>;
/** An account as a graph node. */
export type AccountFlowNode = Node<{ account: OrgAccountNode }, 'account'>;
/** Every node the org graph draws, discriminated by `type`. */
export type OrgFlowNode = RootFlowNode | OuFlowNode | AccountFlowNode;
/** A parent → child edge; `data.stacked` when the child sits in its parent's account stack. */
export type OrgFlowEdge = Edge<StackableEdgeData, 'smoothstep'> & { pathOptions?: SmoothStepPathOptions };

/** Handle ids: children hang from the bottom centre, stacked accounts from a connector on the bottom left. */
export const HANDLE = { children: 'children', stack: 'stack', parent: 'parent', side: 'side' } as const;
/** Nodes and edges ready for React Flow (positions are filled in by `layout`). */
export interface OrgFlow {
  nodes: OrgFlowNode[];
  edges: OrgFlowEdge[];
}

type Child = { kind: 'ou'; ou: OrgUnitNode } | { kind: 'account'; account: OrgAccountNode };

/**
 * Converts an org tree to graph nodes in breadth-first order (parents before children; under one parent the
 * OUs before the accounts, each in the order given) with one edge per parent → child link. The accounts of a
 * parent that has no child OU are stacked (drawn as a list under it). Throws when an OU or account names a
 * parent that is not in the tree, since that design would be drawn wrongly.
 */
export function toFlow(tree: OrgTree): OrgFlow {
  if (!tree.root) return { nodes: [], edges: [] };

  const childrenByParent = new Map<string, Child[]>();
  const addChild = (parentId: string, child: Child) => {
    const siblings = childrenByParent.get(parentId);
    if (siblings) siblings.push(child);
    else childrenByParent.set(parentId, [child]);
  };
  for (const ou of tree.orgUnits) addChild(ou.parentId, { kind: 'ou', ou });
  for (const account of tree.accounts) addChild(account.parentId, { kind: 'account', account });
  for (const siblings of childrenByParent.values()) {
    siblings.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'ou' ? -1 : 1));
  }

  const nodes: OrgFlowNode[] = [
    {
      id: tree.root.id,
      type: 'root',
      position: { x: 0, y: 0 },
      ...NODE_SIZE.root,
      data: { root: tree.root, organizationId: tree.organizationId },
    },
  ];
  const edges: OrgFlowEdge[] = [];
  const placed = new Set<string>([tree.root.id]);
  const queue: { id: string; depth: number }[] = [{ id: tree.root.id, depth: 0 }];

  for (let head = 0; head < queue.length; head++) {
    const parent = queue[head];
    const children = childrenByParent.get(parent.id) ?? [];
    const stackAccounts = children.every((child) => child.kind === 'account');
    for (const child of children) {
      const id = child.kind === 'ou' ? child.ou.id : child.account.id;
      if (placed.has(id)) continue; // a cycle or a duplicate id: draw each node once
      placed.add(id);
      if (child.kind === 'ou') {
        nodes.push({
          id,
          type: 'ou',
          position: { x: 0, y: 0 },
          ...NODE_SIZE.ou,
          data: { ou: child.ou, depth: parent.depth + 1 },
        });
        queue.push({ id, depth: parent.depth + 1 });
      } else {
        nodes.push({ id, type: 'account', position: { x: 0, y: 0 }, ...NODE_SIZE.account, data: { account: child.account } });
      }
      edges.push(stackAccounts ? stackedEdge(parent.id, id) : treeEdge(parent.id, id));
    }
  }

  const unreachable = [...tree.orgUnits.map((ou) => ou.id), ...tree.accounts.map((account) => account.id)].filter(
    (id) => !placed.has(id),
  );
  if (unreachable.length > 0) {
    throw new Error(`Org tree is inconsistent: ${unreachable.join(', ')} cannot be reached from root ${tree.root.id}.`);
  }
  return { nodes, edges };
}

function treeEdge(source: string, target: string): OrgFlowEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    sourceHandle: HANDLE.children,
    targetHandle: HANDLE.parent,
    type: 'smoothstep',
    data: { stacked: false },
  };
}

function stackedEdge(source: string, target: string): OrgFlowEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    sourceHandle: HANDLE.stack,
    targetHandle: HANDLE.side,
    type: 'smoothstep',
    // A short offset: the connector turns right into the card just after leaving the parent's left edge.
    pathOptions: { offset: 8, borderRadius: 6 },
    data: { stacked: true },
  };
}
