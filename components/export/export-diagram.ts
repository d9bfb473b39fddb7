// What an export draws: the org tree laid out like the canvas (the current view with its folded subtrees, or
// the whole tree), turned into the exporters' DiagramModel with the effective-permission colours and legend.
import type { OrgTree } from '@/server/schemas/org';
import type { AccountDecision } from '../editor-base/editor-store';
import { compactLayoutSliced, type RoutePoint } from '../org-graph/compact-layout';
import { DIAGRAM_STATUSES, fromFlow, noPause, policyLinesHeight, policyLinesOf, STATUS_LABELS, type DiagramModel, type DiagramStatus, type Pause } from '../org-graph/export';
import { layoutNow } from '../org-graph/layout';
import { toFlow, type OrgFlow, type OrgFlowNode } from '../org-graph/to-flow';

/**
 * Export the current view (folded subtrees stay folded), the whole tree (everything unfolded), or one OU's
 * subtree (the OU and everything under it, unfolded).
 */
export type ExportScope = 'view' | 'tree' | { subtree: string };

/**
 * Widest sheet drawn with the canvas's own layout, in canvas units. Past it the sheet is the compact layout
 * (children wrapped into lines): the canvas's one row of siblings makes 601 cards 33,000 units wide.
 */
export const CANVAS_LAYOUT_MAX_WIDTH = 6_000;

/** What an export draws: the laid-out flow and, for the compact sheet, every tree edge's route. */
export interface ExportFlow extends OrgFlow {
  routes?: ReadonlyMap<string, RoutePoint[]>;
}

/**
 * The laid-out flow an export draws: the canvas's toFlow, cards made taller to print their policy names when
 * asked, then the canvas's layout, or the compact sheet layout when that would be wider than
 * CANVAS_LAYOUT_MAX_WIDTH. `pause` is awaited between the steps (the page's turns during a big export).
 */
export async function laidOutExportFlow(tree: OrgTree, scope: ExportScope, collapsedInView: ReadonlySet<string>, options: { policyNames?: boolean; pause?: Pause } = {}): Promise<ExportFlow> {
  const pause = options.pause ?? noPause;
  const flow = toFlow(tree, { collapsed: scope === 'view' ? collapsedInView : new Set<string>() });
  await pause();
  const scoped = typeof scope === 'object' ? subtreeOf(flow, scope.subtree) : flow;
  const { edges } = scoped;
  const nodes = options.policyNames ? scoped.nodes.map(withPolicyRoom) : scoped.nodes;
  await pause();
  const canvas = layoutNow(nodes, edges);
  let right = 0;
  for (const node of canvas) right = Math.max(right, node.position.x + (node.width ?? 0));
  if (right <= CANVAS_LAYOUT_MAX_WIDTH) return { nodes: canvas, edges };
  await pause();
  const sheet = await compactLayoutSliced(nodes, edges, pause);
  return { nodes: nodes.map((node) => ({ ...node, position: sheet.positions.get(node.id) ?? node.position })), edges, routes: sheet.routes };
}

/** The node `rootId` and everything under it (an unknown id is an error: the OU was deleted meanwhile). */
function subtreeOf(flow: OrgFlow, rootId: string): OrgFlow {
  if (!flow.nodes.some((node) => node.id === rootId)) throw new Error('That OU is no longer in the design: nothing to export.');
  const children = new Map<string, string[]>();
  for (const edge of flow.edges) children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
  const keep = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (keep.has(child)) continue;
      keep.add(child);
      stack.push(child);
    }
  }
  return { nodes: flow.nodes.filter((node) => keep.has(node.id)), edges: flow.edges.filter((edge) => keep.has(edge.source) && keep.has(edge.target)) };
}

/** The card made tall enough for its policy lines (card-content.ts prints them under the name). */
function withPolicyRoom(node: OrgFlowNode): OrgFlowNode {
  if (node.type === 'externalAccount') return node;
  const attached = node.type === 'root' ? node.data.root.attachedPolicies : node.type === 'ou' ? node.data.ou.attachedPolicies : node.data.account.attachedPolicies;
  const lines = policyLinesOf(attached).length;
  if (lines === 0) return node;
  // The layout reads `height`, the drawing the measured size first (fromFlow): both grow, or the lines overflow the card.
  const height = (node.measured?.height ?? node.height ?? 0) + policyLinesHeight(lines);
  return { ...node, height, measured: { ...node.measured, width: node.measured?.width ?? node.width, height } };
}

/** Effective statuses by node id, from the decisions by 12-digit account id. */
export function statusesByNode(flow: OrgFlow, decisions: Readonly<Record<string, AccountDecision>>): Record<string, DiagramStatus> {
  const statuses: Record<string, DiagramStatus> = {};
  for (const node of flow.nodes) {
    if (node.type !== 'account') continue;
    const decision = decisions[node.data.account.accountId];
    if (decision) statuses[node.id] = decision.decision;
  }
  return statuses;
}

/** A heading naming the design and, in the effective view, the request the colours answer. */
export function exportTitle(designName: string, decisions: Readonly<Record<string, AccountDecision>>): string {
  const requests = Object.values(decisions).flatMap((decision) => (decision.request ? [decision.request] : []));
  if (requests.length === 0) return designName;
  const [first] = requests;
  const samePrincipal = requests.every((request) => request.principalArn === first.principalArn);
  // "A principal in each account": the ARNs differ only by account; name the principal once.
  const local = first.principalArn.replace(/^arn:[^:]+:iam::\d{12}:/, '');
  const who = samePrincipal ? first.principalArn : local === 'root' ? 'the root user of each account' : `${local} in each account`;
  return `${designName}: ${who} → ${first.action} on ${first.resource}`;
}

/**
 * The diagram to export: cards, links (with the sheet's routes), the cards' key, the status legend whenever the
 * effective view colours cards, and the policy names on cards when asked.
 */
export function exportModel(flow: ExportFlow, options: { title: string; decisions: Readonly<Record<string, AccountDecision>>; policyNames?: boolean }): DiagramModel {
  const statuses = statusesByNode(flow, options.decisions);
  const coloured = Object.keys(statuses).length > 0;
  return fromFlow(flow.nodes, flow.edges, {
    title: options.title,
    statuses,
    key: true,
    ...(options.policyNames ? { policyNames: true } : {}),
    ...(flow.routes ? { routes: flow.routes } : {}),
    ...(coloured ? { legend: DIAGRAM_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status] })) } : {}),
  });
}

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** A file name from the design name (and the subtree's OU name): lower-case words joined by dashes. */
export function exportFileName(designName: string, scope: ExportScope, extension: string, subtreeName?: string): string {
  const what = typeof scope === 'object' ? `subtree-${slugOf(subtreeName ?? '') || 'ou'}` : scope === 'tree' ? 'whole-tree' : 'view';
  return `${slugOf(designName) || 'design'}-${what}.${extension}`;
}
