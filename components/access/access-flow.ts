// Access graph → React Flow: principals and roles inside account boxes inside OU boxes, edges styled by the
// conditions they need. Pure (unit-tested); the layout is elkjs's layered algorithm over the nested boxes.
import type { Edge, Node } from '@xyflow/react';
import type { AccessEdgeDto, AccessNodeDto } from '@/server/schemas/access';
import { pointOnRoute, routeEdges, type RouteBox, type RoutePoint } from './access-route';
import { edgeStyleKind } from './edge-style-kind';
import { LANE_SPACING, nudgeRoutes, type RouteEnds } from './route-nudge';

export { edgeStyleKind };

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
/** What a folded account hides, and how many edges leave and enter it. */
export interface FoldedSummary {
  roles: number;
  /** Users and other principals (services, Identity Center) drawn in the account. */
  others: number;
  /** Edges into the account from other accounts and from outside principals (drawn, merged per pair). */
  edgesIn: number;
  edgesOut: number;
  /** Edges into the account from AWS service principals: counted on the card, not drawn (every account has them). */
  fromServices: number;
}
/** Data of an account or OU box (a folded account is a box without children). */
export interface GroupNodeData extends Record<string, unknown> {
  label: string;
  /** A folded card's first line, split from the label so a long name cannot push the id out of sight. */
  heading?: { name: string; detail: string };
  kind: 'ou' | 'account' | 'outside';
  accountId?: string;
  folded?: boolean;
  /** Principals drawn in the account (folded or not). */
  count?: number;
  /** Set when folded. */
  hidden?: FoldedSummary;
}
/** Data of an edge. */
export interface AccessEdgeData extends Record<string, unknown> {
  edge: AccessEdgeDto;
  /** Edges folded into this one (between folded accounts). */
  count: number;
  highlighted: boolean;
  /** Where the label sits along the edge (0 = source, 1 = target), chosen so that labels never overlap; absent: middle. */
  labelAt?: number;
  /** The label is not drawn: every place along the edge overlaps another label (the edge's panel still shows it). */
  labelHidden?: boolean;
  /** The orthogonal route around the cards (absolute flow coordinates, bends only); absent: drawn as a curve. */
  route?: RoutePoint[];
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

/** The size of a principal card on the access view. */
export const CARD = { width: 200, height: 44 };

/**
 * Stacking (React Flow's "manual" z-index mode, which the view sets): OU and open account boxes at the bottom, then
 * the edges, then the cards, then the chosen path. An edge passes under a card instead of over its name (packed
 * accounts are a grid the edges must cross), and its label is placed where no card is (placeEdgeLabels).
 */
export const ACCESS_Z = { edge: 50, card: 100, highlightedEdge: 150 } as const;
const FOLDED = { width: 264, height: 76 };

/**
 * Above this many principals drawn, accounts start folded: one card per account, unfolded on a click. A 1440x900
 * window's pane holds about forty cards at a readable zoom with their account boxes and lanes; the sample's 70 did
 * not fit, so the view opened on its top left corner (an outside account and empty space) instead of the organization.
 */
export const FOLD_ABOVE = 40;

/**
 * The accounts folded when the user has not chosen: all of them once more than FOLD_ABOVE principals are drawn in
 * more than one account (one account folded into one card would show nothing).
 */
export function defaultFolded(nodes: readonly AccessNodeDto[]): ReadonlySet<string> {
  const inAccounts = nodes.filter((node) => node.accountId !== undefined);
  if (inAccounts.length <= FOLD_ABOVE) return new Set();
  const accounts = new Set(inAccounts.map((node) => node.accountId!));
  return accounts.size > 1 ? accounts : new Set();
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
      case 'sessionName': return `session named ${condition.values[0] ?? '?'}`;
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
  const accountOfNode = new Map(nodes.map((node) => [node.id, node.accountId]));
  // The box that holds "anyone" carries a stand-in account id no real account has: name it for what it holds.
  const anyoneOnly = new Set(usedAccounts.filter((accountId) => nodes.every((node) => node.accountId !== accountId || node.kind === 'anyone')));
  const serviceNodes = new Set(nodes.filter((node) => node.kind === 'service').map((node) => node.id));
  const summaries = new Map<string, FoldedSummary>();
  for (const node of nodes) {
    if (!node.accountId) continue;
    const summary = summaries.get(node.accountId) ?? { roles: 0, others: 0, edgesIn: 0, edgesOut: 0, fromServices: 0 };
    if (node.kind === 'role') summary.roles += 1;
    else summary.others += 1;
    summaries.set(node.accountId, summary);
  }
  for (const edge of edges) {
    const from = accountOfNode.get(edge.from);
    const to = accountOfNode.get(edge.to);
    if (from === to) continue;
    if (from !== undefined) summaries.get(from)!.edgesOut += 1;
    if (to !== undefined && serviceNodes.has(edge.from)) summaries.get(to)!.fromServices += 1;
    else if (to !== undefined) summaries.get(to)!.edgesIn += 1;
  }
  // A service trusted by roles of a folded account is a count on its card: hundreds of service edges fanning into
  // every account would hide the cross-account ones. A service left with no drawn edge is not drawn.
  const folds = (id: string) => {
    const accountId = accountOfNode.get(id);
    return accountId !== undefined && options.folded.has(accountId);
  };
  const drawnEdges = edges.filter((edge) => !(serviceNodes.has(edge.from) && folds(edge.to)));
  const withEdges = new Set(drawnEdges.flatMap((edge) => [edge.from, edge.to]));
  for (const accountId of usedAccounts) {
    const account = accountById.get(accountId);
    const parent = parentOf(account);
    const folded = options.folded.has(accountId);
    const summary = summaries.get(accountId)!;
    const count = summary.roles + summary.others;
    // An outside account is known by its id alone (its name is the id): "444455556666 · 444455556666" said it twice.
    const named = account !== undefined && account.name !== accountId;
    const anyone = anyoneOnly.has(accountId);
    const label = anyone ? 'Anyone' : named ? `${account.name} · ${accountId}` : account?.inOrganization ? accountId : `${accountId} (outside the organization)`;
    flowNodes.push({
      id: groupId(accountId), type: 'group', position: { x: 0, y: 0 },
      data: {
        label, kind: account?.inOrganization ? 'account' : 'outside', accountId, folded, count,
        ...(folded ? { hidden: summary, heading: anyone ? { name: 'Anyone', detail: 'any AWS account' } : { name: named ? account.name : accountId, detail: named ? accountId : account?.inOrganization ? '' : 'outside the org' } } : {}),
      },
      ...(folded ? { width: FOLDED.width, height: FOLDED.height, zIndex: ACCESS_Z.card } : {}),
      ...(parent ? { parentId: parent, extent: 'parent' as const } : {}),
    });
  }
  const visibleId = new Map<string, string>();
  for (const node of nodes) {
    if (node.accountId && options.folded.has(node.accountId)) {
      visibleId.set(node.id, groupId(node.accountId));
      continue;
    }
    if (serviceNodes.has(node.id) && !withEdges.has(node.id)) continue;
    visibleId.set(node.id, node.id);
    const highlighted = edges.some((edge) => options.highlighted.has(edge.id) && (edge.from === node.id || edge.to === node.id));
    flowNodes.push({
      id: node.id, type: 'principal', position: { x: 0, y: 0 }, width: CARD.width, height: CARD.height, zIndex: ACCESS_Z.card,
      data: { node, highlighted },
      ...(node.accountId ? { parentId: groupId(node.accountId), extent: 'parent' as const } : {}),
    });
  }

  const byPair = new Map<string, AccessFlowEdge>();
  for (const edge of drawnEdges) {
    const source = visibleId.get(edge.from);
    const target = visibleId.get(edge.to);
    if (!source || !target || source === target) continue;
    const key = `${source}→${target}`;
    const highlighted = options.highlighted.has(edge.id);
    const existing = byPair.get(key);
    if (existing && existing.data) {
      existing.data.count += 1;
      existing.data.highlighted ||= highlighted;
      if (highlighted) existing.zIndex = ACCESS_Z.highlightedEdge;
      continue;
    }
    const kind = edgeStyleKind(edge);
    const label = edgeLabel(edge);
    byPair.set(key, {
      id: source === edge.from && target === edge.to ? edge.id : key,
      type: 'access',
      source, target,
      className: `access-edge access-edge--${kind}${edge.decision === 'conditional' ? ' access-edge--conditional' : ''}${highlighted ? ' access-edge--highlighted' : ''}`,
      ...(label ? { label } : {}),
      data: { edge, count: 1, highlighted },
      interactionWidth: EDGE_HIT_WIDTH,
      zIndex: highlighted ? ACCESS_Z.highlightedEdge : ACCESS_Z.edge,
    });
  }
  // Edges folded together carry their count ("×12"); the condition label is the first edge's, as is its style.
  const flowEdges = [...byPair.values()].map((edge) => (edge.data && edge.data.count > 1 ? { ...edge, label: `${edge.label ? `${String(edge.label)} ` : ''}×${edge.data.count}` } : edge));
  return { nodes: flowNodes, edges: flowEdges };
}

/** From this many folded accounts on, the view is a map of accounts: cards packed in rows inside their OU boxes. */
export const PACKED_FROM = 10;

/**
 * Up to this many open cards, elkjs's layered algorithm lays the cards out left to right by their edges; above it,
 * each open account is a grid of columns (accounts packed by OU, as folded cards are): the layered layout of every
 * card and edge with nested boxes grows much faster than the graph (7.4 s for 244 cards and 670 edges on an idle
 * core, a sheet of 15,000 × 18,000 px) while the grid is linear and fits a screen or two.
 */
export const LAYERED_UP_TO = 80;

/** Width of a character of a box's name (13 px semibold; digits, which account names end with, are the widest). */
const NAME_CHAR_WIDTH = 8.2;

/** Room inside an open account laid out as a grid: its name on top, lanes for the edges beside and between columns. */
const GRID = { top: 34, side: 28, bottom: 22, columnGap: 56, rowGap: 14, minRows: 4 } as const;

/**
 * Cards of an open account in columns, filled column by column; the cards more assumed than assuming first (left,
 * where edges come in) and the cards that assume others last (right, where edges leave), so routes stay short.
 * Returns the positions (relative to the account box) and the box's size.
 */
export function gridOfAccount(cards: readonly AccessFlowNode[], label: string, balance: ReadonlyMap<string, number>): { width: number; height: number; positions: Map<string, { x: number; y: number }> } {
  const rows = Math.min(cards.length, Math.max(GRID.minRows, Math.ceil(Math.sqrt(cards.length * 2))));
  const columns = Math.max(1, Math.ceil(cards.length / Math.max(1, rows)));
  const nameOf = (node: AccessFlowNode) => (node.type === 'principal' ? node.data.node.name : node.data.label);
  const ordered = [...cards].sort((a, b) => (balance.get(a.id) ?? 0) - (balance.get(b.id) ?? 0) || nameOf(a).localeCompare(nameOf(b)));
  const positions = new Map<string, { x: number; y: number }>();
  ordered.forEach((node, index) => {
    const column = Math.floor(index / rows);
    const row = index % rows;
    positions.set(node.id, { x: GRID.side + column * (CARD.width + GRID.columnGap), y: GRID.top + row * (CARD.height + GRID.rowGap) });
  });
  const width = Math.max(2 * GRID.side + columns * CARD.width + (columns - 1) * GRID.columnGap, label.length * NAME_CHAR_WIDTH + 70);
  const height = GRID.top + rows * CARD.height + (rows - 1) * GRID.rowGap + GRID.bottom;
  return { width, height, positions };
}

/** Absolute boxes (React Flow positions are relative to the parent) of the cards: principals and folded accounts. */
export function cardBoxes(nodes: readonly AccessFlowNode[]): Map<string, RouteBox> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const absolute = new Map<string, RouteBox>();
  const boxOf = (id: string): RouteBox | undefined => {
    const known = absolute.get(id);
    if (known) return known;
    const node = byId.get(id);
    if (!node) return undefined;
    const parent = node.parentId ? boxOf(node.parentId) : undefined;
    const box = { x: (parent?.x ?? 0) + node.position.x, y: (parent?.y ?? 0) + node.position.y, width: node.width ?? 0, height: node.height ?? 0 };
    absolute.set(id, box);
    return box;
  };
  const cards = new Map<string, RouteBox>();
  for (const node of nodes) {
    if (node.type !== 'principal' && !node.data.folded) continue;
    const box = boxOf(node.id);
    if (box && box.width > 0) cards.set(node.id, box);
  }
  return cards;
}

/** The name strips at the top of open account and OU boxes (absolute), which routes keep off so that no line crosses a name. */
export function nameBoxes(nodes: readonly AccessFlowNode[]): RouteBox[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const origin = (node: AccessFlowNode | undefined): { x: number; y: number } => {
    if (!node) return { x: 0, y: 0 };
    const parent = origin(node.parentId ? byId.get(node.parentId) : undefined);
    return { x: parent.x + node.position.x, y: parent.y + node.position.y };
  };
  return nodes.filter((node): node is GroupFlowNode => node.type === 'group' && !node.data.folded).map((node) => {
    const at = origin(node);
    // The name, then an account's fold button.
    const width = Math.min(node.width ?? 0, node.data.label.length * NAME_CHAR_WIDTH + (node.data.kind === 'ou' ? 24 : 60));
    return { x: at.x, y: at.y, width, height: NAME_STRIP_HEIGHT };
  }).filter((box) => box.width > 0);
}

/** Height of the name line at the top of an open account or OU box. */
const NAME_STRIP_HEIGHT = 24;

/** Each edge with its orthogonal route around the cards (data.route), from its source's right side to its target's left side, edges sharing a lane set apart. */
export function routeAccessFlow(nodes: readonly AccessFlowNode[], edges: readonly AccessFlowEdge[]): AccessFlowEdge[] {
  const cards = cardBoxes(nodes);
  const names = nameBoxes(nodes);
  const found = routeEdges(cards, edges, names).routes;
  // Edges routed alone share lanes: moved a few pixels apart, each can be told from the others and clicked.
  const ends = new Map<string, RouteEnds>();
  for (const edge of edges) {
    const [source, target] = [cards.get(edge.source), cards.get(edge.target)];
    if (source && target) ends.set(edge.id, { source, target });
  }
  const routes = nudgeRoutes(found, ends, [...cards.values(), ...names]);
  return edges.map((edge) => {
    const route = routes.get(edge.id);
    return route && edge.data ? { ...edge, data: { ...edge.data, route } } : edge;
  });
}

/**
 * Width of the invisible stroke that takes an edge's clicks (px). React Flow's 20 px would let the edge drawn last
 * take the clicks of its neighbours LANE_SPACING away in a shared lane; this one reaches just short of them.
 */
export const EDGE_HIT_WIDTH = LANE_SPACING + 2;

/** A point of the curve React Flow draws between a right-hand source handle and a left-hand target handle (an edge without a route). */
export function pointOnAccessEdge(source: { x: number; y: number }, target: { x: number; y: number }, t: number): { x: number; y: number } {
  // React Flow's bezier edge: control points run horizontally out of each handle (its calculateControlOffset).
  const distance = target.x - source.x;
  const offset = distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
  const c1 = { x: source.x + offset, y: source.y };
  const c2 = { x: target.x - offset, y: target.y };
  const u = 1 - t;
  const along = (a: number, b: number, c: number, d: number) => u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
  return { x: along(source.x, c1.x, c2.x, target.x), y: along(source.y, c1.y, c2.y, target.y) };
}

/** Places along the edge a label may take, middle first. */
const LABEL_PLACES = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.45, 0.55, 0.33, 0.67];
const LABEL_FONT_WIDTH = 7;
const LABEL_HEIGHT = 20;
/** A label is not drawn again (same text) closer than this to where it already is (px, either axis). */
const SAME_LABEL_NEAR = 160;

type Box = RouteBox;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The label's box on screen, estimated from its text (12 px font, with the background's padding). */
export function labelBox(label: string, at: { x: number; y: number }): Box {
  const width = label.length * LABEL_FONT_WIDTH + 10;
  return { x: at.x - width / 2, y: at.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
}

/**
 * Chooses where each edge label sits so that no two labels overlap, nor a label a card or a box's name: the middle
 * of the edge (its route when routed) when free, else the first free place along it; an edge with no free place, or
 * whose label already stands nearby on a lane it shares, draws no label (its colour and its panel name the
 * conditions). Needs the laid-out nodes (positions relative to their parent, as React Flow takes them).
 */
export function placeEdgeLabels(nodes: readonly AccessFlowNode[], edges: readonly AccessFlowEdge[]): AccessFlowEdge[] {
  const boxes = cardBoxes(nodes);
  // Cards (principals and folded accounts) and the names of open boxes are obstacles; the boxes are backgrounds.
  const taken: Box[] = [...boxes.values(), ...nameBoxes(nodes)];
  // Highlighted and many-edge labels first: they are the ones people read.
  const order = [...edges.keys()].sort((a, b) => rank(edges[b]) - rank(edges[a]) || a - b);
  const placed: AccessFlowEdge[] = [...edges];
  const shown = new Map<string, Box[]>();
  for (const index of order) {
    const edge = edges[index];
    const label = typeof edge.label === 'string' ? edge.label : undefined;
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!label || !source || !target || !edge.data) continue;
    const route = edge.data.route;
    const from = { x: source.x + source.width, y: source.y + source.height / 2 };
    const to = { x: target.x, y: target.y + target.height / 2 };
    const at = (t: number) => (route ? pointOnRoute(route, t) : pointOnAccessEdge(from, to, t));
    // Edges share lanes: the same label again within SAME_LABEL_NEAR of one already drawn would only repeat it.
    const repeats = (box: Box) => (shown.get(label) ?? []).some((other) => Math.abs(other.x - box.x) < SAME_LABEL_NEAR && Math.abs(other.y - box.y) < SAME_LABEL_NEAR);
    const free = LABEL_PLACES.map((t) => ({ t, box: labelBox(label, at(t)) })).find(({ box }) => !repeats(box) && !taken.some((other) => overlaps(box, other)));
    if (free) {
      taken.push(free.box);
      shown.set(label, [...(shown.get(label) ?? []), free.box]);
      placed[index] = { ...edge, data: { ...edge.data, labelAt: free.t } };
    } else {
      placed[index] = { ...edge, data: { ...edge.data, labelHidden: true } };
    }
  }
  return placed;
}

function rank(edge: AccessFlowEdge): number {
  return (edge.data?.highlighted ? 1_000_000 : 0) + (edge.data?.count ?? 1);
}
