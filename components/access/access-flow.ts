// Access graph → React Flow: principals and roles inside account boxes inside OU boxes, edges styled by the
// conditions they need. Pure (unit-tested); the layout is elkjs's layered algorithm over the nested boxes.
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Edge, Node } from '@xyflow/react';
import type { AccessEdgeDto, AccessNodeDto } from '@/server/schemas/access';

/** An account with its place in the organization (root first). */
export interface AccessAccount {
  accountId: string;
  name: string;
  inOrganization: boolean;
  ouPath: { id: string; name: string }[];
}

/** Data of a principal card. */
export interface PrincipalNodeData extends Record<string, unknown> {
  node: AccessNodeDto;
  highlighted: boolean;
}
/** Data of an account or OU box (a folded account is a box without children). */
export interface GroupNodeData extends Record<string, unknown> {
  label: string;
  kind: 'ou' | 'account' | 'outside';
  accountId?: string;
  folded?: boolean;
  count?: number;
}
/** Data of an edge. */
export interface AccessEdgeData extends Record<string, unknown> {
  edge: AccessEdgeDto;
  /** Edges folded into this one (between folded accounts). */
  count: number;
  highlighted: boolean;
}

export type PrincipalFlowNode = Node<PrincipalNodeData, 'principal'>;
export type GroupFlowNode = Node<GroupNodeData, 'group'>;
export type AccessFlowNode = PrincipalFlowNode | GroupFlowNode;
export type AccessFlowEdge = Edge<AccessEdgeData>;

/** What the view asks for. */
export interface AccessFlowOptions {
  /** Accounts drawn as one box (their principals hidden, edges redirected to the box). */
  folded: ReadonlySet<string>;
  /** Edge ids drawn highlighted (a who-can path). */
  highlighted: ReadonlySet<string>;
}

const CARD = { width: 200, height: 44 };
const FOLDED = { width: 200, height: 56 };

/** The condition a style keys on: the most telling one of the edge. */
export function edgeStyleKind(edge: AccessEdgeDto): string {
  const order = ['externalId', 'mfa', 'mfaAge', 'sessionTags', 'sourceIdentity', 'organization', 'source', 'other'];
  const kinds = edge.conditions.map((condition) => condition.kind);
  return order.find((kind) => kinds.includes(kind as never)) ?? (edge.chained ? 'chained' : 'plain');
}

/** A short label for an edge's conditions: "ExternalId", "MFA < 3600 s", "org o-…", "tag team". */
export function edgeLabel(edge: AccessEdgeDto): string {
  const parts = edge.conditions.map((condition) => {
    switch (condition.kind) {
      case 'externalId': return 'ExternalId';
      case 'mfa': return 'MFA';
      case 'mfaAge': return `MFA age ≤ ${condition.values[0] ?? '?'} s`;
      case 'organization': return condition.key.toLowerCase().endsWith('orgpaths') ? 'org path' : 'org';
      case 'sessionTags': return condition.key.includes('/') ? `tag ${condition.key.split('/')[1]}` : 'session tags';
      case 'sourceIdentity': return 'SourceIdentity';
      case 'source': return 'source';
      default: return condition.key;
    }
  });
  return [...new Set(parts)].join(' · ');
}

/** Nodes and edges for React Flow: OU boxes contain account boxes, which contain principal cards (unless folded). */
export function toAccessFlow(nodes: readonly AccessNodeDto[], edges: readonly AccessEdgeDto[], accounts: readonly AccessAccount[], options: AccessFlowOptions): { nodes: AccessFlowNode[]; edges: AccessFlowEdge[] } {
  const flowNodes: AccessFlowNode[] = [];
  const accountById = new Map(accounts.map((account) => [account.accountId, account]));
  const groupId = (accountId: string) => `account:${accountId}`;
  const ouGroups = new Set<string>();
  const parentOf = (account: AccessAccount | undefined): string | undefined => {
    if (!account?.inOrganization || account.ouPath.length === 0) return account ? undefined : undefined;
    // Every OU of the path (the root excepted) is a box; the account sits in the deepest one.
    let parent: string | undefined;
    for (const unit of account.ouPath.slice(1)) {
      const id = `ou:${unit.id}`;
      if (!ouGroups.has(id)) {
        ouGroups.add(id);
        flowNodes.push({ id, type: 'group', position: { x: 0, y: 0 }, data: { label: unit.name, kind: 'ou' }, ...(parent ? { parentId: parent, extent: 'parent' as const } : {}) });
      }
      parent = id;
    }
    return parent;
  };

  const usedAccounts = [...new Set(nodes.map((node) => node.accountId).filter((id): id is string => id !== undefined))].sort((a, b) => {
    const left = accountById.get(a);
    const right = accountById.get(b);
    return (left?.ouPath.map((unit) => unit.name).join('/') ?? '').localeCompare(right?.ouPath.map((unit) => unit.name).join('/') ?? '') || a.localeCompare(b);
  });
  for (const accountId of usedAccounts) {
    const account = accountById.get(accountId);
    const parent = parentOf(account);
    const folded = options.folded.has(accountId);
    const count = nodes.filter((node) => node.accountId === accountId).length;
    const label = account ? `${account.name} · ${accountId}` : `${accountId} (outside the organization)`;
    flowNodes.push({
      id: groupId(accountId), type: 'group', position: { x: 0, y: 0 },
      data: { label, kind: account?.inOrganization ? 'account' : 'outside', accountId, folded, count },
      ...(folded ? { width: FOLDED.width, height: FOLDED.height } : {}),
      ...(parent ? { parentId: parent, extent: 'parent' as const } : {}),
    });
  }
  const visibleId = new Map<string, string>();
  for (const node of nodes) {
    if (node.accountId && options.folded.has(node.accountId)) {
      visibleId.set(node.id, groupId(node.accountId));
      continue;
    }
    visibleId.set(node.id, node.id);
    const highlighted = edges.some((edge) => options.highlighted.has(edge.id) && (edge.from === node.id || edge.to === node.id));
    flowNodes.push({
      id: node.id, type: 'principal', position: { x: 0, y: 0 }, width: CARD.width, height: CARD.height,
      data: { node, highlighted },
      ...(node.accountId ? { parentId: groupId(node.accountId), extent: 'parent' as const } : {}),
    });
  }

  const byPair = new Map<string, AccessFlowEdge>();
  for (const edge of edges) {
    const source = visibleId.get(edge.from);
    const target = visibleId.get(edge.to);
    if (!source || !target || source === target) continue;
    const key = `${source}→${target}`;
    const highlighted = options.highlighted.has(edge.id);
    const existing = byPair.get(key);
    if (existing && existing.data) {
      existing.data.count += 1;
      existing.data.highlighted ||= highlighted;
      continue;
    }
    const kind = edgeStyleKind(edge);
    const label = edgeLabel(edge);
    byPair.set(key, {
      id: source === edge.from && target === edge.to ? edge.id : key,
      source, target,
      className: `access-edge access-edge--${kind}${edge.decision === 'conditional' ? ' access-edge--conditional' : ''}${highlighted ? ' access-edge--highlighted' : ''}`,
      ...(label ? { label } : {}),
      data: { edge, count: 1, highlighted },
      zIndex: 10,
    });
  }
  const flowEdges = [...byPair.values()].map((edge) => (edge.data && edge.data.count > 1 ? { ...edge, label: `${edge.label ? `${String(edge.label)} · ` : ''}${edge.data.count} edges` } : edge));
  return { nodes: flowNodes, edges: flowEdges };
}

const elk = new ELK();

/** Positions the boxes and cards with elkjs (layered, left to right, boxes laid out with their contents). */
export async function layoutAccessFlow(nodes: AccessFlowNode[], edges: AccessFlowEdge[]): Promise<AccessFlowNode[]> {
  const children = new Map<string | undefined, AccessFlowNode[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const toElk = (node: AccessFlowNode): ElkNode => {
    const kids = children.get(node.id) ?? [];
    if (kids.length === 0) return { id: node.id, width: node.width ?? CARD.width, height: node.height ?? CARD.height };
    return {
      id: node.id,
      layoutOptions: { 'elk.padding': '[top=30,left=12,bottom=12,right=12]', 'elk.spacing.nodeNode': '12' },
      children: kids.map(toElk),
    };
  };
  const root: ElkNode = {
    id: 'access',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60', 'elk.spacing.nodeNode': '18', 'elk.spacing.componentComponent': '30',
    },
    children: (children.get(undefined) ?? []).map(toElk),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const laidOut = await elk.layout(root);
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  const walk = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      placed.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child);
    }
  };
  walk(laidOut);
  return nodes.map((node) => {
    const box = placed.get(node.id);
    if (!box) return node;
    return { ...node, position: { x: box.x, y: box.y }, width: box.width, height: box.height, style: { width: box.width, height: box.height } } as AccessFlowNode;
  });
}
