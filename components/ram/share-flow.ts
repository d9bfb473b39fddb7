// RAM share edges on the org graph: owner account → each principal a share names (an account card, an OU card, the
// root for the organization, or a card beside the tree for an account outside the organization). Pure: no React.
// The marks only restate what the API says: `external` from the share view, the SCP stops from the engine
// (ram.shareScpStops); nothing here decides who may use what.
import { MarkerType } from '@xyflow/react';
import type { OrgTree } from '@/server/schemas/org';
import type { ResourceShareView, ShareScpStops } from '@/server/schemas/ram';
import { HANDLE, NODE_SIZE, type ExternalAccountFlowNode, type OrgFlowEdge, type OrgFlowNode } from '../org-graph/to-flow';
import { placeShareLabels, type LabelledCurve, type Rect } from './share-label-placement';

/** How far a share's recipients' SCPs stop them: none, some of them or some actions, all of them, or it depends. */
export type ShareEdgeStop = 'none' | 'some' | 'all' | 'conditional';

/** What one share edge carries (for its panel and the exports). */
export interface ShareEdgeData extends Record<string, unknown> {
  shareArn: string;
  shareName: string;
  principal: string;
  external: boolean;
  pending: boolean;
  stop: ShareEdgeStop;
  /** Recipient accounts behind the principal, and how many of them their SCPs stop (some or all actions). */
  recipients: number;
  stopped: number;
  /** Where the label's centre goes (flow coordinates): a spot covering no card and no other label. */
  labelX?: number;
  labelY?: number;
}

/** The edge type of share edges (components/ram/share-edge.tsx): React Flow's bezier with its label placed apart. */
export const SHARE_EDGE_TYPE = 'ramShare';

/** A share edge: a bezier from the side of the owner's card, never a tree edge's step. */
export type ShareFlowEdge = OrgFlowEdge & { data: ShareEdgeData };

/** The edges and the cards beside the tree that the share overlay adds. */
export interface ShareOverlay {
  nodes: ExternalAccountFlowNode[];
  edges: ShareFlowEdge[];
}

const PREFIX = 'ram:';
/** The id of the edge from a share's owner to one principal. */
export function shareEdgeId(shareArn: string, principal: string): string {
  return `${PREFIX}${encodeURIComponent(shareArn)}|${encodeURIComponent(principal)}`;
}

/** The share and principal of a share edge id, or null for any other edge. */
export function shareEdgeOf(edgeId: string): { shareArn: string; principal: string } | null {
  if (!edgeId.startsWith(PREFIX)) return null;
  const [arn, principal] = edgeId.slice(PREFIX.length).split('|');
  return arn && principal ? { shareArn: decodeURIComponent(arn), principal: decodeURIComponent(principal) } : null;
}

/** The id of the card drawn for an account outside the organization. */
export function externalNodeId(accountId: string): string {
  return `ram-external:${accountId}`;
}

/** The principal's end: a tree card (row id), an external account, or nothing to draw (service principals). */
function principalEnd(principal: ResourceShareView['principals'][number], tree: OrgTree): { cardId: string } | { external: string } | null {
  const text = principal.principal;
  const accountOf = (accountId: string) => tree.accounts.find((account) => account.accountId === accountId);
  switch (principal.principalType) {
    case 'ACCOUNT':
    case 'IAM_ROLE':
    case 'IAM_USER': {
      const accountId = principal.principalType === 'ACCOUNT' ? text : text.split(':')[4] ?? '';
      const card = accountOf(accountId);
      return card ? { cardId: card.id } : { external: accountId };
    }
    case 'ORGANIZATION':
      return tree.root ? { cardId: tree.root.id } : null;
    case 'ORGANIZATIONAL_UNIT': {
      const ouAwsId = text.split('/').pop() ?? '';
      const ou = tree.orgUnits.find((unit) => unit.awsId === ouAwsId);
      return ou ? { cardId: ou.id } : null;
    }
    case 'SERVICE':
      return null;
  }
}

/** The card that stands for a row id: itself when drawn, else its nearest drawn ancestor (a folded OU). */
function drawnCard(id: string, drawn: ReadonlySet<string>, parentOf: ReadonlyMap<string, string>): string | null {
  for (let current: string | undefined = id; current !== undefined; current = parentOf.get(current)) {
    if (drawn.has(current)) return current;
  }
  return null;
}

/** Aggregates the engine's per-account verdicts for the accounts one principal reaches. */
function stopOf(accountIds: readonly string[], verdicts: ReadonlyMap<string, ShareScpStops['shares'][number]['recipients'][number]>): { stop: ShareEdgeStop; stopped: number } {
  const found = accountIds.map((id) => verdicts.get(id)).filter((verdict) => verdict !== undefined);
  const stopped = found.filter((verdict) => verdict.stop === 'all' || verdict.stop === 'some').length;
  const all = found.length > 0 && found.every((verdict) => verdict.stop === 'all');
  if (all) return { stop: 'all', stopped };
  if (stopped > 0) return { stop: 'some', stopped };
  return { stop: found.some((verdict) => verdict.stop === 'conditional') ? 'conditional' : 'none', stopped: 0 };
}

function edgeLabel(data: ShareEdgeData): string {
  const marks = [];
  if (data.external) marks.push('external');
  if (data.pending) marks.push('invitation pending');
  if (data.stop === 'all') marks.push(data.recipients === 1 ? 'SCP stops it' : `SCPs stop all ${data.recipients}`);
  else if (data.stop === 'some') marks.push(`SCPs stop ${data.stopped}/${data.recipients}`);
  else if (data.stop === 'conditional') marks.push('SCPs: depends');
  return `RAM ${data.shareName}${marks.length > 0 ? ` · ${marks.join(' · ')}` : ''}`;
}

/**
 * The share overlay for the drawn (laid-out) nodes: one edge per share principal that is associated or invited,
 * from the owner's card to the principal's card (or its nearest drawn ancestor), and one card per external account,
 * placed in a column right of the tree. Shares whose owner is not drawn are left out.
 */
export function shareOverlay(tree: OrgTree, drawnNodes: readonly OrgFlowNode[], shares: readonly ResourceShareView[], stops: ShareScpStops['shares'] = []): ShareOverlay {
  const drawn = new Set(drawnNodes.filter((node) => !node.hidden).map((node) => node.id));
  const parentOf = new Map<string, string>([...tree.orgUnits.map((ou) => [ou.id, ou.parentId] as const), ...tree.accounts.map((account) => [account.id, account.parentId] as const)]);
  const verdictsOf = new Map(stops.map((share) => [share.shareArn, new Map(share.recipients.map((recipient) => [recipient.accountId, recipient]))]));
  const externals = new Map<string, string[]>();
  const edges: ShareFlowEdge[] = [];

  for (const share of shares) {
    const ownerCard = tree.accounts.find((account) => account.accountId === share.owningAccountId);
    const source = ownerCard ? drawnCard(ownerCard.id, drawn, parentOf) : null;
    if (!source) continue;
    for (const principal of share.principals) {
      if (principal.status === 'DISASSOCIATED' || principal.status === 'FAILED' || principal.status === 'DISASSOCIATING') continue;
      const end = principalEnd(principal, tree);
      if (!end) continue;
      let target: string | null;
      if ('external' in end) {
        target = externalNodeId(end.external);
        externals.set(end.external, [...(externals.get(end.external) ?? []), share.name]);
      } else {
        target = drawnCard(end.cardId, drawn, parentOf);
      }
      if (!target || target === source) continue;
      const recipients = share.recipients.filter((recipient) => recipient.via === principal.principal).map((recipient) => recipient.accountId);
      const { stop, stopped } = stopOf(recipients, verdictsOf.get(share.arn) ?? new Map());
      const data: ShareEdgeData = {
        shareArn: share.arn,
        shareName: share.name,
        principal: principal.principal,
        external: principal.external,
        pending: principal.status === 'ASSOCIATING' || principal.invitationStatus === 'PENDING',
        stop,
        recipients: recipients.length,
        stopped,
      };
      const classes = ['ram-edge', `ram-edge--stop-${stop}`];
      if (data.external) classes.push('ram-edge--external');
      if (data.pending) classes.push('ram-edge--pending');
      edges.push({
        id: shareEdgeId(share.arn, principal.principal),
        source,
        target,
        sourceHandle: HANDLE.shareOut,
        targetHandle: HANDLE.shareIn,
        type: SHARE_EDGE_TYPE,
        label: edgeLabel(data),
        ariaLabel: `RAM share ${share.name} from ${share.owningAccountName} to ${principal.principal}: ${edgeLabel(data)}`,
        className: classes.join(' '),
        markerEnd: { type: MarkerType.ArrowClosed },
        zIndex: 15,
        selectable: false,
        data,
      });
    }
  }

  // External accounts: a column right of the tree, from its top, in the order they were met.
  const shown = drawnNodes.filter((node) => !node.hidden);
  const right = Math.max(0, ...shown.map((node) => node.position.x + (node.measured?.width ?? node.width ?? 0)));
  const top = Math.min(...shown.map((node) => node.position.y), 0);
  const size = NODE_SIZE.externalAccount;
  const nodes = [...externals].map(([accountId, shareNames], index): ExternalAccountFlowNode => ({
    id: externalNodeId(accountId),
    type: 'externalAccount',
    position: { x: right + 180, y: top + index * (size.height + 32) },
    ...size,
    draggable: false,
    data: { accountId, shares: [...new Set(shareNames)] },
    ariaLabel: `External account ${accountId} (outside the organization), named by RAM share ${[...new Set(shareNames)].join(', ')}`,
  }));
  placeLabels(edges, [...shown, ...nodes]);
  return { nodes, edges };
}

/** Puts each edge's label where it covers no card and no other label (share-label-placement.ts). */
function placeLabels(edges: ShareFlowEdge[], cards: readonly (OrgFlowNode | ExternalAccountFlowNode)[]): void {
  const rectOf = new Map<string, Rect>(cards.map((card) => [card.id, {
    x: card.position.x,
    y: card.position.y,
    width: card.measured?.width ?? card.width ?? 0,
    height: card.measured?.height ?? card.height ?? 0,
  }]));
  const curves: LabelledCurve[] = [];
  for (const edge of edges) {
    const from = rectOf.get(edge.source);
    const to = rectOf.get(edge.target);
    if (!from || !to) continue;
    // Handles sit at the middle of a card's side: the right side, except the external account's left one.
    const targetSide = edge.target.startsWith(externalNodeId('')) ? 'left' : 'right';
    curves.push({
      id: edge.id,
      label: typeof edge.label === 'string' ? edge.label : '',
      source: { x: from.x + from.width, y: from.y + from.height / 2, side: 'right' },
      target: { x: targetSide === 'left' ? to.x : to.x + to.width, y: to.y + to.height / 2, side: targetSide },
    });
  }
  const spots = placeShareLabels(curves, [...rectOf.values()]);
  for (const edge of edges) {
    const spot = spots.get(edge.id);
    if (spot) edge.data = { ...edge.data, labelX: spot.x, labelY: spot.y };
  }
}
