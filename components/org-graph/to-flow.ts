// Domain → graph: a pure function from the API's org tree to React Flow nodes and edges (no React, no I/O).
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { OrgAccountNode, OrgRoot, OrgTree, OrgUnitNode } from '@/server/schemas/org';
import { indexOrgTree, type SubtreeCounts } from '../editor-base/org-tree-index';
import type { StackableEdgeData } from './layout';

/** Fixed card sizes per node type: the layout needs them before the browser has measured anything. */
export const NODE_SIZE = {
  root: { width: 240, height: 72 },
  ou: { width: 220, height: 72 },
  account: { width: 220, height: 88 },
  externalAccount: { width: 200, height: 64 },
} as const;

/** How many OUs and accounts sit under a node (defined with the tree's index). */
export type { SubtreeCounts };

/** What a container (root or OU) card needs to draw its collapse control and hidden-count badge. */
export type ContainerData = {
  subtree: SubtreeCounts;
  /** True when its children are not drawn (the card shows how many are hidden). */
  collapsed: boolean;
};

/** The effective-permission colour of an account for the current request. */
export type FlowDecision = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'conditional';

/** How each decision is spoken and written on a card. */
export const DECISION_LABEL: Record<FlowDecision, string> = {
  allowed: 'Allowed',
  explicitDeny: 'Explicit deny',
  implicitDeny: 'Implicit deny',
  conditional: 'Depends on conditions',
};

/** The organization root as a graph node. */
export type RootFlowNode = Node<{ root: OrgRoot; organizationId: string | null } & ContainerData, 'root'>;
/** An OU as a graph node; depth 1 is directly under the root (AWS allows five levels). */
export type OuFlowNode = Node<{ ou: OrgUnitNode; depth: number; pinned?: boolean } & ContainerData, 'ou'>;
/** What an account card shows for the service overlay (the org-wide matrix's share of one service's actions). */
export interface CardShare {
  /** Shown on the card, e.g. "s3 62%". */
  text: string;
  /** The chip's colour. */
  background: string;
  /** The counts behind it, on hover. */
  title: string;
}

/**
 * An account as a graph node; `decision` only in the effective-permission view, `share` with the service overlay,
 * `pinned` when the user placed the card by hand (see pinned-layout.ts; OUs carry it too).
 */
export type AccountFlowNode = Node<{ account: OrgAccountNode; decision?: { decision: FlowDecision; summary: string }; share?: CardShare; pinned?: boolean }, 'account'>;
/** An account outside the organization that a RAM share names (drawn beside the tree, never part of it). */
export type ExternalAccountFlowNode = Node<{ accountId: string; shares: string[] }, 'externalAccount'>;
/** Every node the org graph draws, discriminated by `type`. */
export type OrgFlowNode = RootFlowNode | OuFlowNode | AccountFlowNode | ExternalAccountFlowNode;
/**
 * A parent → child edge: `smoothstep` (the bus) to a child OU, `column` (bus, then the column's spine, then a tick
 * into the card; see ColumnEdge) to an account, marked `data.stacked`; `wrappedRow` (see WrappedRowEdge) to a child
 * OU in a wrapped row after the first (the layout sets it); `default` (a bezier) for overlays' edges; `ramShare` (a bezier with its label placed apart) for RAM share edges.
 */
export type OrgFlowEdge = Edge<StackableEdgeData, 'smoothstep' | 'column' | 'wrappedRow' | 'default' | 'ramShare'>;

/** Handle ids: children hang from the bottom centre; accounts take their connector on the left side. */
export const HANDLE = { children: 'children', parent: 'parent', side: 'side', shareOut: 'share-out', shareIn: 'share-in' } as const;

/** React Flow's handles are 6 px squares centred on the card's edge (the default style; globals.css only hides them). */
const HANDLE_SIZE = 6;

/** A handle where React Flow would measure it on a card of this size: centred on the side it sits on. */
function handleAt(id: string, type: 'source' | 'target', position: Position, size: { width: number; height: number }): NodeHandle {
  const half = HANDLE_SIZE / 2;
  const x = position === Position.Left ? -half : position === Position.Right ? size.width - half : size.width / 2 - half;
  const y = position === Position.Top ? -half : position === Position.Bottom ? size.height - half : size.height / 2 - half;
  return { id, type, position, x, y, width: HANDLE_SIZE, height: HANDLE_SIZE };
}

/**
 * The handles of each card type (nodes/*.tsx draw them), declared so that React Flow knows them before it has
 * drawn the card. Without them it draws every card of the flow once, hidden, just to measure its handles (its
 * "initial render" of unmeasured nodes): about 200 cards and 3,400 elements laid out before the first card of a
 * 6,001-card design showed. With them only the cards in view are drawn. The same values React Flow measures
 * (checked in the browser on every card of the sample, at two zooms). Each card also carries its size as
 * `measured` (the wrapper is drawn at exactly that size): a card coming into view after a move or a pan is then
 * not measured again and sent back to the canvas as a change of size.
 */
export const CARD_HANDLES = {
  root: [
    handleAt(HANDLE.children, 'source', Position.Bottom, NODE_SIZE.root),
    handleAt(HANDLE.shareIn, 'target', Position.Right, NODE_SIZE.root),
  ],
  ou: [
    handleAt(HANDLE.parent, 'target', Position.Top, NODE_SIZE.ou),
    handleAt(HANDLE.children, 'source', Position.Bottom, NODE_SIZE.ou),
    handleAt(HANDLE.shareIn, 'target', Position.Right, NODE_SIZE.ou),
  ],
  account: [
    handleAt(HANDLE.parent, 'target', Position.Top, NODE_SIZE.account),
    handleAt(HANDLE.side, 'target', Position.Left, NODE_SIZE.account),
    handleAt('access-out', 'source', Position.Right, NODE_SIZE.account),
    handleAt('access-in', 'target', Position.Right, NODE_SIZE.account),
    handleAt(HANDLE.shareOut, 'source', Position.Right, NODE_SIZE.account),
    handleAt(HANDLE.shareIn, 'target', Position.Right, NODE_SIZE.account),
  ],
} satisfies Record<'root' | 'ou' | 'account', NodeHandle[]>;
/** Nodes and edges ready for React Flow (positions are filled in by `layout`). */
export interface OrgFlow {
  nodes: OrgFlowNode[];
  edges: OrgFlowEdge[];
}

/** Options of `toFlow`. */
export interface ToFlowOptions {
  /** Row ids of the root or OUs whose children are not drawn (nor laid out): large organizations stay fast. */
  collapsed?: ReadonlySet<string>;
  /** Effective-permission decisions by 12-digit account id; accounts without one are drawn neutral. */
  decisions?: Readonly<Record<string, { decision: FlowDecision; summary: string }>>;
}


/**
 * Converts an org tree to graph nodes in breadth-first order (parents before children; under one parent the
 * OUs before the accounts, each in the order given) with one edge per parent → child link. Accounts are stacked
 * (drawn in columns under their parent, see `layout`). The children of a collapsed node are left
 * out entirely (the node carries their counts). Throws when an OU or account names a parent that is not in the
 * tree, since that design would be drawn wrongly.
 */
export function toFlow(tree: OrgTree, options: ToFlowOptions = {}): OrgFlow {
  if (!tree.root) return { nodes: [], edges: [] };
  const collapsed = options.collapsed ?? new Set<string>();
  const decisions = options.decisions ?? {};

  // The tree's shared index (children OUs first, counts, unreachable ids): built once per tree, also used by
  // the folding defaults and the panels.
  const { childrenOf: childrenByParent, subtreeCounts: counts, unreachable } = indexOrgTree(tree);
  if (unreachable.length > 0) {
    throw new Error(`Org tree is inconsistent: ${unreachable.join(', ')} cannot be reached from root ${tree.root.id}.`);
  }
  const container = (id: string): ContainerData => ({
    subtree: counts.get(id) as SubtreeCounts,
    collapsed: collapsed.has(id) && (childrenByParent.get(id)?.length ?? 0) > 0,
  });

  const nodes: OrgFlowNode[] = [
    {
      id: tree.root.id,
      type: 'root',
      position: { x: 0, y: 0 },
      ...NODE_SIZE.root,
      handles: CARD_HANDLES.root,
      measured: NODE_SIZE.root,
      data: { root: tree.root, organizationId: tree.organizationId, ...container(tree.root.id) },
      ariaLabel: `Organization root ${tree.root.name}${foldedLabel(container(tree.root.id))}`,
      draggable: false,
    },
  ];
  const edges: OrgFlowEdge[] = [];
  const placed = new Set<string>([tree.root.id]);
  const queue: { id: string; depth: number }[] = [{ id: tree.root.id, depth: 0 }];

  for (let head = 0; head < queue.length; head++) {
    const parent = queue[head];
    if (collapsed.has(parent.id)) continue;
    const children = childrenByParent.get(parent.id) ?? [];
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
          handles: CARD_HANDLES.ou,
          measured: NODE_SIZE.ou,
          data: { ou: child.ou, depth: parent.depth + 1, ...container(id) },
          ariaLabel: `Organizational unit ${child.ou.name}, level ${parent.depth + 1}${foldedLabel(container(id))}`,
        });
        queue.push({ id, depth: parent.depth + 1 });
      } else {
        const decision = decisions[child.account.accountId];
        nodes.push({
          id,
          type: 'account',
          position: { x: 0, y: 0 },
          ...NODE_SIZE.account,
          handles: CARD_HANDLES.account,
          measured: NODE_SIZE.account,
          data: decision ? { account: child.account, decision } : { account: child.account },
          ariaLabel: `${child.account.isManagement ? 'Management account' : 'Account'} ${child.account.name} (${child.account.accountId})${decision ? `: ${DECISION_LABEL[decision.decision]}` : ''}`,
        });
      }
      edges.push(child.kind === 'account' ? stackedEdge(parent.id, id) : treeEdge(parent.id, id));
    }
  }

  return { nodes, edges };
}

/** ", folded: 3 OUs · 40 accounts hidden" for a folded container, else nothing. */
function foldedLabel(data: ContainerData): string {
  if (!data.collapsed) return '';
  const parts = [];
  if (data.subtree.ous > 0) parts.push(`${data.subtree.ous} OU${data.subtree.ous === 1 ? '' : 's'}`);
  if (data.subtree.accounts > 0) parts.push(`${data.subtree.accounts} account${data.subtree.accounts === 1 ? '' : 's'}`);
  return `, folded: ${parts.join(' · ')} hidden`;
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
    sourceHandle: HANDLE.children,
    targetHandle: HANDLE.side,
    type: 'column',
    data: { stacked: true },
  };
}
