// What an export draws: the org tree laid out like the canvas (the current view with its folded subtrees, or
// the whole tree), turned into the exporters' DiagramModel with the effective-permission colours and legend.
import type { OrgTree } from '@/server/schemas/org';
import type { AccountDecision } from '../editor/store/editor-store';
import { DIAGRAM_STATUSES, fromFlow, STATUS_LABELS, type DiagramModel, type DiagramStatus } from '../org-graph/export';
import { layout } from '../org-graph/layout';
import { toFlow, type OrgFlow } from '../org-graph/to-flow';

/** Export the current view (folded subtrees stay folded) or the whole tree (everything unfolded). */
export type ExportScope = 'view' | 'tree';

/** The laid-out flow an export draws; the same pure toFlow and layout as the canvas. */
export async function laidOutExportFlow(tree: OrgTree, scope: ExportScope, collapsedInView: ReadonlySet<string>): Promise<OrgFlow> {
  const flow = toFlow(tree, { collapsed: scope === 'view' ? collapsedInView : new Set<string>() });
  const nodes = await layout(flow.nodes, flow.edges);
  return { nodes, edges: flow.edges };
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

/** The diagram to export: cards, links, colours, and the full legend whenever the effective view colours cards. */
export function exportModel(flow: OrgFlow, options: { title: string; decisions: Readonly<Record<string, AccountDecision>> }): DiagramModel {
  const statuses = statusesByNode(flow, options.decisions);
  const coloured = Object.keys(statuses).length > 0;
  return fromFlow(flow.nodes, flow.edges, {
    title: options.title,
    statuses,
    ...(coloured ? { legend: DIAGRAM_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status] })) } : {}),
  });
}

/** A file name from the design name: lower-case words joined by dashes. */
export function exportFileName(designName: string, scope: ExportScope, extension: string): string {
  const slug = designName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'design';
  return `${slug}-${scope === 'tree' ? 'whole-tree' : 'view'}.${extension}`;
}
